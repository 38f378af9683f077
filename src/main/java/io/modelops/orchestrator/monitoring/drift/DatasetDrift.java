package io.modelops.orchestrator.monitoring.drift;

import java.util.List;

/** The drift of every feature (by name) and of the dataset as a whole. */
public record DatasetDrift(
    List<FeatureDrift> features, int driftedFeatures, double driftShare, boolean datasetDrift) {}
