package io.modelops.orchestrator.monitoring.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Data drift of a window against a reference, feature by feature, with Evidently's defaults.
 *
 * <p>Method per feature, unless fixed in the thresholds: a numeric feature with raw values uses
 * the two-sample Kolmogorov–Smirnov test (drift when p &lt; 0.05) when the reference has at most
 * {@code smallReferenceLimit} (1,000) rows, and the Wasserstein distance normalised by the
 * reference's standard deviation (drift when ≥ 0.1) above that; a categorical feature uses the χ²
 * test (p &lt; 0.05) or the Jensen–Shannon distance (≥ 0.1) in the same way. A numeric feature
 * given as bins on either side can only be compared bin by bin: PSI (≥ 0.1) by default, or
 * Jensen–Shannon. The dataset drifts when at least {@code driftShare} (50 %) of its features drift.
 *
 * <p>Bins: PSI uses the reference's deciles for raw values (or the given bin edges),
 * Jensen–Shannon on raw numeric values uses Sturges' bins over both samples (as Evidently); empty
 * bins and categories unseen on one side get a share of 0.0001.
 */
public final class DriftDetector {

  /**
   * Compares every feature of {@code current} with the same feature of {@code reference}.
   *
   * @throws IllegalArgumentException when the two do not have the same features, a feature is
   *     numeric on one side and categorical on the other, or a method cannot compare the data
   *     (e.g. KS on bins)
   */
  public DatasetDrift detect(
      Map<String, FeatureData> reference, Map<String, FeatureData> current, DriftThresholds thresholds) {
    if (!reference.keySet().equals(current.keySet())) {
      TreeSet<String> missing = new TreeSet<>(reference.keySet());
      missing.removeAll(current.keySet());
      TreeSet<String> unknown = new TreeSet<>(current.keySet());
      unknown.removeAll(reference.keySet());
      throw new IllegalArgumentException(
          "Reference and current data need the same features"
              + (missing.isEmpty() ? "" : "; missing in current: " + missing)
              + (unknown.isEmpty() ? "" : "; not in the reference: " + unknown));
    }
    if (reference.isEmpty()) {
      throw new IllegalArgumentException("No features to compare");
    }
    List<FeatureDrift> features = new ArrayList<>();
    for (Map.Entry<String, FeatureData> e : new TreeMap<>(reference).entrySet()) {
      features.add(feature(e.getKey(), e.getValue(), current.get(e.getKey()), thresholds));
    }
    int drifted = (int) features.stream().filter(FeatureDrift::drifted).count();
    double share = (double) drifted / features.size();
    return new DatasetDrift(List.copyOf(features), drifted, share, share >= thresholds.driftShare());
  }

  /** The drift of one feature. */
  public FeatureDrift feature(
      String name, FeatureData reference, FeatureData current, DriftThresholds thresholds) {
    boolean categorical = reference instanceof CategoricalCounts;
    if (categorical != current instanceof CategoricalCounts) {
      throw new IllegalArgumentException(
          "Feature '" + name + "' is " + (categorical ? "categorical" : "numeric")
              + " in the reference and " + (categorical ? "numeric" : "categorical") + " now");
    }
    DriftMethod method = method(name, reference, current, thresholds);
    double score;
    try {
      score = categorical
          ? categorical(method, (CategoricalCounts) reference, (CategoricalCounts) current)
          : numeric(method, reference, current);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Feature '" + name + "': " + e.getMessage(), e);
    }
    double threshold = thresholds.threshold(method);
    boolean drifted = method.isTest() ? score < threshold : score >= threshold;
    return new FeatureDrift(name, method, score, threshold, drifted, reference.size(), current.size());
  }

  private static DriftMethod method(
      String name, FeatureData reference, FeatureData current, DriftThresholds thresholds) {
    DriftMethod fixed = thresholds.methodPerFeature().get(name);
    boolean small = reference.size() <= thresholds.smallReferenceLimit();
    if (reference instanceof CategoricalCounts) {
      DriftMethod method = fixed != null ? fixed : thresholds.categoricalMethod();
      if (method == null) {
        method = small ? DriftMethod.CHI_SQUARE : DriftMethod.JENSEN_SHANNON;
      }
      if (method == DriftMethod.KS || method == DriftMethod.WASSERSTEIN) {
        throw new IllegalArgumentException(
            "Feature '" + name + "' is categorical: " + method + " needs numeric values");
      }
      return method;
    }
    DriftMethod method = fixed != null ? fixed : thresholds.numericMethod();
    boolean binned = reference instanceof BinnedCounts || current instanceof BinnedCounts;
    if (method == null) {
      method = binned ? DriftMethod.PSI : small ? DriftMethod.KS : DriftMethod.WASSERSTEIN;
    }
    if (method == DriftMethod.CHI_SQUARE) {
      throw new IllegalArgumentException(
          "Feature '" + name + "' is numeric: CHI_SQUARE compares categories");
    }
    return method;
  }

  private static double numeric(DriftMethod method, FeatureData reference, FeatureData current) {
    switch (method) {
      case KS, WASSERSTEIN -> {
        if (!(reference instanceof NumericSample r) || !(current instanceof NumericSample c)) {
          throw new IllegalArgumentException(method + " needs raw values on both sides, not bins");
        }
        return method == DriftMethod.KS
            ? DriftStatistics.kolmogorovSmirnov(r.values(), c.values()).pValue()
            : DriftStatistics.normalisedWasserstein(r.values(), c.values());
      }
      case PSI, JENSEN_SHANNON -> {
        double[] edges = edges(method, reference, current);
        double[] r = DriftStatistics.shares(counts(reference, edges));
        double[] c = DriftStatistics.shares(counts(current, edges));
        return method == DriftMethod.PSI
            ? DriftStatistics.psi(r, c)
            : DriftStatistics.jensenShannon(r, c);
      }
      default -> throw new IllegalArgumentException(method + " does not compare numeric features");
    }
  }

  private static double[] edges(DriftMethod method, FeatureData reference, FeatureData current) {
    if (reference instanceof BinnedCounts r) {
      if (current instanceof BinnedCounts c && !Arrays.equals(r.edges(), c.edges())) {
        throw new IllegalArgumentException("current bins need the reference's bin edges");
      }
      return r.edges();
    }
    if (current instanceof BinnedCounts c) {
      return c.edges();
    }
    double[] r = ((NumericSample) reference).values();
    return method == DriftMethod.PSI
        ? DriftStatistics.quantileEdges(r, DriftStatistics.PSI_BINS)
        : DriftStatistics.sturgesEdges(r, ((NumericSample) current).values());
  }

  private static long[] counts(FeatureData data, double[] edges) {
    return data instanceof BinnedCounts b ? b.counts() : DriftStatistics.histogram(((NumericSample) data).values(), edges);
  }

  private static double categorical(DriftMethod method, CategoricalCounts reference, CategoricalCounts current) {
    TreeSet<String> categories = new TreeSet<>(reference.counts().keySet());
    categories.addAll(current.counts().keySet());
    long[] ref = new long[categories.size()];
    long[] cur = new long[categories.size()];
    int i = 0;
    for (String category : categories) {
      ref[i] = reference.counts().getOrDefault(category, 0L);
      cur[i] = current.counts().getOrDefault(category, 0L);
      i++;
    }
    double[] refShares = DriftStatistics.shares(ref);
    return switch (method) {
      case CHI_SQUARE -> {
        double total = current.size();
        double[] expected = new double[refShares.length];
        for (int k = 0; k < expected.length; k++) {
          expected[k] = refShares[k] * total;
        }
        yield DriftStatistics.chiSquare(cur, expected).pValue();
      }
      case JENSEN_SHANNON -> DriftStatistics.jensenShannon(refShares, DriftStatistics.shares(cur));
      case PSI -> DriftStatistics.psi(refShares, DriftStatistics.shares(cur));
      default -> throw new IllegalArgumentException(method + " does not compare categories");
    };
  }
}
