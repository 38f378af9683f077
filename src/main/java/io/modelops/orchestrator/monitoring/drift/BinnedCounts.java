package io.modelops.orchestrator.monitoring.drift;

import java.util.Arrays;

/**
 * Counts of a numeric feature in bins {@code [edges[i], edges[i+1])}: strictly ascending finite
 * edges, one more than counts, non-negative counts with at least one observation.
 */
public record BinnedCounts(double[] edges, long[] counts) implements FeatureData {

  public BinnedCounts {
    if (edges == null || counts == null || counts.length == 0 || edges.length != counts.length + 1) {
      throw new IllegalArgumentException("binned counts need n counts and n + 1 edges");
    }
    for (int i = 0; i < edges.length; i++) {
      if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
        throw new IllegalArgumentException("bin edges must be finite and strictly ascending");
      }
    }
    long total = 0;
    for (long c : counts) {
      if (c < 0) {
        throw new IllegalArgumentException("bin counts must not be negative");
      }
      total += c;
    }
    if (total == 0) {
      throw new IllegalArgumentException("binned counts need at least one observation");
    }
  }

  @Override
  public long size() {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinnedCounts b && Arrays.equals(edges, b.edges) && Arrays.equals(counts, b.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "BinnedCounts[" + counts.length + " bins]";
  }
}
