package io.modelops.orchestrator.retraining;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A retraining run of a model, as stored. */
public record Retraining(
    UUID id,
    String modelName,
    String championVersion,
    UUID championVersionId,
    String trigger,
    String reason,
    String requestedBy,
    OffsetDateTime requestedAt,
    RetrainingStatus status,
    String trainingDataRef,
    String candidateVersion,
    UUID candidateVersionId,
    String outcome,
    OffsetDateTime finishedAt,
    String processInstanceId) {}
