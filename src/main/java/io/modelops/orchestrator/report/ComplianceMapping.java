package io.modelops.orchestrator.report;

import io.modelops.orchestrator.approval.RecordAutomaticApprovalDelegate;
import io.modelops.orchestrator.catalog.ModelVersionView;
import io.modelops.orchestrator.catalog.ModelVersionView.ApprovalView;
import io.modelops.orchestrator.deployment.DeploymentStage;
import io.modelops.orchestrator.deployment.StageEvent;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.report.ModelReport.Activity;
import io.modelops.orchestrator.report.ModelReport.EvidenceStatus;
import io.modelops.orchestrator.report.ModelReport.Incident;
import io.modelops.orchestrator.report.ModelReport.LifecycleInstance;
import io.modelops.orchestrator.report.ModelReport.MetricSeries;
import io.modelops.orchestrator.report.ModelReport.Monitoring;
import io.modelops.orchestrator.report.ModelReport.Requirement;
import io.modelops.orchestrator.validation.CheckStatus;
import io.modelops.orchestrator.validation.ValidationCheck;
import io.modelops.orchestrator.web.html.ReportTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps the evidence of a model report to SR 11-7 (Federal Reserve / OCC guidance on model risk
 * management) and to the record-keeping and oversight duties of the EU AI Act (Regulation (EU)
 * 2024/1689). For each requirement it says which evidence the report holds and whether it is there
 * for this version. It states facts the orchestrator recorded; it does not certify compliance.
 */
final class ComplianceMapping {

  /** EU AI Act Art. 19: logs are kept at least six months. */
  public static final int MIN_LOG_RETENTION_DAYS = 183;

  static final String SR_11_7 = "SR 11-7";
  static final String EU_AI_ACT = "EU AI Act";

  private static final Set<String> INTERVENTIONS = Set.of("ROLLBACK", "STOP", "RESTORE");

  /** The evidence of one version the mapping looks at. */
  public record Evidence(
      ModelVersionView version,
      List<StageEvent> stageHistory,
      List<LifecycleInstance> lifecycleInstances,
      List<Activity> activities,
      List<Incident> incidents,
      Monitoring monitoring) {}

  public static List<Requirement> assess(Evidence evidence) {
    return List.of(
        inventory(evidence),
        documentation(evidence),
        independentValidation(evidence),
        ongoingMonitoring(evidence),
        changeControl(evidence),
        automaticLogging(evidence),
        humanOversight(evidence),
        logRetention(evidence));
  }

  static Requirement inventory(Evidence e) {
    ModelVersionView v = e.version();
    String instances =
        e.lifecycleInstances().isEmpty()
            ? Objects.toString(v.processInstanceId(), "none")
            : e.lifecycleInstances().stream()
                .map(LifecycleInstance::id)
                .collect(Collectors.joining(", "));
    String text =
        "Catalog entry: owner "
            + v.owner()
            + (v.ownerEmail() == null ? "" : " (" + v.ownerEmail() + ")")
            + ", risk tier "
            + v.riskTier()
            + ", type "
            + v.modelType()
            + ", artifact "
            + v.artifactUri()
            + ", registered by "
            + v.registeredBy()
            + " at "
            + ReportTime.format(v.registeredAt())
            + "; status "
            + v.status()
            + ", stage "
            + v.stage()
            + "; lifecycle instance(s): "
            + instances;
    boolean complete = v.owner() != null && v.riskTier() != null && v.modelType() != null;
    return new Requirement(
        "sr11-7.model-inventory",
        SR_11_7,
        "VI. Governance, policies and controls: model inventory",
        "Model inventory",
        text,
        complete ? EvidenceStatus.PRESENT : EvidenceStatus.PARTIAL);
  }

  static Requirement documentation(Evidence e) {
    ModelVersionView v = e.version();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("description", v.description());
    fields.put("intended use", v.intendedUse());
    fields.put("limitations", v.limitations());
    fields.put("model card", v.modelCardUri());
    fields.put(
        "training data reference", v.lineage() == null ? null : v.lineage().trainingDataRef());
    fields.put("source commit", v.lineage() == null ? null : v.lineage().sourceCommit());
    fields.put(
        "declared metrics", v.metrics() == null || v.metrics().isEmpty() ? null : v.metrics());
    List<String> present = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    fields.forEach((name, value) -> (isBlank(value) ? missing : present).add(name));
    String check =
        check(v, "documentation")
            .map(c -> "; documentation check " + c.status() + ": " + c.message())
            .orElse("");
    String text =
        "Documented: "
            + (present.isEmpty() ? "nothing" : String.join(", ", present))
            + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
            + check;
    EvidenceStatus status =
        missing.isEmpty()
            ? EvidenceStatus.PRESENT
            : present.isEmpty() ? EvidenceStatus.MISSING : EvidenceStatus.PARTIAL;
    return new Requirement(
        "sr11-7.development-documentation",
        SR_11_7,
        "IV. Model development, implementation and use; VI. Documentation",
        "Development documentation",
        text,
        status);
  }

  static Requirement independentValidation(Evidence e) {
    ModelVersionView v = e.version();
    ModelVersionView.Validation validation = v.validation();
    String id = "sr11-7.independent-validation";
    String reference = "V. Model validation: effective challenge";
    String title = "Independent validation and effective challenge";
    if (validation == null) {
      return new Requirement(
          id,
          SR_11_7,
          reference,
          title,
          "No validation report: the version was not validated yet.",
          EvidenceStatus.MISSING);
    }
    Map<CheckStatus, Long> counts =
        validation.checks().stream()
            .collect(Collectors.groupingBy(ValidationCheck::status, Collectors.counting()));
    List<ApprovalView> reviews = independentReviews(v);
    StringBuilder text =
        new StringBuilder("Validation report of ")
            .append(ReportTime.format(validation.validatedAt()))
            .append(": ")
            .append(validation.checks().size())
            .append(" checks (")
            .append(counts.getOrDefault(CheckStatus.PASS, 0L))
            .append(" PASS, ")
            .append(counts.getOrDefault(CheckStatus.WARN, 0L))
            .append(" WARN, ")
            .append(counts.getOrDefault(CheckStatus.FAIL, 0L))
            .append(" FAIL), ")
            .append(
                validation.comparedWithChampion() == null
                    ? "no champion to compare with"
                    : "compared with champion " + validation.comparedWithChampion())
            .append("; ")
            .append(reviews.size())
            .append(reviews.size() == 1 ? " review" : " reviews")
            .append(" by reviewers other than the registrant ")
            .append(v.registeredBy());
    if (!reviews.isEmpty()) {
      text.append(": ")
          .append(
              reviews.stream().map(ComplianceMapping::decision).collect(Collectors.joining("; ")));
    }
    boolean byPolicy =
        v.approvals().stream()
            .anyMatch(a -> RecordAutomaticApprovalDelegate.POLICY_ACTOR.equals(a.decidedBy()));
    if (byPolicy) {
      text.append("; approved by the approval policy without human review");
    }
    return new Requirement(
        id,
        SR_11_7,
        reference,
        title,
        text.toString(),
        reviews.isEmpty() ? EvidenceStatus.PARTIAL : EvidenceStatus.PRESENT);
  }

  static Requirement ongoingMonitoring(Evidence e) {
    Monitoring monitoring = e.monitoring();
    boolean served =
        e.stageHistory().stream()
            .anyMatch(s -> s.stage() != DeploymentStage.STAGING && s.trafficPercent() > 0);
    boolean canaryAnalysed =
        e.activities().stream()
            .anyMatch(
                a ->
                    ModelLifecycle.TASK_ANALYZE_CANARY.equals(a.activityId())
                        && a.endedAt() != null);
    String id = "sr11-7.ongoing-monitoring";
    String reference = "V. Model validation: ongoing monitoring and outcomes analysis";
    String title = "Ongoing monitoring";
    if (monitoring.metricPoints() > 0) {
      String text =
          monitoring.metricPoints()
              + " metric points of "
              + monitoring.metrics().stream()
                  .map(MetricSeries::name)
                  .collect(Collectors.joining(", "))
              + ", latest at "
              + ReportTime.format(monitoring.latestObservedAt())
              + (canaryAnalysed ? "; canary analysis ran against them" : "")
              + (monitoring.evaluations() > 0
                  ? "; "
                      + monitoring.evaluations()
                      + " health evaluations (drift against the"
                      + " reference profile and metric limits), latest "
                      + monitoring.latestHealth().status()
                      + ", "
                      + monitoring.alerts().size()
                      + " alerts"
                  : monitoring.referenceProfile()
                      ? "; no health evaluation yet"
                      : "; no reference profile registered, so no drift statistics");
      return new Requirement(id, SR_11_7, reference, title, text, EvidenceStatus.PRESENT);
    }
    if (!served) {
      return new Requirement(
          id,
          SR_11_7,
          reference,
          title,
          "The version has not served traffic; no monitoring data is expected yet.",
          EvidenceStatus.NOT_APPLICABLE);
    }
    return new Requirement(
        id,
        SR_11_7,
        reference,
        title,
        "The version served traffic, but no metric points were posted for it.",
        EvidenceStatus.MISSING);
  }

  static Requirement changeControl(Evidence e) {
    ModelVersionView v = e.version();
    String id = "sr11-7.change-control";
    String reference = "VI. Governance, policies and controls: model changes";
    String title = "Change control";
    if (e.stageHistory().isEmpty()) {
      return new Requirement(
          id,
          SR_11_7,
          reference,
          title,
          "Not deployed: no stage changes of this version to control. Versions are immutable; a"
              + " changed model is registered as a new version.",
          EvidenceStatus.NOT_APPLICABLE);
    }
    List<ApprovalView> approvals =
        v.approvals().stream().filter(a -> ModelLifecycle.isApproval(a.decision())).toList();
    List<ApprovalView> releaseApprovals =
        approvals.stream()
            .filter(a -> ModelLifecycle.TASK_APPROVE_RELEASE.equals(a.step()))
            .toList();
    String text =
        e.stageHistory().size()
            + " stage events, each with actor, time and target reference: "
            + e.stageHistory().stream()
                .map(
                    s ->
                        s.action()
                            + " "
                            + s.stage()
                            + " "
                            + s.trafficPercent()
                            + " % by "
                            + s.actor()
                            + " at "
                            + ReportTime.format(s.occurredAt()))
                .collect(Collectors.joining("; "))
            + "; "
            + (releaseApprovals.isEmpty()
                ? "no production release approval was required or given"
                : "production release approved by "
                    + releaseApprovals.stream()
                        .map(ComplianceMapping::decision)
                        .collect(Collectors.joining("; ")))
            + ". Versions are immutable; a changed model is registered as a new version.";
    return new Requirement(
        id,
        SR_11_7,
        reference,
        title,
        text,
        approvals.isEmpty() ? EvidenceStatus.PARTIAL : EvidenceStatus.PRESENT);
  }

  static Requirement automaticLogging(Evidence e) {
    String text =
        e.activities().size()
            + " engine history entries (start and end of each lifecycle activity, with users) in "
            + e.lifecycleInstances().size()
            + " lifecycle instance(s); "
            + e.stageHistory().size()
            + " stage events; "
            + e.version().approvals().size()
            + " decision records with evidence hashes; "
            + e.incidents().size()
            + " incident(s); all time-stamped";
    return new Requirement(
        "eu-ai-act.art-12",
        EU_AI_ACT,
        "Art. 12 Record-keeping",
        "Automatic logging of events over the lifetime of the system",
        text,
        e.activities().isEmpty() ? EvidenceStatus.MISSING : EvidenceStatus.PRESENT);
  }

  static Requirement humanOversight(Evidence e) {
    List<ApprovalView> human =
        e.version().approvals().stream()
            .filter(a -> !RecordAutomaticApprovalDelegate.POLICY_ACTOR.equals(a.decidedBy()))
            .toList();
    List<StageEvent> interventions =
        e.stageHistory().stream().filter(s -> INTERVENTIONS.contains(s.action())).toList();
    String text =
        (human.isEmpty()
                ? "No human decision on this version (approved by policy)"
                : "Human decisions: "
                    + human.stream()
                        .map(ComplianceMapping::decision)
                        .collect(Collectors.joining("; ")))
            + "; "
            + (interventions.isEmpty()
                ? "no rollback or stop of this version"
                : "interventions: "
                    + interventions.stream()
                        .map(
                            s ->
                                s.action()
                                    + " by "
                                    + s.actor()
                                    + " at "
                                    + ReportTime.format(s.occurredAt())
                                    + (s.message() == null ? "" : " (" + s.message() + ")"))
                        .collect(Collectors.joining("; ")))
            + ". Rollback and emergency stop are available to ml-ops at any time during release and"
            + " production (POST /api/models/{name}/rollback, POST /api/models/{name}/versions/{version}/stop).";
    return new Requirement(
        "eu-ai-act.art-14",
        EU_AI_ACT,
        "Art. 14 Human oversight",
        "Human oversight, including the ability to intervene and stop",
        text,
        human.isEmpty() ? EvidenceStatus.PARTIAL : EvidenceStatus.PRESENT);
  }

  static Requirement logRetention(Evidence e) {
    String id = "eu-ai-act.art-19";
    String reference = "Art. 19 Automatically generated logs";
    String title = "Logs kept for at least six months";
    String records = "catalog, validation, decision and stage records are kept without expiry";
    if (e.lifecycleInstances().isEmpty()) {
      return new Requirement(
          id,
          EU_AI_ACT,
          reference,
          title,
          "No engine history of the lifecycle found; " + records,
          EvidenceStatus.MISSING);
    }
    boolean unlimited =
        e.lifecycleInstances().stream().anyMatch(i -> i.historyTimeToLiveDays() == null);
    int days =
        e.lifecycleInstances().stream()
            .map(LifecycleInstance::historyTimeToLiveDays)
            .filter(Objects::nonNull)
            .mapToInt(Integer::intValue)
            .min()
            .orElse(Integer.MAX_VALUE);
    String kept =
        days == Integer.MAX_VALUE
            ? "Engine history of the lifecycle is kept without expiry"
            : "Engine history of the lifecycle is kept "
                + days
                + " days (historyTimeToLive of "
                + ModelLifecycle.KEY
                + ")"
                + (unlimited ? " or longer" : "");
    boolean enough = days >= MIN_LOG_RETENTION_DAYS;
    return new Requirement(
        id,
        EU_AI_ACT,
        reference,
        title,
        kept
            + "; "
            + records
            + (enough ? "" : "; at least " + MIN_LOG_RETENTION_DAYS + " days are required"),
        enough ? EvidenceStatus.PRESENT : EvidenceStatus.MISSING);
  }

  private static List<ApprovalView> independentReviews(ModelVersionView v) {
    return v.approvals().stream()
        .filter(a -> ModelLifecycle.TASK_REVIEW.equals(a.step()))
        .filter(a -> a.decidedBy() != null && !a.decidedBy().equals(v.registeredBy()))
        .toList();
  }

  private static String decision(ApprovalView a) {
    return a.decidedBy()
        + (a.reviewGroup() == null ? "" : " (" + a.reviewGroup() + ")")
        + " "
        + a.decision()
        + " at "
        + ReportTime.format(a.decidedAt());
  }

  private static Optional<ValidationCheck> check(ModelVersionView v, String name) {
    return v.validation() == null
        ? Optional.empty()
        : v.validation().checks().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static boolean isBlank(Object value) {
    return value == null || value.toString().isBlank();
  }

  private ComplianceMapping() {}
}
