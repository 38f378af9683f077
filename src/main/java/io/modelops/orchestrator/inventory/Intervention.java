package io.modelops.orchestrator.inventory;

import io.modelops.orchestrator.deployment.DeploymentStage;
import java.time.OffsetDateTime;

/** A rollback or stop of a version, from the stage history. */
record Intervention(
    String model,
    String version,
    DeploymentStage stage,
    String action,
    String actor,
    OffsetDateTime occurredAt,
    String message,
    String targetReference) {}
