package io.modelops.orchestrator.inventory;

import io.modelops.orchestrator.security.Groups;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assembles the inventory dashboard.
 *
 * <p>Who sees which pending approval: members of {@code camunda-admin} and {@code ml-ops}, who run
 * the release and handle escalations, see every open task in detail. Everyone else sees in detail
 * the tasks of the groups they belong to (those Tasklist shows them too) and, for all other groups,
 * only how many tasks wait. Counts in the summary cover all tasks.
 */
@Service
public class DashboardService {

  /** How many recent rollbacks and stops the dashboard lists. */
  static final int RECENT_INTERVENTIONS = 20;

  static final int RECENT_ALERTS = 20;

  private static final Set<String> SEE_ALL_APPROVALS = Set.of(Groups.ADMIN, Groups.OPS);

  private final InventoryRepository repository;
  private final ApprovalQueue approvals;
  private final io.modelops.orchestrator.monitoring.MonitoringRepository monitoring;
  private final Clock clock;

  public DashboardService(
      InventoryRepository repository,
      ApprovalQueue approvals,
      io.modelops.orchestrator.monitoring.MonitoringRepository monitoring,
      Clock clock) {
    this.repository = repository;
    this.monitoring = monitoring;
    this.approvals = approvals;
    this.clock = clock;
  }

  /** The versions matching the filter, for the dashboard and its CSV export. */
  @Transactional(readOnly = true)
  public List<InventoryRow> inventory(InventoryFilter filter) {
    return repository.inventory(filter, OffsetDateTime.now(clock)).stream()
        .filter(filter::matches)
        .toList();
  }

  @Transactional(readOnly = true)
  public Dashboard dashboard(InventoryFilter filter, String user, Collection<String> groups) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<InventoryRow> versions = inventory(filter);
    Map<String, InventoryRow> byInstance = new LinkedHashMap<>();
    for (InventoryRow row : versions) {
      if (row.processInstanceId() != null) {
        byInstance.put(row.processInstanceId(), row);
      }
    }
    List<PendingApproval> pending = approvals.pending(byInstance, now);
    boolean seesAll = groups.stream().anyMatch(SEE_ALL_APPROVALS::contains);
    List<PendingApproval> visible = new ArrayList<>();
    Map<String, Long> others = new TreeMap<>();
    long otherOverdue = 0;
    for (PendingApproval approval : pending) {
      if (seesAll || approval.groups().stream().anyMatch(groups::contains)) {
        visible.add(approval);
      } else {
        others.merge(approval.groupLabel(), 1L, Long::sum);
        otherOverdue += approval.overdue() ? 1 : 0;
      }
    }
    List<Intervention> interventions = repository.interventions(filter, RECENT_INTERVENTIONS);
    Map<InventoryStage, Long> byStage = new EnumMap<>(InventoryStage.class);
    for (InventoryStage stage : InventoryStage.values()) {
      byStage.put(stage, 0L);
    }
    versions.forEach(v -> byStage.merge(v.inventoryStage(), 1L, Long::sum));
    Dashboard.Summary summary =
        new Dashboard.Summary(
            versions.stream().map(InventoryRow::model).distinct().count(),
            versions.size(),
            byStage,
            pending.size(),
            pending.stream().filter(PendingApproval::overdue).count(),
            interventions.size(),
            versions.stream().filter(InventoryRow::revalidationOverdue).count(),
            versions.stream().filter(InventoryRow::attestationOverdue).count());
    java.util.Set<String> shown = new java.util.HashSet<>();
    versions.forEach(v -> shown.add(v.model() + ":" + v.version()));
    Map<String, io.modelops.orchestrator.monitoring.HealthStatus> health = new TreeMap<>();
    for (var h : monitoring.productionHealth(now)) {
      if (shown.contains(h.model() + ":" + h.version())) {
        health.put(h.model() + ":" + h.version(), h.status());
      }
    }
    var alerts =
        monitoring.recentAlerts(RECENT_ALERTS * 4).stream()
            .filter(a -> shown.contains(a.model() + ":" + a.version()))
            .limit(RECENT_ALERTS)
            .toList();
    Map<io.modelops.orchestrator.findings.Severity, Long> openFindings =
        new java.util.EnumMap<>(io.modelops.orchestrator.findings.Severity.class);
    long overdueFindings = 0;
    for (var e : repository.openFindings(filter, now.toLocalDate()).entrySet()) {
      openFindings.put(e.getKey(), e.getValue()[0]);
      overdueFindings += e.getValue()[1];
    }
    List<Dashboard.ApprovalAge> ages =
        pending.stream()
            .map(
                p ->
                    new Dashboard.ApprovalAge(
                        p.createdAt() == null
                            ? java.time.Duration.ZERO
                            : java.time.Duration.between(p.createdAt(), now),
                        p.overdue()))
            .toList();
    return new Dashboard(
        filter,
        user,
        now,
        versions,
        summary,
        seesAll,
        List.copyOf(visible),
        others,
        otherOverdue,
        interventions,
        health,
        alerts,
        repository.owners(),
        ages,
        openFindings,
        overdueFindings);
  }
}
