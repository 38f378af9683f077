package io.modelops.orchestrator.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.modelops.orchestrator.catalog.FiniteNumber;
import io.modelops.orchestrator.monitoring.drift.BinnedCounts;
import io.modelops.orchestrator.monitoring.drift.CategoricalCounts;
import io.modelops.orchestrator.monitoring.drift.FeatureData;
import io.modelops.orchestrator.monitoring.drift.NumericSample;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distribution of one feature, in one of three forms: raw numeric values, pre-binned counts of
 * a numeric feature, or value counts of a categorical feature. Used for the reference profile (at
 * registration) and for the windows served traffic produces.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = FeatureSpec.Numeric.class, name = "numeric"),
  @JsonSubTypes.Type(value = FeatureSpec.Binned.class, name = "binned"),
  @JsonSubTypes.Type(value = FeatureSpec.Categorical.class, name = "categorical")
})
@Schema(
    description =
        "A feature's distribution: {\"type\":\"numeric\",\"values\":[...]},"
            + " {\"type\":\"binned\",\"edges\":[...],\"counts\":[...]} or"
            + " {\"type\":\"categorical\",\"counts\":{\"value\":n}}",
    oneOf = {FeatureSpec.Numeric.class, FeatureSpec.Binned.class, FeatureSpec.Categorical.class})
public sealed interface FeatureSpec {

  int MAX_VALUES = 100_000;
  int MAX_BINS = 200;
  int MAX_CATEGORIES = 1_000;

  /** The form the drift statistics work on. */
  FeatureData toData();

  /** Number of observations. */
  long size();

  /** Whether this is a categorical feature (as opposed to a numeric one). */
  @JsonIgnore
  default boolean categorical() {
    return this instanceof Categorical;
  }

  /** Raw values of a numeric feature. */
  record Numeric(
      @Schema(example = "[12.5, 80.0, 43.1]")
          @NotNull
          @Size(min = 1, max = MAX_VALUES)
          @FiniteNumber
          double[] values)
      implements FeatureSpec {
    @Override
    public FeatureData toData() {
      return new NumericSample(values.clone());
    }

    @Override
    public long size() {
      return values.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Numeric n && Arrays.equals(values, n.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Numeric[" + (values == null ? 0 : values.length) + " values]";
    }
  }

  /**
   * Counts of a numeric feature in bins: {@code edges} has one more element than {@code counts}.
   */
  record Binned(
      @Schema(example = "[0, 10, 100, 1000]")
          @NotNull
          @Size(min = 2, max = MAX_BINS + 1)
          @FiniteNumber
          double[] edges,
      @Schema(example = "[120, 640, 240]") @NotNull @Size(min = 1, max = MAX_BINS) long[] counts)
      implements FeatureSpec {
    @Override
    public FeatureData toData() {
      return new BinnedCounts(edges.clone(), counts.clone());
    }

    @Override
    public long size() {
      long n = 0;
      for (long c : counts) {
        n += c;
      }
      return n;
    }

    /** Edges ascending, one more edge than counts, no negative count, at least one observation. */
    @JsonIgnore
    @AssertTrue(
        message =
            "edges must be strictly ascending and one more than counts; counts must be"
                + " non-negative with at least one observation")
    public boolean isConsistent() {
      if (edges == null || counts == null) {
        return true; // reported by @NotNull
      }
      try {
        new BinnedCounts(edges, counts);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Binned b
          && Arrays.equals(edges, b.edges)
          && Arrays.equals(counts, b.counts);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
      return "Binned[" + (counts == null ? 0 : counts.length) + " bins]";
    }
  }

  /** Value counts of a categorical feature. */
  record Categorical(
      @Schema(example = "{\"card\": 700, \"transfer\": 250, \"cash\": 50}")
          @NotNull
          @Size(min = 1, max = MAX_CATEGORIES)
          Map<@NotBlank @Size(max = 128) String, @NotNull @PositiveOrZero Long> counts)
      implements FeatureSpec {
    @Override
    public FeatureData toData() {
      return new CategoricalCounts(new LinkedHashMap<>(counts));
    }

    @Override
    public long size() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** At least one observation. */
    @JsonIgnore
    @AssertTrue(message = "counts must hold at least one observation")
    public boolean isNonEmpty() {
      return counts == null || counts.values().stream().anyMatch(c -> c != null && c > 0);
    }
  }
}
