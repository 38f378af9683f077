package io.modelops.orchestrator.monitoring.drift;

/**
 * The statistic that decides whether one feature drifted.
 *
 * <p>Two kinds of score: for {@link #KS} and {@link #CHI_SQUARE} the score is a p-value and the
 * feature drifted when it is <em>below</em> the threshold; for the others the score is a distance
 * and the feature drifted when it is <em>at or above</em> the threshold. See {@link
 * DriftStatistics} for the definitions.
 */
public enum DriftMethod {
  /** Two-sample Kolmogorov–Smirnov test, p-value. Numeric features only. */
  KS(true, false),
  /** χ² goodness-of-fit test of the current counts against the reference proportions, p-value. */
  CHI_SQUARE(true, true),
  /** Wasserstein distance divided by the reference standard deviation. Numeric features only. */
  WASSERSTEIN(false, false),
  /** Jensen–Shannon distance (natural logarithm) of the binned or categorical distributions. */
  JENSEN_SHANNON(false, true),
  /** Population Stability Index of the binned or categorical distributions. */
  PSI(false, true);

  private final boolean pValue;
  private final boolean categorical;

  DriftMethod(boolean pValue, boolean categorical) {
    this.pValue = pValue;
    this.categorical = categorical;
  }

  /** Whether the score is a p-value (drift when below the threshold) rather than a distance. */
  public boolean isPValue() {
    return pValue;
  }

  /** Whether the method applies to categorical features (all apply to numeric features). */
  public boolean appliesToCategorical() {
    return categorical;
  }

  /** Whether {@code score} means drift against {@code threshold} for this method. */
  public boolean drifted(double score, double threshold) {
    return pValue ? score < threshold : score >= threshold;
  }
}
