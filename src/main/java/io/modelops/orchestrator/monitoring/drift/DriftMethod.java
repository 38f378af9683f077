package io.modelops.orchestrator.monitoring.drift;

/** A drift statistic. KS and CHI_SQUARE score with a p-value (drift when below), the others with a distance (drift when at or above). */
public enum DriftMethod {
  /** Two-sample Kolmogorov–Smirnov test on raw numeric values; score: p-value. */
  KS,
  /** χ² goodness of fit of the current category counts to the reference shares; score: p-value. */
  CHI_SQUARE,
  /** Wasserstein (earth mover's) distance over the reference standard deviation, raw values. */
  WASSERSTEIN,
  /** Jensen–Shannon distance (natural logarithm) of the binned or categorical shares. */
  JENSEN_SHANNON,
  /** Population Stability Index over bins of the reference. */
  PSI;

  /** Whether the score is a p-value (drift when it is below the threshold). */
  public boolean isTest() {
    return this == KS || this == CHI_SQUARE;
  }
}
