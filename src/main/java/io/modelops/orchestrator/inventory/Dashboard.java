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
    List<String> owners) {

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
