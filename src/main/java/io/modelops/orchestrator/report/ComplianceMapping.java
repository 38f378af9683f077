package io.modelops.orchestrator.report;

import io.modelops.orchestrator.approval.RecordAutomaticApprovalDelegate;
import io.modelops.orchestrator.catalog.ModelVersionView;
import io.modelops.orchestrator.catalog.ModelVersionView.ApprovalView;
import io.modelops.orchestrator.deployment.DeploymentStage;
import io.modelops.orchestrator.deployment.StageEvent;
import io.modelops.orchestrator.evidence.AttachmentKind;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.report.ModelReport.Activity;
import io.modelops.orchestrator.report.ModelReport.AnnexItem;
import io.modelops.orchestrator.report.ModelReport.EvidenceStatus;
import io.modelops.orchestrator.report.ModelReport.Incident;
import io.modelops.orchestrator.report.ModelReport.LifecycleInstance;
import io.modelops.orchestrator.report.ModelReport.MetricSeries;
import io.modelops.orchestrator.report.ModelReport.Monitoring;
import io.modelops.orchestrator.report.ModelReport.Requirement;
import io.modelops.orchestrator.validation.CheckStatus;
import io.modelops.orchestrator.validation.ValidationCheck;
import io.modelops.orchestrator.web.html.Readable;
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
            + "; lifecycle "
            + (e.lifecycleInstances().size() > 1 ? "instances: " : "instance: ")
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
          Readable.count(monitoring.metricPoints(), "metric point")
              + " of "
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
        Readable.count(e.stageHistory().size(), "stage event")
            + ", each with actor, time and target reference: "
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
        Readable.count(e.activities().size(), "engine history entry")
            + " (start and end of each lifecycle activity, with users) in "
            + Readable.count(e.lifecycleInstances().size(), "lifecycle instance")
            + "; "
            + Readable.count(e.stageHistory().size(), "stage event")
            + "; "
            + Readable.count(e.version().approvals().size(), "decision record")
            + " with evidence hashes; "
            + Readable.count(e.incidents().size(), "incident")
            + "; all time-stamped";
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

  /**
   * Annex IV of the EU AI Act (technical documentation, Art. 11(1)), point by point: which evidence
   * of this report answers it, in which section, and whether it is there. The orchestrator records
   * the model's lifecycle, not the whole AI system it is part of: points about the system around
   * the model (hardware, user interface, instructions for use, standards, the declaration of
   * conformity) are answered by attachments, and are missing until one is attached.
   */
  public static List<AnnexItem> annexIv(Evidence e, List<Requirement> requirements) {
    ModelVersionView v = e.version();
    Map<String, Requirement> byId =
        requirements.stream().collect(Collectors.toMap(Requirement::id, r -> r, (a, b) -> a));
    List<AnnexItem> items = new ArrayList<>();
    List<String> purpose = missing(v.intendedUse(), "intended use", v.owner(), "provider (owner)");
    items.add(
        item(
            "annex-iv.1a",
            "1(a)",
            "Intended purpose, provider, version and its relation to previous versions",
            "Intended use: "
                + orNone(v.intendedUse())
                + "; owner "
                + v.owner()
                + "; version "
                + v.version()
                + " of "
                + v.model()
                + "; stage history and lifecycle instances show the versions before and after",
            List.of("model-card", "stage-history", "lifecycle"),
            purpose.isEmpty() ? EvidenceStatus.PRESENT : EvidenceStatus.PARTIAL));
    boolean software = !isBlank(v.framework()) && !isBlank(v.artifactUri());
    items.add(
        item(
            "annex-iv.1bc",
            "1(b)-(c), 1(e)",
            "Interaction with hardware and software; versions of relevant software; hardware",
            "Framework "
                + orNone(v.framework())
                + ", artifact "
                + orNone(v.artifactUri())
                + ", deployment target "
                + orNone(v.deploymentTarget())
                + ", input/output signature "
                + (v.signature() == null || v.signature().isEmpty() ? "not declared" : "declared")
                + documents(v, "hardware", "software"),
            List.of("model-card", "lineage", "attachments"),
            software ? EvidenceStatus.PARTIAL : EvidenceStatus.MISSING));
    items.add(
        item(
            "annex-iv.1dgh",
            "1(d), 1(f)-(h)",
            "Forms placed on the market, user interface, instructions for use",
            "The deployment target and stage history show how the model is served"
                + documents(v, "instructions", "user interface", "model documentation"),
            List.of("stage-history", "attachments"),
            hasDocument(v, AttachmentKind.MODEL_DOCUMENTATION)
                ? EvidenceStatus.PRESENT
                : EvidenceStatus.MISSING));
    boolean lineage =
        v.lineage() != null
            && !isBlank(v.lineage().sourceCommit())
            && !isBlank(v.lineage().trainingDataRef());
    items.add(
        item(
            "annex-iv.2abc",
            "2(a)-(c)",
            "Development methods and steps, design specifications and key design choices,"
                + " architecture",
            "Description: "
                + orNone(v.description())
                + "; model type "
                + v.modelType()
                + "; lineage (source commit, run)"
                + "; model card "
                + orNone(v.modelCardUri())
                + documents(v, "design", "model documentation"),
            List.of("model-card", "lineage", "attachments"),
            lineage && !isBlank(v.description())
                ? (isBlank(v.modelCardUri()) ? EvidenceStatus.PARTIAL : EvidenceStatus.PRESENT)
                : EvidenceStatus.PARTIAL));
    items.add(
        item(
            "annex-iv.2d",
            "2(d)",
            "Data requirements: training data sets, provenance, data sheets",
            "Training data reference "
                + orNone(v.lineage() == null ? null : v.lineage().trainingDataRef())
                + documents(v, "data sheet"),
            List.of("lineage", "attachments"),
            v.lineage() == null || isBlank(v.lineage().trainingDataRef())
                ? EvidenceStatus.MISSING
                : hasDocument(v, AttachmentKind.DATA_SHEET)
                    ? EvidenceStatus.PRESENT
                    : EvidenceStatus.PARTIAL));
    items.add(
        fromRequirement(
            "annex-iv.2e",
            "2(e)",
            "Assessment of the human oversight measures (Art. 14)",
            byId.get("eu-ai-act.art-14"),
            List.of("decisions", "interventions")));
    items.add(
        item(
            "annex-iv.2f",
            "2(f)",
            "Pre-determined changes to the system and its performance",
            "Versions are immutable: every change, including retraining, is registered as a new"
                + " version and goes through validation and review again",
            List.of("stage-history", "lifecycle"),
            EvidenceStatus.PRESENT));
    Requirement validation = byId.get("sr11-7.independent-validation");
    boolean tested = v.validation() != null && !v.validation().checks().isEmpty();
    items.add(
        item(
            "annex-iv.2g",
            "2(g)",
            "Validation and testing procedures, data, metrics (incl. discriminatory impacts),"
                + " dated and signed test reports",
            (tested
                    ? "Validation checks "
                        + v.validation().checks().size()
                        + " at "
                        + ReportTime.format(v.validation().validatedAt())
                    : "No validation yet")
                + "; declared metrics "
                + (v.metrics() == null || v.metrics().isEmpty() ? "none" : v.metrics().keySet())
                + "; fairness "
                + (v.fairness() == null || v.fairness().isEmpty() ? "not declared" : "declared")
                + "; "
                + (validation == null ? "" : validation.evidence()),
            List.of("validation", "decisions", "attachments"),
            !tested
                ? EvidenceStatus.MISSING
                : validation != null && validation.status() == EvidenceStatus.PRESENT
                    ? EvidenceStatus.PRESENT
                    : EvidenceStatus.PARTIAL));
    items.add(
        item(
            "annex-iv.2h",
            "2(h)",
            "Cybersecurity measures",
            "Artifact integrity: every decision records the SHA-256 of the evidence it was made on;"
                + " the audit log is hash-chained"
                + documents(v, "security"),
            List.of("decisions", "attachments"),
            hasTitle(v, "security") ? EvidenceStatus.PRESENT : EvidenceStatus.PARTIAL));
    items.add(
        item(
            "annex-iv.3",
            "3",
            "Monitoring, functioning and control: capabilities and limitations, foreseeable"
                + " unintended outcomes, human oversight, input data",
            "Limitations: "
                + orNone(v.limitations())
                + "; input signature "
                + (v.signature() == null || v.signature().isEmpty() ? "not declared" : "declared")
                + "; "
                + Readable.count(e.monitoring().evaluations(), "health evaluation")
                + ", "
                + Readable.count(e.monitoring().metricPoints(), "metric point"),
            List.of("model-card", "monitoring", "decisions"),
            isBlank(v.limitations()) ? EvidenceStatus.MISSING : EvidenceStatus.PRESENT));
    items.add(
        item(
            "annex-iv.4",
            "4",
            "Appropriateness of the performance metrics",
            "Validation thresholds per risk tier, compared with the champion; metric limits of"
                + " monitoring"
                + documents(v, "metric"),
            List.of("validation", "monitoring"),
            tested ? EvidenceStatus.PARTIAL : EvidenceStatus.MISSING));
    items.add(
        item(
            "annex-iv.5",
            "5",
            "Risk management system (Art. 9)",
            "Risk tier "
                + v.riskTier()
                + "; findings "
                + (v.findings() == null ? 0 : v.findings().size())
                + "; reviews by the groups the tier's approval policy requires; monitoring alerts",
            List.of("model-card", "findings", "decisions", "monitoring"),
            v.riskTier() == null ? EvidenceStatus.MISSING : EvidenceStatus.PRESENT));
    items.add(
        fromRequirement(
            "annex-iv.6",
            "6",
            "Relevant changes made through the lifecycle",
            byId.get("sr11-7.change-control"),
            List.of("stage-history", "interventions", "lifecycle")));
    items.add(
        item(
            "annex-iv.7",
            "7",
            "Harmonised standards applied, or the solutions adopted instead",
            hasTitle(v, "standard")
                ? "Attached" + documents(v, "standard")
                : "Not recorded by the orchestrator: attach the list (title containing"
                    + " \"standard\")",
            List.of("attachments"),
            hasTitle(v, "standard") ? EvidenceStatus.PRESENT : EvidenceStatus.MISSING));
    items.add(
        item(
            "annex-iv.8",
            "8",
            "Copy of the EU declaration of conformity (Art. 47)",
            hasTitle(v, "declaration of conformity")
                ? "Attached" + documents(v, "declaration of conformity")
                : "Not recorded by the orchestrator: attach the declaration (title containing"
                    + " \"declaration of conformity\")",
            List.of("attachments"),
            hasTitle(v, "declaration of conformity")
                ? EvidenceStatus.PRESENT
                : EvidenceStatus.MISSING));
    Requirement monitoring = byId.get("sr11-7.ongoing-monitoring");
    items.add(
        item(
            "annex-iv.9",
            "9",
            "Post-market monitoring system and plan (Art. 72)",
            "Health evaluations against the reference profile and metric limits, alerts and"
                + " triage; "
                + (monitoring == null ? "" : monitoring.evidence()),
            List.of("monitoring"),
            monitoring == null ? EvidenceStatus.MISSING : monitoring.status()));
    return List.copyOf(items);
  }

  private static AnnexItem item(
      String id,
      String reference,
      String title,
      String evidence,
      List<String> sections,
      EvidenceStatus status) {
    return new AnnexItem(id, reference, title, evidence, sections, status);
  }

  private static AnnexItem fromRequirement(
      String id, String reference, String title, Requirement r, List<String> sections) {
    List<String> where = new ArrayList<>(sections);
    where.add(r == null ? "compliance" : r.id());
    return new AnnexItem(
        id,
        reference,
        title,
        r == null ? "No evidence" : r.evidence(),
        List.copyOf(where),
        r == null ? EvidenceStatus.MISSING : r.status());
  }

  private static List<String> missing(Object a, String aName, Object b, String bName) {
    List<String> missing = new ArrayList<>();
    if (isBlank(a)) {
      missing.add(aName);
    }
    if (isBlank(b)) {
      missing.add(bName);
    }
    return missing;
  }

  private static boolean hasDocument(ModelVersionView v, AttachmentKind kind) {
    return v.attachments() != null && v.attachments().stream().anyMatch(a -> a.kind() == kind);
  }

  private static boolean hasTitle(ModelVersionView v, String word) {
    return v.attachments() != null
        && v.attachments().stream()
            .anyMatch(
                a ->
                    a.title() != null
                        && a.title().toLowerCase(java.util.Locale.ROOT).contains(word));
  }

  /** "; attached: title (kind), ..." for attachments whose title or kind mentions a word. */
  private static String documents(ModelVersionView v, String... words) {
    if (v.attachments() == null) {
      return "";
    }
    List<String> titles = new ArrayList<>();
    for (var a : v.attachments()) {
      String text =
          (a.title() + " " + a.kind().name().replace('_', ' ')).toLowerCase(java.util.Locale.ROOT);
      for (String word : words) {
        if (text.contains(word)) {
          titles.add(a.title() + " (" + a.kind() + ")");
          break;
        }
      }
    }
    return titles.isEmpty() ? "" : "; attached: " + String.join(", ", titles);
  }

  private static String orNone(Object value) {
    return isBlank(value) ? "not given" : value.toString();
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
