package io.modelops.orchestrator.approval;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A review decision on a model version: who decided what, when, and why.
 *
 * @param step the review step, e.g. the task definition key {@code Task_ReviewModelVersion}
 */
public record Approval(
    UUID id,
    UUID modelVersionId,
    String taskId,
    String step,
    String decision,
    String decidedBy,
    OffsetDateTime decidedAt,
    String comment) {}
