package io.modelops.orchestrator.monitoring.drift;

/** The observations of one feature: raw numeric values, binned counts, or category counts. */
public sealed interface FeatureData permits NumericSample, BinnedCounts, CategoricalCounts {

  /** Number of observations. */
  long size();
}
