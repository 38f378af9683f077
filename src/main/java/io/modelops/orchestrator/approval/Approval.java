package io.modelops.orchestrator.approval;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A review decision on a model version: who decided what, for which group, when, why, and on which
 * evidence.
 *
 * @param step the review step: the task definition key, or the automatic approval's activity
 * @param reviewGroup the candidate group the decision was made for; null for automatic approvals
 * @param evidenceHash SHA-256 of the evidence the reviewer was shown
 */
public record Approval(
    UUID id,
    UUID modelVersionId,
    String taskId,
    String step,
    String reviewGroup,
    String decision,
    String decidedBy,
    OffsetDateTime decidedAt,
    String comment,
    String evidenceHash) {}
