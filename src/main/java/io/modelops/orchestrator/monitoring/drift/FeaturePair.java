package io.modelops.orchestrator.monitoring.drift;

import java.util.Map;
import java.util.TreeSet;

/**
 * Reference and current data of one feature, prepared once for any number of statistics: samples
 * sorted once, bins counted once (on first use).
 */
final class FeaturePair {

  private enum Kind {
    SAMPLES,
    BINNED,
    CATEGORICAL
  }

  private final String label;
  private final Kind kind;
  private final int bins;
  private final long referenceSize;
  private final long currentSize;

  /** SAMPLES: sorted copies. */
  private final double[] sortedReference;

  private final double[] sortedCurrent;

  /** BINNED: the bin edges; SAMPLES: null (quantile or per-value bins are counts only). */
  private final double[] edges;

  /** Counts per bin or category; for SAMPLES computed on first use. */
  private long[] referenceCounts;

  private long[] currentCounts;

  private FeaturePair(
      String label,
      Kind kind,
      int bins,
      double[] sortedReference,
      double[] sortedCurrent,
      double[] edges,
      long[] referenceCounts,
      long[] currentCounts,
      long referenceSize,
      long currentSize) {
    this.label = label;
    this.kind = kind;
    this.bins = bins;
    this.sortedReference = sortedReference;
    this.sortedCurrent = sortedCurrent;
    this.edges = edges;
    this.referenceCounts = referenceCounts;
    this.currentCounts = currentCounts;
    this.referenceSize = referenceSize;
    this.currentSize = currentSize;
  }

  /**
   * Prepares the pair.
   *
   * @param feature feature name for error messages, or null
   * @throws IllegalArgumentException if either side is null, one side is numeric and the other
   *     categorical, or binned edges differ
   */
  static FeaturePair of(String feature, FeatureData reference, FeatureData current, int bins) {
    String label = feature == null ? "Feature" : "Feature '" + feature + "'";
    DriftStatistics.requireBins(bins);
    if (reference == null || current == null) {
      throw new IllegalArgumentException(
          label + ": " + (reference == null ? "reference" : "current") + " data is missing");
    }
    if (reference.categorical() != current.categorical()) {
      throw new IllegalArgumentException(
          label
              + " is "
              + kindName(reference)
              + " in the reference but "
              + kindName(current)
              + " in the current data");
    }
    if (reference instanceof CategoricalCounts r && current instanceof CategoricalCounts c) {
      return categorical(label, r, c, bins);
    }
    if (reference instanceof NumericSample r && current instanceof NumericSample c) {
      return new FeaturePair(
          label,
          Kind.SAMPLES,
          bins,
          r.sortedValues(),
          c.sortedValues(),
          null,
          null,
          null,
          r.size(),
          c.size());
    }
    double[] edges;
    long[] rc;
    long[] cc;
    if (reference instanceof BinnedCounts r && current instanceof BinnedCounts c) {
      if (!r.sameEdges(c)) {
        throw new IllegalArgumentException(
            label + ": reference and current bins have different edges");
      }
      edges = r.edgesView();
      rc = r.countsView();
      cc = c.countsView();
    } else if (reference instanceof BinnedCounts r) {
      edges = r.edgesView();
      rc = r.countsView();
      cc = DriftStatistics.histogramSorted(((NumericSample) current).sortedValues(), edges);
    } else {
      BinnedCounts c = (BinnedCounts) current;
      edges = c.edgesView();
      rc = DriftStatistics.histogramSorted(((NumericSample) reference).sortedValues(), edges);
      cc = c.countsView();
    }
    return new FeaturePair(label, Kind.BINNED, bins, null, null, edges, rc, cc, sum(rc), sum(cc));
  }

  private static FeaturePair categorical(
      String label, CategoricalCounts reference, CategoricalCounts current, int bins) {
    Map<String, Long> r = reference.counts();
    Map<String, Long> c = current.counts();
    TreeSet<String> categories = new TreeSet<>(r.keySet());
    categories.addAll(c.keySet());
    // categories counted zero on both sides carry no information
    categories.removeIf(k -> r.getOrDefault(k, 0L) == 0 && c.getOrDefault(k, 0L) == 0);
    long[] rc = new long[categories.size()];
    long[] cc = new long[categories.size()];
    int i = 0;
    for (String k : categories) {
      rc[i] = r.getOrDefault(k, 0L);
      cc[i] = c.getOrDefault(k, 0L);
      i++;
    }
    return new FeaturePair(
        label, Kind.CATEGORICAL, bins, null, null, null, rc, cc, sum(rc), sum(cc));
  }

  private static String kindName(FeatureData data) {
    return data.categorical() ? "categorical" : "numeric";
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }

  boolean categorical() {
    return kind == Kind.CATEGORICAL;
  }

  long referenceSize() {
    return referenceSize;
  }

  long currentSize() {
    return currentSize;
  }

  /** Whether {@code method} applies to this feature. */
  boolean supports(DriftMethod method) {
    return !categorical() || method.appliesToCategorical();
  }

  /**
   * The score of {@code method}.
   *
   * @throws IllegalArgumentException if the method does not apply to categorical data and this
   *     feature is categorical
   */
  double score(DriftMethod method) {
    if (!supports(method)) {
      throw new IllegalArgumentException(
          label
              + " is categorical: "
              + method
              + " needs numeric data (use CHI_SQUARE, JENSEN_SHANNON or PSI)");
    }
    return switch (method) {
      case KS ->
          kind == Kind.SAMPLES
              ? DriftStatistics.kolmogorovSmirnovSorted(sortedReference, sortedCurrent).pValue()
              : DriftStatistics.kolmogorovSmirnovPValue(
                  DriftStatistics.ksStatisticCounts(referenceCounts, currentCounts),
                  referenceSize,
                  currentSize);
      case WASSERSTEIN ->
          kind == Kind.SAMPLES
              ? DriftStatistics.normalizedWassersteinSorted(sortedReference, sortedCurrent)
              : DriftStatistics.normalizedWassersteinCounts(edges, referenceCounts, currentCounts);
      case PSI -> {
        countBins();
        yield DriftStatistics.psi(referenceCounts, currentCounts);
      }
      case JENSEN_SHANNON -> {
        countBins();
        yield DriftStatistics.jensenShannonDistance(referenceCounts, currentCounts);
      }
      case CHI_SQUARE -> {
        countBins();
        yield DriftStatistics.chiSquare(referenceCounts, currentCounts).pValue();
      }
    };
  }

  /** For two samples: counts both sides per bin, on first use. */
  private void countBins() {
    if (referenceCounts == null) {
      if (DriftStatistics.distinctValues(sortedReference, bins) <= bins) {
        long[][] perValue = DriftStatistics.countsPerValue(sortedReference, sortedCurrent);
        referenceCounts = perValue[0];
        currentCounts = perValue[1];
      } else {
        double[] quantiles = DriftStatistics.quantileEdgesSorted(sortedReference, bins);
        currentCounts = DriftStatistics.histogramSorted(sortedCurrent, quantiles);
        referenceCounts = DriftStatistics.histogramSorted(sortedReference, quantiles);
      }
    }
  }
}
