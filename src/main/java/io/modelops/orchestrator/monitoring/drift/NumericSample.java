package io.modelops.orchestrator.monitoring.drift;

import java.util.Arrays;

/**
 * Raw values of a numeric feature, one per row, in any order.
 *
 * <p>The array is copied on construction and on access, so the record is immutable.
 *
 * @param values at least one value; all finite (no NaN, no infinities). Missing values have to be
 *     removed (or imputed) before: drift statistics are defined on the values present.
 */
public record NumericSample(double[] values) implements FeatureData {

  public NumericSample {
    if (values == null) {
      throw new IllegalArgumentException("Numeric sample: values must not be null");
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("Numeric sample: values must not be empty");
    }
    values = values.clone();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "Numeric sample: values must be finite, found " + values[i] + " at index " + i);
      }
    }
  }

  /** Creates a sample of the given values. */
  public static NumericSample of(double... values) {
    return new NumericSample(values);
  }

  /** A copy of the values, in the order given. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** A sorted copy of the values (ascending). */
  double[] sortedValues() {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted;
  }

  @Override
  public long size() {
    return values.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NumericSample that && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "NumericSample[size=" + values.length + "]";
  }
}
