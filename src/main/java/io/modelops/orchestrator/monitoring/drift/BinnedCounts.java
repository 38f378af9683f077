package io.modelops.orchestrator.monitoring.drift;

import java.util.Arrays;

/**
 * A numeric feature reduced to a histogram: {@code counts[i]} rows fell into the bin from {@code
 * edges[i]} to {@code edges[i + 1]}.
 *
 * <p>Bins follow NumPy's {@code numpy.histogram}: every bin is half-open {@code [edges[i], edges[i
 * + 1])} except the last, which also holds {@code edges[edges.length - 1]}. So the output of {@code
 * counts, edges = numpy.histogram(x, bins=10)} can be passed as it is. When raw values are counted
 * into these bins (a {@link NumericSample} compared with {@code BinnedCounts}), values below the
 * first edge count in the first bin and values above the last edge in the last bin.
 *
 * <p>The arrays are copied on construction and on access, so the record is immutable.
 *
 * @param edges bin edges: finite, strictly ascending, one more than the counts
 * @param counts number of rows per bin: at least one bin, none negative, not all zero
 */
public record BinnedCounts(double[] edges, long[] counts) implements FeatureData {

  public BinnedCounts {
    if (edges == null || counts == null) {
      throw new IllegalArgumentException("Binned counts: edges and counts must not be null");
    }
    if (counts.length == 0) {
      throw new IllegalArgumentException("Binned counts: at least one bin is needed");
    }
    if (edges.length != counts.length + 1) {
      throw new IllegalArgumentException(
          "Binned counts: "
              + counts.length
              + " bins need "
              + (counts.length + 1)
              + " edges, got "
              + edges.length);
    }
    edges = edges.clone();
    counts = counts.clone();
    for (int i = 0; i < edges.length; i++) {
      if (!Double.isFinite(edges[i])) {
        throw new IllegalArgumentException(
            "Binned counts: edges must be finite, found " + edges[i] + " at index " + i);
      }
      if (i > 0 && !(edges[i] > edges[i - 1])) {
        throw new IllegalArgumentException(
            "Binned counts: edges must be strictly ascending, edge "
                + i
                + " ("
                + edges[i]
                + ") is not above edge "
                + (i - 1)
                + " ("
                + edges[i - 1]
                + ")");
      }
    }
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException(
            "Binned counts: counts must not be negative, found " + counts[i] + " in bin " + i);
      }
      try {
        total = Math.addExact(total, counts[i]);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("Binned counts: the total count overflows a long", e);
      }
    }
    if (total == 0) {
      throw new IllegalArgumentException("Binned counts: all counts are zero");
    }
  }

  /** A copy of the bin edges. */
  @Override
  public double[] edges() {
    return edges.clone();
  }

  /** A copy of the counts per bin. */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /** Number of bins. */
  public int bins() {
    return counts.length;
  }

  @Override
  public long size() {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }

  /** Whether both histograms have exactly the same bin edges. */
  boolean sameEdges(BinnedCounts other) {
    return Arrays.equals(edges, other.edges);
  }

  double[] edgesView() {
    return edges;
  }

  long[] countsView() {
    return counts;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BinnedCounts that
        && Arrays.equals(edges, that.edges)
        && Arrays.equals(counts, that.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "BinnedCounts[edges="
        + Arrays.toString(edges)
        + ", counts="
        + Arrays.toString(counts)
        + "]";
  }
}
