package io.modelops.orchestrator.monitoring.drift;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Data drift of a data set, feature by feature, with Evidently's default rules.
 *
 * <h2>Method per feature</h2>
 *
 * <p>In this order: the feature's entry in {@link DriftThresholds#methodPerFeature()}; else {@link
 * DriftThresholds#numericMethod()} or {@link DriftThresholds#categoricalMethod()} when set; else
 * the automatic choice of Evidently, by the number of reference rows {@code n} (values of a sample,
 * sum of the counts otherwise) against {@link DriftThresholds#smallReferenceLimit()} (1000):
 *
 * <table>
 *   <caption>Automatic choice and drift rule (default thresholds)</caption>
 *   <tr><th>feature</th><th>n ≤ 1000</th><th>n &gt; 1000</th></tr>
 *   <tr><td>numeric</td><td>{@link DriftMethod#KS}: drift when p &lt; 0.05</td>
 *       <td>{@link DriftMethod#WASSERSTEIN} (normalised): drift when ≥ 0.1</td></tr>
 *   <tr><td>categorical</td><td>{@link DriftMethod#CHI_SQUARE}: drift when p &lt; 0.05</td>
 *       <td>{@link DriftMethod#JENSEN_SHANNON}: drift when ≥ 0.1</td></tr>
 * </table>
 *
 * <p>{@link DriftMethod#PSI}, when chosen, means drift at ≥ 0.1. Evidently further treats numeric
 * features with at most five distinct values like categorical ones and uses a proportion z-test for
 * binary ones; this detector does not (with few distinct values the bin-based methods bin by value,
 * see {@link DriftStatistics}).
 *
 * <h2>Data set</h2>
 *
 * <p>The data set drifted when the share of drifted features is at least {@link
 * DriftThresholds#driftShare()} (0.5). Results are ordered by feature name.
 *
 * <p>Reference and current must have the same features, each numeric on both sides ({@link
 * NumericSample} or {@link BinnedCounts}) or categorical on both ({@link CategoricalCounts});
 * anything else is an {@link IllegalArgumentException} naming the feature. Each numeric sample is
 * sorted once; the whole computation is {@code O(n log n)} per feature.
 *
 * <p>Stateless and thread-safe.
 */
public final class DriftDetector {

  private final int bins;

  /** A detector with {@link DriftStatistics#DEFAULT_BINS} quantile bins for numeric samples. */
  public DriftDetector() {
    this(DriftStatistics.DEFAULT_BINS);
  }

  /**
   * A detector with the given number of reference quantile bins for the bin-based statistics (PSI,
   * Jensen–Shannon, χ²) of numeric samples.
   */
  public DriftDetector(int bins) {
    DriftStatistics.requireBins(bins);
    this.bins = bins;
  }

  /**
   * Compares every feature of {@code current} with the same feature of {@code reference}.
   *
   * @param reference feature name to reference data
   * @param current feature name to current data; the same feature names
   * @param thresholds thresholds and method choice; {@link DriftThresholds#defaults()} for
   *     Evidently's
   * @throws IllegalArgumentException if the feature names differ, a feature is numeric on one side
   *     and categorical on the other, binned edges differ, a method does not fit a feature, or
   *     {@code methodPerFeature} names a feature that is not in the data
   */
  public DatasetDrift detect(
      Map<String, FeatureData> reference,
      Map<String, FeatureData> current,
      DriftThresholds thresholds) {
    if (thresholds == null) {
      throw new IllegalArgumentException("thresholds must not be null");
    }
    Set<String> features = sameFeatures(reference, current);
    for (String overridden : thresholds.methodPerFeature().keySet()) {
      if (!features.contains(overridden)) {
        throw new IllegalArgumentException(
            "methodPerFeature names feature '" + overridden + "', which is not in the data");
      }
    }
    List<FeatureDrift> results = new ArrayList<>(features.size());
    int drifted = 0;
    for (String feature : features) {
      FeaturePair pair =
          FeaturePair.of(feature, reference.get(feature), current.get(feature), bins);
      DriftMethod method = methodOf(feature, pair, thresholds);
      double score = pair.score(method);
      double threshold = thresholds.thresholdOf(method);
      boolean featureDrifted = method.drifted(score, threshold);
      if (featureDrifted) {
        drifted++;
      }
      results.add(
          new FeatureDrift(
              feature,
              method,
              score,
              threshold,
              featureDrifted,
              pair.referenceSize(),
              pair.currentSize()));
    }
    double share = (double) drifted / results.size();
    return new DatasetDrift(results, drifted, share, share >= thresholds.driftShare());
  }

  /**
   * Scores of every method that applies to the feature (all five for numeric data; χ², Jensen–
   * Shannon and PSI for categorical data), computed from one preparation of the data (numeric
   * samples sorted once). For reports that show all statistics side by side.
   *
   * @param feature feature name, for error messages
   */
  public Map<DriftMethod, Double> scores(
      String feature, FeatureData reference, FeatureData current) {
    FeaturePair pair = FeaturePair.of(feature, reference, current, bins);
    Map<DriftMethod, Double> scores = new EnumMap<>(DriftMethod.class);
    for (DriftMethod method : DriftMethod.values()) {
      if (pair.supports(method)) {
        scores.put(method, pair.score(method));
      }
    }
    return scores;
  }

  /** The method for a feature: override, then type-wide setting, then Evidently's choice. */
  static DriftMethod methodOf(String feature, FeaturePair pair, DriftThresholds thresholds) {
    DriftMethod method = thresholds.methodPerFeature().get(feature);
    if (method == null) {
      method = pair.categorical() ? thresholds.categoricalMethod() : thresholds.numericMethod();
    }
    if (method == null) {
      boolean small = pair.referenceSize() <= thresholds.smallReferenceLimit();
      if (pair.categorical()) {
        method = small ? DriftMethod.CHI_SQUARE : DriftMethod.JENSEN_SHANNON;
      } else {
        method = small ? DriftMethod.KS : DriftMethod.WASSERSTEIN;
      }
    }
    return method;
  }

  private static Set<String> sameFeatures(
      Map<String, FeatureData> reference, Map<String, FeatureData> current) {
    if (reference == null || current == null) {
      throw new IllegalArgumentException("reference and current data must not be null");
    }
    if (reference.isEmpty()) {
      throw new IllegalArgumentException("reference and current data have no features");
    }
    Set<String> features = new TreeSet<>();
    for (String feature : reference.keySet()) {
      if (feature == null) {
        throw new IllegalArgumentException("feature names must not be null");
      }
      features.add(feature);
    }
    Set<String> onlyCurrent = new TreeSet<>();
    for (String feature : current.keySet()) {
      if (feature == null) {
        throw new IllegalArgumentException("feature names must not be null");
      }
      if (!features.contains(feature)) {
        onlyCurrent.add(feature);
      }
    }
    Set<String> onlyReference = new TreeSet<>(features);
    onlyReference.removeAll(current.keySet());
    if (!onlyReference.isEmpty() || !onlyCurrent.isEmpty()) {
      StringBuilder message = new StringBuilder("Reference and current data differ in features:");
      for (String f : onlyReference) {
        message
            .append(" feature '")
            .append(f)
            .append("' is in the reference but not in the" + " current data;");
      }
      for (String f : onlyCurrent) {
        message
            .append(" feature '")
            .append(f)
            .append("' is in the current but not in the" + " reference data;");
      }
      message.setLength(message.length() - 1);
      throw new IllegalArgumentException(message.toString());
    }
    return features;
  }
}
