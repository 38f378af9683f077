package io.modelops.orchestrator.monitoring.drift;

/**
 * The values of one feature in a data set, in one of three forms.
 *
 * <ul>
 *   <li>{@link NumericSample}: the raw numeric values, one per row. Every statistic works on it.
 *   <li>{@link BinnedCounts}: a numeric feature already reduced to a histogram (bin edges and
 *       counts), for example because only the histogram of the training data was kept. Bin-based
 *       statistics are exact on it; Kolmogorov–Smirnov and Wasserstein are approximated from the
 *       bins (see {@link DriftStatistics}).
 *   <li>{@link CategoricalCounts}: counts per category of a categorical feature.
 * </ul>
 *
 * <p>{@code NumericSample} and {@code BinnedCounts} are both numeric and can be compared with each
 * other; a numeric feature cannot be compared with a categorical one.
 */
public sealed interface FeatureData permits NumericSample, BinnedCounts, CategoricalCounts {

  /** Number of rows the data stands for: values of a sample, or the sum of the counts. */
  long size();

  /** Whether the feature is categorical ({@link CategoricalCounts}) rather than numeric. */
  default boolean categorical() {
    return this instanceof CategoricalCounts;
  }
}
