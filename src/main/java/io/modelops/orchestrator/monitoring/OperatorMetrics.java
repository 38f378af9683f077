package io.modelops.orchestrator.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.modelops.orchestrator.inventory.ApprovalQueue;
import io.modelops.orchestrator.inventory.DashboardService;
import io.modelops.orchestrator.inventory.InventoryFilter;
import io.modelops.orchestrator.inventory.InventoryRow;
import io.modelops.orchestrator.inventory.PendingApproval;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.security.Groups;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges for operators at {@code /actuator/prometheus}: versions per stage, pending approvals and
 * overdue reviews per group, health and drift of each production version, open alerts and
 * incidents, production versions past their revalidation or owner attestation date. They are
 * refreshed on a schedule ({@code modelops.monitoring.metrics-refresh}, 30 s), not at every scrape,
 * so scrapes never load the database.
 */
@Component
class OperatorMetrics {

  private static final Logger log = LoggerFactory.getLogger(OperatorMetrics.class);

  /** The groups whose tasks have deadlines: their overdue count is exported also when 0. */
  private static final List<String> REVIEWING_GROUPS =
      List.of(Groups.VALIDATORS, Groups.RISK, Groups.OPS);

  private final DashboardService dashboard;
  private final ApprovalQueue approvals;
  private final MonitoringRepository monitoring;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final Clock clock;

  private final MultiGauge versionsByStage;
  private final MultiGauge pendingApprovals;
  private final MultiGauge overdueReviews;
  private final MultiGauge health;
  private final MultiGauge driftShare;
  private final MultiGauge driftedFeatures;
  private final MultiGauge activeAlerts;
  private final AtomicLong openIncidents = new AtomicLong();
  private final AtomicLong revalidationsOverdue = new AtomicLong();
  private final AtomicLong attestationsOverdue = new AtomicLong();

  public OperatorMetrics(
      MeterRegistry registry,
      DashboardService dashboard,
      ApprovalQueue approvals,
      MonitoringRepository monitoring,
      RuntimeService runtimeService,
      IdentityService identityService,
      Clock clock) {
    this.dashboard = dashboard;
    this.approvals = approvals;
    this.monitoring = monitoring;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.clock = clock;
    versionsByStage =
        MultiGauge.builder("modelops.model.versions")
            .description("Model versions by inventory stage")
            .register(registry);
    pendingApprovals =
        MultiGauge.builder("modelops.approvals.pending")
            .description("Open human tasks of model lifecycles by candidate group")
            .register(registry);
    overdueReviews =
        MultiGauge.builder("modelops.reviews.overdue")
            .description("Reviews past their deadline by candidate group")
            .register(registry);
    health =
        MultiGauge.builder("modelops.model.health")
            .description(
                "Latest health of each production version: 1 for its current status, by status")
            .register(registry);
    driftShare =
        MultiGauge.builder("modelops.model.drift.share")
            .description(
                "Share of drifting features in the latest evaluation of a production version")
            .register(registry);
    driftedFeatures =
        MultiGauge.builder("modelops.model.drift.features")
            .description("Drifting features in the latest evaluation of a production version")
            .register(registry);
    activeAlerts =
        MultiGauge.builder("modelops.model.alerts.active")
            .description("Open or accepted alerts of a production version")
            .register(registry);
    Gauge.builder("modelops.incidents.open", openIncidents, AtomicLong::get)
        .description("Open incidents of the engine (failed jobs out of retries)")
        .register(registry);
    Gauge.builder("modelops.revalidations.overdue", revalidationsOverdue, AtomicLong::get)
        .description("Versions in production past their revalidation due date")
        .register(registry);
    Gauge.builder("modelops.attestations.overdue", attestationsOverdue, AtomicLong::get)
        .description("Versions in production past their owner attestation due date")
        .register(registry);
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onReady() {
    refresh();
  }

  /** Reads the current figures; a failure keeps the previous ones and is logged. */
  @Scheduled(
      initialDelayString = "${modelops.monitoring.metrics-refresh:30s}",
      fixedDelayString = "${modelops.monitoring.metrics-refresh:30s}")
  public void refresh() {
    try {
      OffsetDateTime now = OffsetDateTime.now(clock);
      List<InventoryRow> inventory = dashboard.inventory(InventoryFilter.none());
      List<MultiGauge.Row<?>> stageRows = new ArrayList<>();
      counts(inventory, r -> r.inventoryStage().name())
          .forEach((stage, n) -> stageRows.add(MultiGauge.Row.of(Tags.of("stage", stage), n)));
      versionsByStage.register(stageRows, true);
      revalidationsOverdue.set(
          inventory.stream().filter(InventoryRow::revalidationOverdue).count());
      attestationsOverdue.set(inventory.stream().filter(InventoryRow::attestationOverdue).count());

      Map<String, InventoryRow> byInstance = new TreeMap<>();
      inventory.stream()
          .filter(r -> r.processInstanceId() != null)
          .forEach(r -> byInstance.put(r.processInstanceId(), r));
      List<PendingApproval> pending = approvals.pending(byInstance, now);
      pendingApprovals.register(groupRows(pending), true);
      overdueReviews.register(
          groupRows(pending.stream().filter(PendingApproval::overdue).toList(), REVIEWING_GROUPS),
          true);

      List<MultiGauge.Row<?>> healthRows = new ArrayList<>();
      List<MultiGauge.Row<?>> shareRows = new ArrayList<>();
      List<MultiGauge.Row<?>> featureRows = new ArrayList<>();
      List<MultiGauge.Row<?>> alertRows = new ArrayList<>();
      for (MonitoringRepository.ProductionHealth h : monitoring.productionHealth(now)) {
        Tags version = Tags.of("model", h.model(), "version", h.version());
        for (HealthStatus status : HealthStatus.values()) {
          healthRows.add(
              MultiGauge.Row.of(
                  version.and("status", status.name()), h.status() == status ? 1 : 0));
        }
        shareRows.add(MultiGauge.Row.of(version, h.driftShare()));
        featureRows.add(MultiGauge.Row.of(version, h.driftedFeatures()));
        alertRows.add(MultiGauge.Row.of(version, h.activeAlerts()));
      }
      health.register(healthRows, true);
      driftShare.register(shareRows, true);
      driftedFeatures.register(featureRows, true);
      activeAlerts.register(alertRows, true);

      openIncidents.set(
          EngineInternals.withoutAuthorization(
              identityService, () -> runtimeService.createIncidentQuery().count()));
    } catch (RuntimeException e) {
      log.warn("Cannot refresh the operator metrics: {}", e.toString());
    }
  }

  private static List<MultiGauge.Row<?>> groupRows(List<PendingApproval> tasks) {
    return groupRows(tasks, List.of());
  }

  /** Tasks per candidate group; each of {@code always} has a row, 0 when it has no task. */
  private static List<MultiGauge.Row<?>> groupRows(
      List<PendingApproval> tasks, List<String> always) {
    Map<String, Long> perGroup = new TreeMap<>();
    always.forEach(g -> perGroup.put(g, 0L));
    for (PendingApproval task : tasks) {
      List<String> groups = task.groups().isEmpty() ? List.of("none") : task.groups();
      groups.forEach(g -> perGroup.merge(g, 1L, Long::sum));
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    perGroup.forEach((group, n) -> rows.add(MultiGauge.Row.of(Tags.of("group", group), n)));
    return rows;
  }

  private static <T> Map<String, Long> counts(List<T> rows, Function<T, String> key) {
    return rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }
}
