package io.modelops.orchestrator.inventory;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An open user task of a model lifecycle: a review, a production release approval or a canary
 * decision.
 *
 * @param groups the candidate groups that may complete it
 * @param deadline when the review becomes overdue (reviews only; null once the reminder fired)
 * @param overdue a review whose deadline has passed: its reminder timer fired or is due
 */
public record PendingApproval(
    String taskId,
    String taskName,
    String taskDefinitionKey,
    String processInstanceId,
    String model,
    String version,
    List<String> groups,
    String assignee,
    OffsetDateTime createdAt,
    OffsetDateTime deadline,
    boolean overdue) {

  public PendingApproval {
    groups = List.copyOf(groups);
  }

  /** The candidate groups, or "none". */
  public String groupLabel() {
    return groups.isEmpty() ? "none" : String.join(", ", groups);
  }
}
