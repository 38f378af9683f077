package io.modelops.orchestrator.revalidation;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.evaluation.Evaluation;
import io.modelops.orchestrator.evaluation.Evaluations;
import io.modelops.orchestrator.notification.EscalationRecipients;
import io.modelops.orchestrator.notification.OwnerNotifications;
import io.modelops.orchestrator.notification.RecipientDirectory;
import io.modelops.orchestrator.notification.ReminderMails;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.web.html.Readable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * Periodic revalidation and owner attestations of a version in production, used from the BPMN as
 * {@code ${revalidation...}}. Everything a gateway, timer or guard needs is read from the version's
 * frozen schedule ({@link RevalidationRepository}), never from process variables.
 *
 * <ul>
 *   <li>{@link #schedule}: when monitoring starts, freezes the intervals of DMN {@code
 *       revalidation-interval} for the version's effective tier (from the catalog), once; the first
 *       revalidation is due one interval after the version first got all production traffic;
 *   <li>{@link #requestEvaluation}: start of "Evaluate model version again", the call of
 *       model-evaluation that scores the version afresh; records that the round opened;
 *   <li>{@link #opened}: the revalidation review opened (audit {@code REVALIDATION_OPENED});
 *   <li>{@link #changesRequired}: a validator required changes: the owner, operations and the
 *       validators are mailed;
 *   <li>{@link #attestationDenied}: the owner said the version is no longer used as intended or its
 *       inputs changed: owner, operations and validators are mailed and the revalidation is due at
 *       once.
 * </ul>
 */
@Component("revalidation")
public class Revalidations {

  private final CatalogRepository catalog;
  private final RevalidationRepository schedules;
  private final AuditLog audit;
  private final OwnerNotifications notifications;
  private final ReminderMails mails;
  private final RecipientDirectory directory;
  private final EscalationRecipients escalation;
  private final Evaluations evaluations;
  private final Clock clock;

  public Revalidations(
      CatalogRepository catalog,
      RevalidationRepository schedules,
      AuditLog audit,
      OwnerNotifications notifications,
      ReminderMails mails,
      RecipientDirectory directory,
      EscalationRecipients escalation,
      Evaluations evaluations,
      Clock clock) {
    this.catalog = catalog;
    this.schedules = schedules;
    this.audit = audit;
    this.notifications = notifications;
    this.mails = mails;
    this.directory = directory;
    this.escalation = escalation;
    this.evaluations = evaluations;
    this.clock = clock;
  }

  /** Start of "Monitor model in production": freezes the schedule once (a restore keeps it). */
  public void schedule(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    if (schedules.find(version.id()).isPresent()) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime since = schedules.productionSince(version.id()).orElse(now);
    ProcessEngineServices engine = execution.getProcessEngineServices();
    Map.Entry<String, Map<String, Object>> decided =
        EngineInternals.withoutAuthorization(
            engine.getIdentityService(), () -> evaluate(engine, version));
    Map<String, Object> out = decided.getValue();
    String revalidation = required(out, "revalidationInterval");
    String attestation = (String) out.get("attestationInterval");
    RevalidationSchedule schedule =
        new RevalidationSchedule(
            version.id(),
            version.riskTier().name(),
            revalidation,
            attestation,
            required(out, "recheckInterval"),
            required(out, "reminderAfter"),
            required(out, "escalationAfter"),
            decided.getKey(),
            since,
            RevalidationSchedule.after(since, revalidation),
            attestation == null ? null : RevalidationSchedule.after(since, attestation),
            null,
            null,
            null,
            null,
            null,
            null,
            now);
    if (schedules.insert(schedule)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("riskTier", schedule.riskTier());
      details.put("revalidationInterval", revalidation);
      details.put("attestationInterval", attestation);
      details.put("revalidationDueAt", schedule.revalidationDueAt().toString());
      details.put(
          "attestationDueAt",
          schedule.attestationDueAt() == null ? null : schedule.attestationDueAt().toString());
      details.put("decisionDefinitionId", decided.getKey());
      audit.record(
          "REVALIDATION_SCHEDULED",
          AuditLog.SYSTEM,
          version.modelName(),
          version.version(),
          execution.getProcessInstanceId(),
          details);
    }
  }

  /** Gateway "Revalidation scheduled?": the version has a frozen schedule. */
  public boolean revalidationScheduled(DelegateExecution execution) {
    return scheduleOf(execution).isPresent();
  }

  /** Timer "Revalidation due": the frozen due date. */
  public Date revalidationDueAt(DelegateExecution execution) {
    return Date.from(requireSchedule(execution).revalidationDueAt().toInstant());
  }

  /**
   * Start of "Evaluate model version again": records that the round opened and an evaluation was
   * requested.
   */
  public void requestEvaluation(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    RevalidationSchedule schedule = requireSchedule(execution);
    if (schedule.evaluationRequestedAt() != null && schedule.revalidationOpenedAt() != null) {
      return; // a re-run job of the same round
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    schedules.opened(version.id(), now);
    schedules.evaluationRequested(version.id(), now);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("revalidationDueAt", schedule.revalidationDueAt().toString());
    details.put("evaluation", "requested");
    audit.record(
        "REVALIDATION_EVALUATION_REQUESTED",
        AuditLog.SYSTEM,
        version.modelName(),
        version.version(),
        execution.getProcessInstanceId(),
        details);
  }

  /** "Revalidate model version" created: audit and the summary the form shows. */
  public void opened(DelegateTask task) {
    ModelVersion version = catalog.requireVersionOfLifecycle(task.getProcessInstanceId());
    RevalidationSchedule schedule = requireSchedule(version);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("taskId", task.getId());
    details.put("revalidationDueAt", schedule.revalidationDueAt().toString());
    details.put("riskTier", schedule.riskTier());
    audit.record(
        "REVALIDATION_OPENED",
        AuditLog.SYSTEM,
        version.modelName(),
        version.version(),
        task.getProcessInstanceId(),
        details);
    ModelLifecycle.REVALIDATION_SUMMARY.set(
        task, summary(version, schedule, evaluations.latestOf(version.id()).orElse(null)));
  }

  /** Gateway "Revalidation outcome?": the last recorded decision (our table). */
  public String lastOutcome(DelegateExecution execution) {
    String outcome = requireSchedule(execution).lastOutcome();
    if (outcome == null) {
      throw new IllegalStateException(
          "No revalidation decision is recorded for " + execution.getProcessInstanceId());
    }
    return outcome;
  }

  /** "Notify owner of required changes": the validator's reasons to owner, ops and validators. */
  public void changesRequired(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    RevalidationSchedule schedule = requireSchedule(execution);
    List<RevalidationRecords.Review> reviews = schedules.reviews(version.id());
    RevalidationRecords.Review last = reviews.isEmpty() ? null : reviews.get(reviews.size() - 1);
    notifications.monitoring(
        version,
        "revalidation-changes:" + version.id() + ":" + (last == null ? "none" : last.id()),
        "needs changes after its revalidation",
        "Revalidation by "
            + (last == null ? "?" : last.decidedBy())
            + " requires changes: "
            + (last == null ? "" : last.comment())
            + "\n\nThe next revalidation is due "
            + Readable.time(schedule.revalidationDueAt())
            + ". Register a new version with the changes, or retire this one.",
        execution.getProcessInstanceId(),
        List.of(ModelLifecycle.GROUP_OPS, ModelLifecycle.GROUP_VALIDATORS));
  }

  /** Gateway "Attestation scheduled?": the tier asks for owner attestations. */
  public boolean attestationScheduled(DelegateExecution execution) {
    return scheduleOf(execution).map(s -> s.attestationInterval() != null).orElse(false);
  }

  /** Timer "Attestation due": the frozen due date. */
  public Date attestationDueAt(DelegateExecution execution) {
    OffsetDateTime due = requireSchedule(execution).attestationDueAt();
    if (due == null) {
      throw new IllegalStateException("The version needs no attestation");
    }
    return Date.from(due.toInstant());
  }

  /** Assignee of "Attest model use" (listed under "My tasks"): the registrant (catalog). */
  public String attester(DelegateExecution execution) {
    return catalog.requireVersionOfLifecycle(execution.getProcessInstanceId()).registeredBy();
  }

  /** Gateway "Still used as intended?": the last recorded attestation (our table). */
  public boolean lastAttestationOk(DelegateExecution execution) {
    Boolean ok = requireSchedule(execution).lastAttestationOk();
    if (ok == null) {
      throw new IllegalStateException(
          "No attestation is recorded for " + execution.getProcessInstanceId());
    }
    return ok;
  }

  /**
   * "Raise attestation alert": mails owner, operations and validators, and brings the revalidation
   * forward to now (its waiting timer too), so validators look at the version at once.
   */
  public void attestationDenied(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    List<RevalidationRecords.Attestation> all = schedules.attestations(version.id());
    RevalidationRecords.Attestation last = all.isEmpty() ? null : all.get(all.size() - 1);
    OffsetDateTime now = OffsetDateTime.now(clock);
    schedules.revalidationDueBy(version.id(), now);
    Job timer =
        execution
            .getProcessEngineServices()
            .getManagementService()
            .createJobQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .activityId(ModelLifecycle.TIMER_REVALIDATION_DUE)
            .timers()
            .singleResult();
    if (timer != null
        && timer.getDuedate() != null
        && timer.getDuedate().after(Date.from(now.toInstant()))) {
      execution
          .getProcessEngineServices()
          .getManagementService()
          .setJobDuedate(timer.getId(), Date.from(now.toInstant()));
    }
    notifications.monitoring(
        version,
        "attestation-denied:" + version.id() + ":" + (last == null ? "none" : last.id()),
        "is no longer attested as used as intended",
        "The owner "
            + (last == null ? "?" : last.attestedBy())
            + " attested that the version is no longer used as intended or that its inputs"
            + " changed: "
            + (last == null ? "" : last.comment())
            + "\n\nIts revalidation is due now.",
        execution.getProcessInstanceId(),
        List.of(ModelLifecycle.GROUP_OPS, ModelLifecycle.GROUP_VALIDATORS));
  }

  /** Reminder timers of the revalidation and attestation tasks (frozen, ISO 8601). */
  public String reminderAfter(DelegateExecution execution) {
    return requireSchedule(execution).reminderAfter();
  }

  /** Escalation timers of the revalidation and attestation tasks (frozen, ISO 8601). */
  public String escalationAfter(DelegateExecution execution) {
    return requireSchedule(execution).escalationAfter();
  }

  /** "Remind attester": mails the owner and the registrant that the attestation is overdue. */
  public void remindAttester(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    List<String> recipients = new ArrayList<>();
    recipients.add(version.ownerEmail());
    recipients.add(directory.emailOfUser(version.registeredBy()));
    mails.enqueue(
        "attestation-reminder:" + execution.getProcessInstanceId() + ":" + execution.getId(),
        recipients,
        version,
        execution.getProcessInstanceId(),
        version.registeredBy(),
        "attestation overdue",
        "%s waits for the owner's attestation (%s): \"Attest model use\" is overdue. Please"
            + " open it in Tasklist and attest.");
  }

  /** "Escalate attestation": mails the escalation recipients of model-risk. */
  public void escalateAttestation(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    List<String> recipients = new ArrayList<>(directory.emailsOfGroup(ModelLifecycle.GROUP_RISK));
    for (String group : escalation.of(ModelLifecycle.GROUP_RISK)) {
      recipients.addAll(directory.emailsOfGroup(group));
    }
    mails.enqueue(
        "attestation-escalation:" + execution.getProcessInstanceId() + ":" + execution.getId(),
        recipients,
        version,
        execution.getProcessInstanceId(),
        version.registeredBy(),
        "attestation escalated",
        "%s still waits for the owner's attestation (%s), long after its reminder. Please make"
            + " sure the owner attests or the version is revalidated.");
  }

  private Optional<RevalidationSchedule> scheduleOf(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    return schedules.find(version.id());
  }

  private RevalidationSchedule requireSchedule(DelegateExecution execution) {
    return requireSchedule(catalog.requireVersionOfLifecycle(execution.getProcessInstanceId()));
  }

  RevalidationSchedule requireSchedule(ModelVersion version) {
    return schedules
        .find(version.id())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No revalidation schedule is frozen for "
                        + version.modelName()
                        + ":"
                        + version.version()));
  }

  private static String summary(
      ModelVersion version, RevalidationSchedule schedule, Evaluation latest) {
    return "Effective risk tier "
        + schedule.riskTier()
        + ", in production since "
        + Readable.time(schedule.productionSince())
        + ". Revalidation every "
        + schedule.revalidationInterval()
        + ", due "
        + Readable.time(schedule.revalidationDueAt())
        + ". Last revalidation: "
        + (schedule.lastRevalidatedAt() == null
            ? "none"
            : Readable.time(schedule.lastRevalidatedAt()) + " (" + schedule.lastOutcome() + ")")
        + ". Independent evaluation: "
        + evaluation(schedule, latest)
        + ". Registered by "
        + version.registeredBy()
        + ", owner "
        + version.owner()
        + ".";
  }

  /** The evaluation of this round when one ran, from the evaluation tables (not a variable). */
  private static String evaluation(RevalidationSchedule schedule, Evaluation latest) {
    if (schedule.evaluationRequestedAt() == null) {
      return "not requested";
    }
    if (latest == null || latest.requestedAt().isBefore(schedule.evaluationRequestedAt())) {
      return "none this round (the model has no evaluation dataset)";
    }
    if (!latest.completed()) {
      return latest.status()
          + (latest.failureReason() == null ? "" : ": " + latest.failureReason());
    }
    return "computed "
        + new TreeMap<>(latest.candidate().metrics())
        + " on "
        + latest.candidate().rows()
        + " rows of "
        + latest.datasetUri()
        + " (SHA-256 "
        + latest.datasetSha256()
        + ") by "
        + latest.evaluatedBy()
        + ", "
        + Readable.time(latest.finishedAt());
  }

  private static String required(Map<String, Object> out, String name) {
    Object value = out.get(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalStateException("Decision revalidation-interval gave no " + name);
    }
    return text;
  }

  private static Map.Entry<String, Map<String, Object>> evaluate(
      ProcessEngineServices engine, ModelVersion version) {
    DecisionDefinition definition =
        engine
            .getRepositoryService()
            .createDecisionDefinitionQuery()
            .decisionDefinitionKey(ModelLifecycle.DECISION_REVALIDATION_INTERVAL)
            .withoutTenantId()
            .latestVersion()
            .singleResult();
    if (definition == null) {
      throw new IllegalStateException(
          "Decision " + ModelLifecycle.DECISION_REVALIDATION_INTERVAL + " is not deployed");
    }
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("riskTier", version.riskTier().name());
    DmnDecisionResultEntries single =
        engine
            .getDecisionService()
            .evaluateDecisionById(definition.getId())
            .variables(inputs)
            .evaluate()
            .getSingleResult();
    if (single == null) {
      throw new IllegalStateException(
          "Decision " + definition.getKey() + " gave no result for " + version.riskTier());
    }
    return Map.entry(definition.getId(), new HashMap<>(single.getEntryMap()));
  }
}
