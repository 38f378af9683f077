package io.modelops.orchestrator.notification;

import io.modelops.orchestrator.approval.ApprovalPolicies;
import io.modelops.orchestrator.approval.ApprovalPolicy;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Reminder and escalation timers of the operations tasks of the lifecycle (release approval, canary
 * decision, alert triage; the mails, not the timers, of the revalidation): when they fire ({@link
 * #reminderAfter}, {@link #escalationAfter}, from the approval policy's {@code operationsReminder}
 * and {@code operationsEscalation}) and what they send ({@link #remind}: the task's candidate
 * group; {@link #escalate}: that group's {@link EscalationRecipients}). The task itself stays open.
 *
 * <p>The candidate group is read from the process model (the user task's {@code candidateGroups}),
 * not from the task at runtime. Each mail is queued once per timer firing (the execution of the
 * reminder path is the dedup key): a re-run job mails nobody twice, while a new task (a second
 * canary decision, the next alert) is reminded again.
 */
@Component("taskReminders")
@EnableConfigurationProperties(EscalationRecipients.class)
public class TaskReminders {

  private static final Logger log = LoggerFactory.getLogger(TaskReminders.class);

  /**
   * Without a usable policy (a version registered before policies were frozen): the strictest
   * durations of the policy table.
   */
  static final Duration DEFAULT_REMINDER = Duration.ofHours(2);

  static final Duration DEFAULT_ESCALATION = Duration.ofHours(8);

  /** Reminder and escalation tasks of the model → the user task they are about. */
  private static final Map<String, String> TASK_OF =
      Map.of(
          ModelLifecycle.TASK_REMIND_REVALIDATORS, ModelLifecycle.TASK_REVALIDATE,
          ModelLifecycle.TASK_ESCALATE_REVALIDATION, ModelLifecycle.TASK_REVALIDATE,
          ModelLifecycle.TASK_REMIND_RELEASE_APPROVERS, ModelLifecycle.TASK_APPROVE_RELEASE,
          ModelLifecycle.TASK_ESCALATE_RELEASE_APPROVAL, ModelLifecycle.TASK_APPROVE_RELEASE,
          ModelLifecycle.TASK_REMIND_CANARY_DECIDERS, ModelLifecycle.TASK_DECIDE_CANARY,
          ModelLifecycle.TASK_ESCALATE_CANARY_DECISION, ModelLifecycle.TASK_DECIDE_CANARY,
          ModelLifecycle.TASK_REMIND_ALERT_TRIAGERS, ModelLifecycle.TASK_TRIAGE_ALERT,
          ModelLifecycle.TASK_ESCALATE_ALERT_TRIAGE, ModelLifecycle.TASK_TRIAGE_ALERT);

  private final CatalogRepository catalog;
  private final ApprovalPolicies policies;
  private final ReminderMails mails;
  private final RecipientDirectory directory;
  private final EscalationRecipients escalation;

  public TaskReminders(
      CatalogRepository catalog,
      ApprovalPolicies policies,
      ReminderMails mails,
      RecipientDirectory directory,
      EscalationRecipients escalation) {
    this.catalog = catalog;
    this.policies = policies;
    this.mails = mails;
    this.directory = directory;
    this.escalation = escalation;
  }

  /** Duration of the reminder timers (ISO-8601), for the expression of a BPMN timer. */
  public String reminderAfter(DelegateExecution execution) {
    return duration(execution, ApprovalPolicy::operationsReminder, DEFAULT_REMINDER).toString();
  }

  /** Duration of the escalation timers (ISO-8601), for the expression of a BPMN timer. */
  public String escalationAfter(DelegateExecution execution) {
    return duration(execution, ApprovalPolicy::operationsEscalation, DEFAULT_ESCALATION).toString();
  }

  /** "Remind ...": mails the candidate group of the overdue task. */
  public void remind(DelegateExecution execution) {
    String task = remindedTask(execution);
    for (String group : candidateGroups(execution, task)) {
      send(
          execution,
          "reminder",
          task,
          group,
          directory.emailsOfGroup(group),
          "overdue",
          "%s waits for a decision of %s: "
              + taskName(execution, task)
              + " is overdue. Please"
              + " open it in Tasklist and decide.");
    }
  }

  /** "Escalate ...": mails the escalation recipients of the candidate group of the task. */
  public void escalate(DelegateExecution execution) {
    String task = remindedTask(execution);
    for (String group : candidateGroups(execution, task)) {
      List<String> recipients = new ArrayList<>();
      for (String to : escalation.of(group)) {
        recipients.addAll(directory.emailsOfGroup(to));
      }
      send(
          execution,
          "escalation",
          task,
          group,
          recipients,
          "escalated",
          "%s still waits for a decision of %s: "
              + taskName(execution, task)
              + " is open long"
              + " after its reminder. Please make sure a member of the group decides.");
    }
  }

  /**
   * The policy output a duration comes from: the version's approval policy as frozen in the catalog
   * (never the lifecycle's variables). A version without a frozen policy (registered before
   * policies were frozen) and an unusable duration fall back to the default.
   */
  private Duration duration(
      DelegateExecution execution, Function<ApprovalPolicy, String> output, Duration fallback) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    String value = policies.policyOf(version.id()).map(output).orElse(null);
    if (value != null) {
      try {
        Duration duration = Duration.parse(value);
        if (!duration.isNegative() && !duration.isZero()) {
          return duration;
        }
      } catch (DateTimeParseException e) {
        // falls through to the default
      }
    }
    log.warn(
        "Lifecycle {}: no usable reminder duration in the approval policy ({}); using {}",
        execution.getProcessInstanceId(),
        value,
        fallback);
    return fallback;
  }

  private static String remindedTask(DelegateExecution execution) {
    String task = TASK_OF.get(execution.getCurrentActivityId());
    if (task == null) {
      throw new IllegalStateException(
          "No operations task is reminded from " + execution.getCurrentActivityId());
    }
    return task;
  }

  /** The task's candidate groups as the process model names them (never an expression). */
  private static List<String> candidateGroups(DelegateExecution execution, String task) {
    UserTask userTask = execution.getBpmnModelInstance().getModelElementById(task);
    String groups = userTask == null ? null : userTask.getCamundaCandidateGroups();
    if (groups == null || groups.isBlank() || groups.contains("$") || groups.contains("#")) {
      throw new IllegalStateException(task + " names no fixed candidate group: " + groups);
    }
    return List.of(groups.trim().split("\\s*,\\s*"));
  }

  private static String taskName(DelegateExecution execution, String task) {
    UserTask userTask = execution.getBpmnModelInstance().getModelElementById(task);
    return "\""
        + (userTask == null || userTask.getName() == null ? task : userTask.getName())
        + "\"";
  }

  private void send(
      DelegateExecution execution,
      String kind,
      String task,
      String group,
      List<String> recipients,
      String topic,
      String text) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    mails.enqueue(
        "task-"
            + kind
            + ":"
            + execution.getProcessInstanceId()
            + ":"
            + task
            + ":"
            + execution.getId()
            + ":"
            + group,
        recipients,
        version,
        execution.getProcessInstanceId(),
        group,
        taskName(execution, task).replace("\"", "").toLowerCase(java.util.Locale.ROOT)
            + " "
            + topic,
        text);
  }
}
