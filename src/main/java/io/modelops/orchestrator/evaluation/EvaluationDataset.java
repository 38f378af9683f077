package io.modelops.orchestrator.evaluation;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A governed evaluation dataset of a model: where the holdout lies and the SHA-256 of its content,
 * so that an evaluation can prove it scored exactly this data.
 */
public record EvaluationDataset(
    UUID id,
    String model,
    String uri,
    String sha256,
    String description,
    String registeredBy,
    OffsetDateTime registeredAt) {}
