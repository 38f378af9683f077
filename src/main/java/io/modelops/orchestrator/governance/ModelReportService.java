package io.modelops.orchestrator.governance;

import io.modelops.orchestrator.approval.Approval;
import io.modelops.orchestrator.approval.ApprovalRepository;
import io.modelops.orchestrator.catalog.CatalogQueryService;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.ModelVersionView;
import io.modelops.orchestrator.deployment.StageEvent;
import io.modelops.orchestrator.deployment.StageLedger;
import io.modelops.orchestrator.governance.ModelReport.MetricSeries;
import io.modelops.orchestrator.governance.ModelReport.Monitoring;
import io.modelops.orchestrator.web.ResourceNotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Assembles the governance report of a model version from the catalog, ledger and engine. */
@Service
public class ModelReportService {

  static final String MONITORING_NOTE =
      "Metric points posted by serving systems are listed; drift statistics are not computed yet.";

  private final CatalogRepository catalog;
  private final CatalogQueryService queries;
  private final ApprovalRepository approvals;
  private final StageLedger ledger;
  private final GovernanceRepository governance;
  private final LifecycleHistory history;
  private final Clock clock;

  public ModelReportService(
      CatalogRepository catalog,
      CatalogQueryService queries,
      ApprovalRepository approvals,
      StageLedger ledger,
      GovernanceRepository governance,
      LifecycleHistory history,
      Clock clock) {
    this.catalog = catalog;
    this.queries = queries;
    this.approvals = approvals;
    this.ledger = ledger;
    this.governance = governance;
    this.history = history;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public ModelReport report(String model, String version, String reader) {
    ModelVersion v =
        catalog
            .findVersion(model, version)
            .orElseThrow(
                () ->
                    new ResourceNotFoundException(
                        "Version '" + version + "' of model '" + model + "' not found"));
    ModelVersionView view = queries.view(v);
    Map<String, String> deciders = new HashMap<>();
    for (Approval a : approvals.findByVersion(v.id())) {
      deciders.put(a.taskId(), a.decidedBy());
    }
    List<StageEvent> stages =
        ledger.history(v.modelId()).stream()
            .filter(e -> e.version().equals(v.version()))
            .toList();
    LifecycleHistory.Records records = history.of(v, deciders);
    Monitoring monitoring = monitoring(governance.metricSeries(v.id()));
    List<ModelReport.Requirement> compliance =
        ComplianceMapping.assess(
            new ComplianceMapping.Evidence(
                view, stages, records.instances(), records.activities(), records.incidents(), monitoring));
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
        stages,
        records.instances(),
        records.incidents(),
        records.activities(),
        monitoring,
        compliance);
  }

  static Monitoring monitoring(List<MetricSeries> series) {
    long points = series.stream().mapToLong(MetricSeries::points).sum();
    OffsetDateTime first =
        series.stream()
            .map(MetricSeries::firstObservedAt)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .orElse(null);
    OffsetDateTime latest =
        series.stream()
            .map(MetricSeries::latestObservedAt)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(null);
    return new Monitoring(points, first, latest, series, MONITORING_NOTE);
  }
}
