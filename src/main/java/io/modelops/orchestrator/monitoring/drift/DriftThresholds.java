package io.modelops.orchestrator.monitoring.drift;

import java.util.Map;

/**
 * Thresholds and method choice of a {@link DriftDetector} run. {@link #defaults()} gives
 * Evidently's defaults.
 *
 * @param smallReferenceLimit reference sizes up to this many rows count as small (Evidently: 1000):
 *     small numeric features use {@link DriftMethod#KS}, small categorical ones {@link
 *     DriftMethod#CHI_SQUARE}; larger ones {@link DriftMethod#WASSERSTEIN} and {@link
 *     DriftMethod#JENSEN_SHANNON}
 * @param pValue significance level of the p-value methods: drift when p &lt; pValue (0.05)
 * @param wasserstein drift when the normalised Wasserstein distance is at least this (0.1)
 * @param jensenShannon drift when the Jensen–Shannon distance is at least this (0.1)
 * @param psi drift when the PSI is at least this (0.1)
 * @param driftShare the data set drifted when at least this share of its features drifted (0.5)
 * @param methodPerFeature method for single features, by feature name; wins over the two settings
 *     below (empty when null)
 * @param numericMethod method for all other numeric features; null for the automatic choice
 * @param categoricalMethod method for all other categorical features; null for the automatic
 *     choice; must apply to categorical data (not KS or Wasserstein)
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

  /** Evidently's default small-reference limit: 1000 rows. */
  public static final int DEFAULT_SMALL_REFERENCE_LIMIT = 1000;

  public DriftThresholds {
    if (smallReferenceLimit < 0) {
      throw new IllegalArgumentException(
          "smallReferenceLimit must be zero or more, got " + smallReferenceLimit);
    }
    if (!(pValue > 0 && pValue < 1)) {
      throw new IllegalArgumentException("pValue must be between 0 and 1, got " + pValue);
    }
    requirePositive("wasserstein", wasserstein);
    requirePositive("jensenShannon", jensenShannon);
    requirePositive("psi", psi);
    if (!(driftShare > 0 && driftShare <= 1)) {
      throw new IllegalArgumentException(
          "driftShare must be above 0 and at most 1, got " + driftShare);
    }
    if (methodPerFeature == null) {
      methodPerFeature = Map.of();
    } else {
      for (Map.Entry<String, DriftMethod> e : methodPerFeature.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          throw new IllegalArgumentException(
              "methodPerFeature must not hold null feature names or methods: " + e);
        }
      }
      methodPerFeature = Map.copyOf(methodPerFeature);
    }
    if (categoricalMethod != null && !categoricalMethod.appliesToCategorical()) {
      throw new IllegalArgumentException(
          "categoricalMethod " + categoricalMethod + " does not apply to categorical features");
    }
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(name + " must be a finite number above 0, got " + value);
    }
  }

  /**
   * Evidently's defaults: small reference up to 1000 rows, p-value 0.05, Wasserstein 0.1,
   * Jensen–Shannon 0.1, PSI 0.1, drift share 0.5, automatic method choice.
   */
  public static DriftThresholds defaults() {
    return new DriftThresholds(
        DEFAULT_SMALL_REFERENCE_LIMIT, 0.05, 0.1, 0.1, 0.1, 0.5, Map.of(), null, null);
  }

  /** These thresholds with the given per-feature methods (replacing the current ones). */
  public DriftThresholds withMethodPerFeature(Map<String, DriftMethod> methods) {
    return new DriftThresholds(
        smallReferenceLimit,
        pValue,
        wasserstein,
        jensenShannon,
        psi,
        driftShare,
        methods,
        numericMethod,
        categoricalMethod);
  }

  /** These thresholds with the given method for numeric features (null: automatic). */
  public DriftThresholds withNumericMethod(DriftMethod method) {
    return new DriftThresholds(
        smallReferenceLimit,
        pValue,
        wasserstein,
        jensenShannon,
        psi,
        driftShare,
        methodPerFeature,
        method,
        categoricalMethod);
  }

  /** These thresholds with the given method for categorical features (null: automatic). */
  public DriftThresholds withCategoricalMethod(DriftMethod method) {
    return new DriftThresholds(
        smallReferenceLimit,
        pValue,
        wasserstein,
        jensenShannon,
        psi,
        driftShare,
        methodPerFeature,
        numericMethod,
        method);
  }

  /** The threshold that applies to scores of {@code method}. */
  public double thresholdOf(DriftMethod method) {
    return switch (method) {
      case KS, CHI_SQUARE -> pValue;
      case WASSERSTEIN -> wasserstein;
      case JENSEN_SHANNON -> jensenShannon;
      case PSI -> psi;
    };
  }
}
