package io.modelops.orchestrator.monitoring.drift;

/**
 * Drift result of one feature.
 *
 * @param feature feature name
 * @param method the statistic used
 * @param score its value: a p-value for {@link DriftMethod#KS} and {@link DriftMethod#CHI_SQUARE},
 *     a distance for the others
 * @param threshold the threshold it was compared with
 * @param drifted p-value methods: {@code score < threshold}; distances: {@code score >= threshold}
 * @param referenceSize rows in the reference
 * @param currentSize rows in the current data
 */
public record FeatureDrift(
    String feature,
    DriftMethod method,
    double score,
    double threshold,
    boolean drifted,
    long referenceSize,
    long currentSize) {

  public FeatureDrift {
    if (feature == null || method == null) {
      throw new IllegalArgumentException("feature and method must not be null");
    }
  }
}
