package io.modelops.orchestrator.monitoring.drift;

import java.util.Map;

/**
 * Thresholds and method choice of the drift detection; {@link #defaults()} are Evidently's.
 *
 * @param smallReferenceLimit up to this many reference rows the statistical tests (KS, χ²) are
 *     used, above it the distances (Wasserstein, Jensen–Shannon)
 * @param pValue drift when a test's p-value is below it
 * @param wasserstein drift when the normalised Wasserstein distance is at or above it
 * @param jensenShannon drift when the Jensen–Shannon distance is at or above it
 * @param psi drift when the PSI is at or above it
 * @param driftShare the dataset drifts when at least this share of its features drifts
 * @param methodPerFeature a fixed method for some features
 * @param numericMethod a fixed method for every numeric feature (null: chosen by reference size)
 * @param categoricalMethod a fixed method for every categorical feature (null: by reference size)
 */
public record DriftThresholds(
    int smallReferenceLimit,
    double pValue,
    double wasserstein,
    double jensenShannon,
    double psi,
    double driftShare,
    Map<String, DriftMethod> methodPerFeature,
    DriftMethod numericMethod,
    DriftMethod categoricalMethod) {

  public DriftThresholds {
    methodPerFeature = methodPerFeature == null ? Map.of() : Map.copyOf(methodPerFeature);
  }

  public static DriftThresholds defaults() {
    return new DriftThresholds(1000, 0.05, 0.1, 0.1, 0.1, 0.5, Map.of(), null, null);
  }

  /** The threshold of a method. */
  public double threshold(DriftMethod method) {
    return switch (method) {
      case KS, CHI_SQUARE -> pValue;
      case WASSERSTEIN -> wasserstein;
      case JENSEN_SHANNON -> jensenShannon;
      case PSI -> psi;
    };
  }
}
