package io.modelops.orchestrator.monitoring.drift;

import java.util.Map;
import java.util.TreeMap;

/** Value counts of a categorical feature: non-negative, at least one observation. */
public record CategoricalCounts(Map<String, Long> counts) implements FeatureData {

  public CategoricalCounts {
    if (counts == null || counts.isEmpty()) {
      throw new IllegalArgumentException("categorical counts need at least one category");
    }
    long total = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getKey() == null || e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException("category counts must be named and non-negative");
      }
      total += e.getValue();
    }
    if (total == 0) {
      throw new IllegalArgumentException("categorical counts need at least one observation");
    }
    counts = new TreeMap<>(counts);
  }

  @Override
  public long size() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
