package io.modelops.orchestrator.monitoring.drift;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts per category of a categorical feature.
 *
 * <p>Categories missing from the map have count zero. The map is copied on construction (into
 * category order), so the record is immutable.
 *
 * @param counts category to number of rows: at least one category, no null names, no negative
 *     counts, not all zero
 */
public record CategoricalCounts(Map<String, Long> counts) implements FeatureData {

  public CategoricalCounts {
    if (counts == null || counts.isEmpty()) {
      throw new IllegalArgumentException("Categorical counts: at least one category is needed");
    }
    SortedMap<String, Long> copy = new TreeMap<>();
    long total = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      String category = e.getKey();
      Long count = e.getValue();
      if (category == null) {
        throw new IllegalArgumentException("Categorical counts: category names must not be null");
      }
      if (count == null || count < 0) {
        throw new IllegalArgumentException(
            "Categorical counts: count of category '"
                + category
                + "' must be zero or more, got "
                + count);
      }
      try {
        total = Math.addExact(total, count);
      } catch (ArithmeticException ex) {
        throw new IllegalArgumentException(
            "Categorical counts: the total count overflows a long", ex);
      }
      copy.put(category, count);
    }
    if (total == 0) {
      throw new IllegalArgumentException("Categorical counts: all counts are zero");
    }
    counts = Collections.unmodifiableSortedMap(copy);
  }

  /** Counts the values, one per row (for example the column of a data frame). */
  public static CategoricalCounts ofValues(Iterable<String> values) {
    Map<String, Long> counts = new TreeMap<>();
    for (String value : values) {
      if (value == null) {
        throw new IllegalArgumentException("Categorical counts: values must not be null");
      }
      counts.merge(value, 1L, Long::sum);
    }
    return new CategoricalCounts(counts);
  }

  @Override
  public long size() {
    long total = 0;
    for (long c : counts.values()) {
      total += c;
    }
    return total;
  }
}
