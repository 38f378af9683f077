package io.modelops.orchestrator.monitoring.drift;

/** The drift of one feature: method, score against threshold, and the sizes compared. */
public record FeatureDrift(
    String feature,
    DriftMethod method,
    double score,
    double threshold,
    boolean drifted,
    long referenceSize,
    long currentSize) {}
