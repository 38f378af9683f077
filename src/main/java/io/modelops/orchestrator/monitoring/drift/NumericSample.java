package io.modelops.orchestrator.monitoring.drift;

import java.util.Arrays;

/** Raw values of a numeric feature: finite, at least one. */
public record NumericSample(double[] values) implements FeatureData {

  public NumericSample {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("a numeric sample needs at least one value");
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("a numeric sample holds only finite values, not " + v);
      }
    }
  }

  @Override
  public long size() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumericSample s && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "NumericSample[" + values.length + " values]";
  }
}
