package io.modelops.orchestrator.inventory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The inventory as one user sees it.
 *
 * @param versions the versions matching the filter, by model name and newest first
 * @param approvals pending approvals this user may see in detail
 * @param otherApprovals how many further pending approvals wait for each group (counts only)
 * @param allApprovalsVisible whether {@code approvals} holds every pending approval
 * @param health latest health of each production version, by {@code model:version}
 * @param alerts recent alerts of the versions shown, newest first
 * @param approvalAges every pending approval's age and whether it is overdue (all groups; no
 *     details)
 * @param openFindings unresolved findings of the versions shown (stage aside), by severity
 * @param overdueFindings how many of them are past their due date
 */
record Dashboard(
    InventoryFilter filter,
    String user,
    OffsetDateTime generatedAt,
    List<InventoryRow> versions,
    Summary summary,
    boolean allApprovalsVisible,
    List<PendingApproval> approvals,
    Map<String, Long> otherApprovals,
    long otherOverdueApprovals,
    List<Intervention> interventions,
    Map<String, io.modelops.orchestrator.monitoring.HealthStatus> health,
    List<io.modelops.orchestrator.monitoring.MonitoringRepository.RecentAlert> alerts,
    List<String> owners,
    List<ApprovalAge> approvalAges,
    Map<io.modelops.orchestrator.findings.Severity, Long> openFindings,
    long overdueFindings) {

  /** How long a pending approval has been waiting. */
  public record ApprovalAge(java.time.Duration age, boolean overdue) {}

  /** All unresolved findings. */
  public long openFindingsTotal() {
    return openFindings.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The latest health of a production version, or null. */
  public io.modelops.orchestrator.monitoring.HealthStatus healthOf(InventoryRow row) {
    return health.get(row.model() + ":" + row.version());
  }

  /**
   * Counts of what matches the filter; {@code revalidationsOverdue} and {@code attestationsOverdue}
   * count versions in production past their revalidation or owner attestation date.
   */
  public record Summary(
      long models,
      long versions,
      Map<InventoryStage, Long> byStage,
      long pendingApprovals,
      long overdueApprovals,
      long interventions,
      long revalidationsOverdue,
      long attestationsOverdue) {}

  public List<InventoryRow> versionsIn(InventoryStage stage) {
    return versions.stream().filter(v -> v.inventoryStage() == stage).toList();
  }
}
