package io.modelops.orchestrator.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.ModelVersionView;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.deployment.StageEvent;
import io.modelops.orchestrator.evidence.AttachmentView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything an auditor or model risk manager asks about one model version, in one document: the
 * model card, lineage, validation evidence, every decision, the stage history, the lifecycle as the
 * engine recorded it, monitoring data, and how this evidence maps to SR 11-7 and to the
 * record-keeping duties of the EU AI Act.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ModelReport(
    String model,
    String version,
    UUID id,
    LifecycleStatus status,
    String statusReason,
    Stage stage,
    OffsetDateTime generatedAt,
    String generatedBy,
    ModelCard modelCard,
    ModelVersionView.Lineage lineage,
    ModelVersionView.Validation validation,
    List<ModelVersionView.ApprovalView> approvals,
    List<AttachmentView> attachments,
    List<io.modelops.orchestrator.findings.FindingView> findings,
    io.modelops.orchestrator.revalidation.RevalidationView revalidation,
    List<StageEvent> stageHistory,
    List<LifecycleInstance> lifecycleInstances,
    List<Incident> incidents,
    List<Activity> activities,
    List<Intervention> interventions,
    Monitoring monitoring,
    List<Requirement> compliance,
    List<AnnexItem> annexIv,
    Map<String, String> stepNames) {

  /** The name of a lifecycle step (a BPMN activity id), or the id when it has none. */
  public String stepName(String activityId) {
    return activityId == null ? null : stepNames.getOrDefault(activityId, activityId);
  }

  /** What the model is, what it is for and who answers for it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ModelCard(
      String description,
      String intendedUse,
      String limitations,
      String owner,
      String ownerEmail,
      RiskTier riskTier,
      ModelType modelType,
      String framework,
      String artifactUri,
      String modelCardUri,
      DeploymentTargetKind deploymentTarget,
      String registeredBy,
      OffsetDateTime registeredAt,
      Map<String, Double> metrics,
      JsonNode signature,
      JsonNode fairness) {}

  /**
   * One process instance of the version's lifecycle. A version restored by a rollback gets a new
   * instance, so a version can have several.
   *
   * @param state the engine's state: ACTIVE, COMPLETED, SUSPENDED, EXTERNALLY_TERMINATED...
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LifecycleInstance(
      String id,
      String businessKey,
      int definitionVersion,
      String state,
      String startedBy,
      OffsetDateTime startedAt,
      OffsetDateTime endedAt,
      Integer historyTimeToLiveDays) {}

  /**
   * A failure of a lifecycle step that operations had to see: open (still blocking) or resolved.
   *
   * @param state {@code open}, {@code resolved} or {@code deleted}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Incident(
      String id,
      String processInstanceId,
      String type,
      String activityId,
      String message,
      String state,
      OffsetDateTime createdAt,
      OffsetDateTime endedAt) {}

  /**
   * Start and end of one BPMN activity of the lifecycle, as the engine's history recorded it.
   *
   * @param assignee the user a user task was assigned to, if it was claimed
   * @param completedBy who decided a user task, from the decision record
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Activity(
      String processInstanceId,
      String activityId,
      String activityName,
      String activityType,
      OffsetDateTime startedAt,
      OffsetDateTime endedAt,
      String assignee,
      String completedBy,
      boolean canceled) {}

  /**
   * Something a person did to the version outside its tasks: a rollback or stop (from the stage
   * history) or an operation through the engine's APIs such as a process instance modification, a
   * variable edit or a job retry (from the audit log, action {@code ENGINE_OPERATION}).
   *
   * @param action {@code ROLLBACK}, {@code STOP} or {@code ENGINE_OPERATION}
   * @param operation what was done, e.g. {@code ModifyProcessInstance on ProcessInstance}
   * @param reason the reason given: the rollback's message or the operation's annotation
   * @param auditSeq the event's number in the audit chain, for engine operations
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Intervention(
      OffsetDateTime occurredAt,
      String actor,
      String action,
      String operation,
      String reason,
      String processInstanceId,
      Long auditSeq) {}

  /**
   * The monitoring evidence of the version: metric points, health evaluations with the drift of
   * each feature in the latest one, and alerts.
   *
   * @param metricPoints metric points posted for the version (table {@code metric_point})
   * @param evaluations health evaluations in production (table {@code health_evaluation})
   * @param latestHealth the latest evaluation, or null
   * @param drift the drift of each feature in the latest evaluation
   * @param alerts the version's alerts, newest first
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Monitoring(
      long metricPoints,
      OffsetDateTime firstObservedAt,
      OffsetDateTime latestObservedAt,
      List<MetricSeries> metrics,
      boolean referenceProfile,
      long featureWindows,
      int evaluations,
      io.modelops.orchestrator.monitoring.MonitoringRepository.Evaluation latestHealth,
      List<io.modelops.orchestrator.monitoring.drift.FeatureDrift> drift,
      List<io.modelops.orchestrator.monitoring.MonitoringRepository.Alert> alerts,
      String note) {}

  /** Points of one metric. */
  public record MetricSeries(
      String name, long points, OffsetDateTime firstObservedAt, OffsetDateTime latestObservedAt) {}

  /**
   * One regulatory requirement, the evidence this report holds for it, and whether that evidence is
   * there for this version.
   *
   * @param id stable identifier, e.g. {@code sr11-7.independent-validation}
   * @param framework {@code SR 11-7} or {@code EU AI Act}
   * @param reference section or article, e.g. {@code Art. 14}
   */
  public record Requirement(
      String id,
      String framework,
      String reference,
      String title,
      String evidence,
      EvidenceStatus status) {}

  /**
   * One item of Annex IV of the EU AI Act (the technical documentation of Art. 11(1)), the evidence
   * this report holds for it, and where in the report that evidence is.
   *
   * @param id stable identifier, e.g. {@code annex-iv.2b}
   * @param reference the point of Annex IV, e.g. {@code 2(b)}
   * @param sections anchors of the report's sections holding the evidence, e.g. {@code validation}
   */
  public record AnnexItem(
      String id,
      String reference,
      String title,
      String evidence,
      List<String> sections,
      EvidenceStatus status) {}

  /** Whether the evidence for a requirement is there. */
  public enum EvidenceStatus {
    PRESENT,
    /** Some of it: the evidence text says what is missing. */
    PARTIAL,
    MISSING,
    /** Not applicable to this version yet, e.g. monitoring of a version that never served. */
    NOT_APPLICABLE
  }
}
