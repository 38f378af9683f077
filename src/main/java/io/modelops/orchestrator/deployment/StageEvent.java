package io.modelops.orchestrator.deployment;

import java.time.OffsetDateTime;

/**
 * One entry of the stage history.
 *
 * @param action DEPLOY, PROMOTE, ROLLBACK, RESTORE, STOP or RETIRE
 * @param trafficPercent the version's share of the stage's traffic after the event
 */
public record StageEvent(
    long seq,
    String version,
    DeploymentStage stage,
    String action,
    int trafficPercent,
    String targetReference,
    String actor,
    OffsetDateTime occurredAt,
    String message) {}
