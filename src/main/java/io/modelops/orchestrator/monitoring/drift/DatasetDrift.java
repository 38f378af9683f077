package io.modelops.orchestrator.monitoring.drift;

import java.util.List;

/**
 * Drift result of a data set.
 *
 * @param features per-feature results, ordered by feature name
 * @param driftedFeatures how many features drifted
 * @param driftShare {@code driftedFeatures / features.size()}
 * @param datasetDrift whether {@code driftShare} reached the threshold's drift share
 */
public record DatasetDrift(
    List<FeatureDrift> features, int driftedFeatures, double driftShare, boolean datasetDrift) {

  public DatasetDrift {
    features = List.copyOf(features);
  }

  /** The result of one feature. */
  public FeatureDrift feature(String name) {
    for (FeatureDrift f : features) {
      if (f.feature().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("No feature '" + name + "' in this result");
  }
}
