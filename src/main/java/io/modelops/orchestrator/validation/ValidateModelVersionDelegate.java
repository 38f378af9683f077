package io.modelops.orchestrator.validation;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.evaluation.EvaluationDatasets;
import io.modelops.orchestrator.evaluation.Evaluations;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Validate model version": runs the checks, stores the report and sets the gateway flag. A failed
 * check is an expected outcome (data + gateway), not an exception.
 */
@Component("validateModelVersionDelegate")
public class ValidateModelVersionDelegate implements JavaDelegate {

  private final CatalogRepository catalog;
  private final ValidationService validation;
  private final ValidationReportRepository reports;
  private final AuditLog audit;
  private final Evaluations evaluations;
  private final EvaluationDatasets datasets;

  public ValidateModelVersionDelegate(
      CatalogRepository catalog,
      ValidationService validation,
      ValidationReportRepository reports,
      AuditLog audit,
      Evaluations evaluations,
      EvaluationDatasets datasets) {
    this.catalog = catalog;
    this.validation = validation;
    this.reports = reports;
    this.audit = audit;
    this.evaluations = evaluations;
    this.datasets = datasets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    ModelVersion champion = catalog.findChampion(version.modelId(), version.id()).orElse(null);
    ValidationReport report =
        validation.validate(
            version,
            champion,
            evaluations.latestOf(version.id()).orElse(null),
            datasets.current(version.modelName()).isPresent());
    reports.save(report);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("passed", report.passed());
    details.put("warnings", report.warnings());
    details.put("champion", report.championVersion());
    details.put("reportId", report.id().toString());
    details.put(
        "checks",
        report.checks().stream()
            .map(c -> Map.of("name", c.name(), "status", c.status().name()))
            .toList());
    audit.record(
        "VALIDATION_COMPLETED",
        AuditLog.SYSTEM,
        version.modelName(),
        version.version(),
        execution.getProcessInstanceId(),
        details);

    ModelLifecycle.VALIDATION_WARNINGS.set(execution, report.warnings());
    ModelLifecycle.CHAMPION_EXISTS.set(execution, champion != null);
    ModelLifecycle.CHAMPION_VERSION.set(
        execution, champion == null ? "none" : champion.version() + " (in production)");

    ModelLifecycle.VALIDATION_PASSED.set(execution, report.passed());
    ModelLifecycle.VALIDATION_SUMMARY.set(execution, report.summary());
    if (!report.passed()) {
      ModelLifecycle.REJECTION_REASON.set(
          execution,
          "Validation failed: "
              + report.failures().stream()
                  .map(ValidationCheck::toLine)
                  .collect(Collectors.joining("; ")));
    }
  }
}
