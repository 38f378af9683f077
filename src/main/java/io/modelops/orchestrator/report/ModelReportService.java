package io.modelops.orchestrator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.approval.Approval;
import io.modelops.orchestrator.approval.ApprovalRepository;
import io.modelops.orchestrator.audit.AuditEvent;
import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.audit.AuditQuery;
import io.modelops.orchestrator.audit.EngineOperationAuditor;
import io.modelops.orchestrator.catalog.CatalogQueryService;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.ModelVersionView;
import io.modelops.orchestrator.deployment.StageEvent;
import io.modelops.orchestrator.deployment.StageLedger;
import io.modelops.orchestrator.report.ModelReport.MetricSeries;
import io.modelops.orchestrator.report.ModelReport.Monitoring;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Assembles the governance report of a model version from the catalog, ledger and engine. */
@Service
class ModelReportService {

  static final String MONITORING_NOTE =
      "Metric points and feature windows are posted by serving systems; each health evaluation"
          + " compares the newest window with the reference profile registered with the version"
          + " and checks the metric limits (see GET .../health for every evaluation).";

  /** Most engine operations a report lists. */
  static final int MAX_ENGINE_INTERVENTIONS = 1000;

  private static final Set<String> STAGE_INTERVENTIONS = Set.of("ROLLBACK", "STOP");
  private static final ObjectMapper DETAILS = new ObjectMapper();

  private final CatalogRepository catalog;
  private final CatalogQueryService queries;
  private final ApprovalRepository approvals;
  private final StageLedger ledger;
  private final MetricSeriesRepository metricSeries;
  private final LifecycleHistory history;
  private final io.modelops.orchestrator.monitoring.MonitoringRepository health;
  private final AuditLog audit;
  private final LifecycleSteps steps;
  private final Clock clock;

  public ModelReportService(
      CatalogRepository catalog,
      CatalogQueryService queries,
      ApprovalRepository approvals,
      StageLedger ledger,
      MetricSeriesRepository metricSeries,
      LifecycleHistory history,
      io.modelops.orchestrator.monitoring.MonitoringRepository health,
      AuditLog audit,
      LifecycleSteps steps,
      Clock clock) {
    this.steps = steps;
    this.catalog = catalog;
    this.queries = queries;
    this.approvals = approvals;
    this.ledger = ledger;
    this.metricSeries = metricSeries;
    this.history = history;
    this.health = health;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public ModelReport report(String model, String version, String reader) {
    ModelVersion v = catalog.requireVersion(model, version);
    ModelVersionView view = queries.view(v);
    Map<String, String> deciders = new HashMap<>();
    for (Approval a : approvals.findByVersion(v.id())) {
      deciders.put(a.taskId(), a.decidedBy());
    }
    List<StageEvent> stages =
        ledger.history(v.modelId()).stream().filter(e -> e.version().equals(v.version())).toList();
    LifecycleHistory.Records records = history.of(v, deciders);
    var evaluations = health.evaluations(v.id(), 1000);
    var latest = evaluations.isEmpty() ? null : evaluations.get(0);
    Monitoring monitoring =
        monitoring(
            metricSeries.metricSeries(v.id()),
            health.profile(v.id()).isPresent(),
            health.countWindows(v.id()),
            evaluations.size(),
            latest,
            latest == null ? List.of() : health.driftResults(latest.id()),
            health.alerts(v.id(), 100));
    ComplianceMapping.Evidence evidence =
        new ComplianceMapping.Evidence(
            view,
            stages,
            records.instances(),
            records.activities(),
            records.incidents(),
            monitoring);
    List<ModelReport.Requirement> compliance = ComplianceMapping.assess(evidence);
    LifecycleSteps.Definition definition = steps.latest();
    Map<String, String> stepNames = new java.util.TreeMap<>();
    view.approvals().stream()
        .filter(a -> a.step() != null)
        .forEach(a -> stepNames.put(a.step(), definition.name(a.step())));
    records.incidents().stream()
        .filter(i -> i.activityId() != null)
        .forEach(i -> stepNames.put(i.activityId(), definition.name(i.activityId())));
    stepNames.values().removeIf(Objects::isNull);
    return new ModelReport(
        view.model(),
        view.version(),
        view.id(),
        view.status(),
        view.statusReason(),
        view.stage(),
        OffsetDateTime.now(clock),
        reader,
        new ModelReport.ModelCard(
            view.description(),
            view.intendedUse(),
            view.limitations(),
            view.owner(),
            view.ownerEmail(),
            view.riskTier(),
            view.modelType(),
            view.framework(),
            view.artifactUri(),
            view.modelCardUri(),
            view.deploymentTarget(),
            view.registeredBy(),
            view.registeredAt(),
            view.metrics(),
            view.signature(),
            view.fairness()),
        view.lineage(),
        view.validation(),
        view.approvals(),
        view.attachments(),
        view.findings(),
        view.revalidation(),
        stages,
        records.instances(),
        records.incidents(),
        records.activities(),
        interventions(v, stages),
        monitoring,
        compliance,
        ComplianceMapping.annexIv(evidence, compliance),
        stepNames);
  }

  /**
   * Rollbacks and stops of the version, and operations on its lifecycle through the engine's APIs.
   */
  private List<ModelReport.Intervention> interventions(ModelVersion v, List<StageEvent> stages) {
    List<ModelReport.Intervention> result = new ArrayList<>();
    for (StageEvent s : stages) {
      if (STAGE_INTERVENTIONS.contains(s.action())) {
        result.add(
            new ModelReport.Intervention(
                s.occurredAt(),
                s.actor(),
                s.action(),
                s.action() + " " + s.stage(),
                s.message(),
                null,
                null));
      }
    }
    AuditQuery query =
        new AuditQuery(v.modelName(), v.version(), null, EngineOperationAuditor.ACTION, null, null);
    for (AuditEvent e : audit.find(query, 0, MAX_ENGINE_INTERVENTIONS)) {
      JsonNode details = details(e.details());
      String operation = details.path("operationType").asText("");
      String entity = details.path("entityType").asText("");
      result.add(
          new ModelReport.Intervention(
              e.occurredAt(),
              e.actor(),
              e.action(),
              entity.isEmpty() ? operation : operation + " on " + entity,
              details.hasNonNull("reason") ? details.get("reason").asText() : null,
              e.processInstanceId(),
              e.seq()));
    }
    result.sort(Comparator.comparing(ModelReport.Intervention::occurredAt));
    return result;
  }

  private static JsonNode details(String json) {
    try {
      return DETAILS.readTree(json == null ? "{}" : json);
    } catch (JsonProcessingException e) {
      return DETAILS.createObjectNode();
    }
  }

  /** Metric points only: a version without health evaluations. */
  static Monitoring monitoring(List<MetricSeries> series) {
    return monitoring(series, false, 0, 0, null, List.of(), List.of());
  }

  static Monitoring monitoring(
      List<MetricSeries> series,
      boolean referenceProfile,
      long featureWindows,
      int evaluations,
      io.modelops.orchestrator.monitoring.MonitoringRepository.Evaluation latest,
      List<io.modelops.orchestrator.monitoring.drift.FeatureDrift> drift,
      List<io.modelops.orchestrator.monitoring.MonitoringRepository.Alert> alerts) {
    long points = series.stream().mapToLong(MetricSeries::points).sum();
    OffsetDateTime first =
        series.stream()
            .map(MetricSeries::firstObservedAt)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .orElse(null);
    OffsetDateTime latestPoint =
        series.stream()
            .map(MetricSeries::latestObservedAt)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(null);
    return new Monitoring(
        points,
        first,
        latestPoint,
        series,
        referenceProfile,
        featureWindows,
        evaluations,
        latest,
        drift,
        alerts,
        MONITORING_NOTE);
  }
}
