package io.modelops.orchestrator.findings;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.notification.RecipientDirectory;
import io.modelops.orchestrator.notification.ReminderMails;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.FindingRemediation;
import io.modelops.orchestrator.security.Groups;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The remediation of each finding as work in Tasklist ({@code processes/finding-remediation.bpmn},
 * one instance per finding, business key: the finding's id), kept in step with the findings
 * register, which alone holds a finding's status ({@link FindingsService} changes it):
 *
 * <ul>
 *   <li>raising a finding starts its remediation in the same transaction;
 *   <li>a transition made over the REST API completes the task it decides ("Remediate finding" on
 *       {@code REMEDIATION_SUBMITTED}, "Verify remediation" on {@code CLOSED} or a reopening); a
 *       risk acceptance ends the remediation;
 *   <li>completing a task performs the transition as the task's user ({@link FindingTaskListener}),
 *       which then does not complete the task again.
 * </ul>
 *
 * The methods the model calls by expression (owner, timer dates, the verdict, reminder and
 * escalation) read the findings register, never the process variables.
 */
@Component("findingRemediation")
public class FindingRemediations {

  static final String OVERDUE_REMINDED = "FINDING_OVERDUE_REMINDED";
  static final String ESCALATED = "FINDING_ESCALATED";

  /** The finding whose transition is under way in this thread (from a task or from the API). */
  private static final ThreadLocal<UUID> IN_TRANSITION = new ThreadLocal<>();

  private final FindingRepository findings;
  private final CatalogRepository catalog;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final ReminderMails mails;
  private final RecipientDirectory directory;
  private final AuditLog audit;
  private final FindingsProperties properties;
  private final Clock clock;

  FindingRemediations(
      FindingRepository findings,
      CatalogRepository catalog,
      RuntimeService runtimeService,
      TaskService taskService,
      IdentityService identityService,
      ReminderMails mails,
      RecipientDirectory directory,
      AuditLog audit,
      FindingsProperties properties,
      Clock clock) {
    this.findings = findings;
    this.catalog = catalog;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.mails = mails;
    this.directory = directory;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  /** Starts the remediation of a finding just raised (same transaction). */
  void start(Finding finding) {
    EngineInternals.asSystem(
        identityService,
        () -> {
          runtimeService.startProcessInstanceByKey(FindingRemediation.KEY, finding.id().toString());
        });
  }

  /** After a transition of the register: moves the remediation along, unless a task made it. */
  void moved(Finding finding, FindingStatus next) {
    if (finding.id().equals(IN_TRANSITION.get())) {
      return;
    }
    String key = finding.id().toString();
    inTransition(
        finding.id(),
        () ->
            EngineInternals.asSystem(
                identityService,
                () -> {
                  switch (next) {
                    case REMEDIATION_SUBMITTED -> complete(key, FindingRemediation.TASK_REMEDIATE);
                    case CLOSED, OPEN -> complete(key, FindingRemediation.TASK_VERIFY);
                    case RISK_ACCEPTED -> {
                      if (runtimeService
                              .createProcessInstanceQuery()
                              .processDefinitionKey(FindingRemediation.KEY)
                              .processInstanceBusinessKey(key)
                              .count()
                          > 0) {
                        runtimeService
                            .createMessageCorrelation(FindingRemediation.MESSAGE_RISK_ACCEPTED)
                            .processInstanceBusinessKey(key)
                            .correlateAll();
                      }
                    }
                  }
                  return null;
                }));
  }

  /** Whether a transition of the finding is under way in this thread. */
  static boolean inTransition(UUID findingId) {
    return findingId.equals(IN_TRANSITION.get());
  }

  /** Runs a transition of the finding, marked as under way. */
  static <T> T inTransition(UUID findingId, Supplier<T> transition) {
    UUID before = IN_TRANSITION.get();
    IN_TRANSITION.set(findingId);
    try {
      return transition.get();
    } finally {
      if (before == null) {
        IN_TRANSITION.remove();
      } else {
        IN_TRANSITION.set(before);
      }
    }
  }

  private void complete(String businessKey, String taskDefinitionKey) {
    List<Task> tasks =
        taskService
            .createTaskQuery()
            .processDefinitionKey(FindingRemediation.KEY)
            .processInstanceBusinessKey(businessKey)
            .taskDefinitionKey(taskDefinitionKey)
            .active()
            .list();
    for (Task task : tasks) {
      taskService.complete(task.getId());
    }
  }

  /** The owner of the finding: assignee and only candidate of "Remediate finding". */
  public String owner(DelegateExecution execution) {
    return finding(execution).owner();
  }

  /** When the finding becomes overdue: the start of the day after its due date (UTC). */
  public Date overdueAt(DelegateExecution execution) {
    return Date.from(overdueAt(finding(execution)).toInstant());
  }

  /** When model risk is told that the finding is still unresolved: {@code escalate-after} later. */
  public Date escalationAt(DelegateExecution execution) {
    return Date.from(overdueAt(finding(execution)).toInstant().plus(properties.escalateAfter()));
  }

  /** The verdict of "Verify remediation", as the register holds it: whether the finding closed. */
  public boolean closed(DelegateExecution execution) {
    return finding(execution).status() == FindingStatus.CLOSED;
  }

  /** "Remind finding owner": mails the owner of a finding still open once it is overdue. */
  public void remind(DelegateExecution execution) {
    Finding f = finding(execution);
    if (f.effectiveStatus(today()) != FindingStatus.OPEN) {
      return;
    }
    List<String> to = new ArrayList<>();
    to.add(directory.emailOfUser(f.owner()));
    notify(
        f,
        "finding-overdue:" + f.id(),
        to,
        f.owner(),
        "overdue",
        "The finding \"%s\" (%s) on %s was due on %s and is still open. Please remediate it:"
            + " open \"Remediate finding\" in Tasklist.",
        OVERDUE_REMINDED);
  }

  /** "Escalate overdue finding": mails model risk about a finding still unresolved. */
  public void escalate(DelegateExecution execution) {
    Finding f = finding(execution);
    if (!f.unresolved(today())) {
      return;
    }
    notify(
        f,
        "finding-escalated:" + f.id(),
        directory.emailsOfGroup(Groups.RISK),
        Groups.RISK,
        "escalated",
        "The finding \"%s\" (%s) on %s was due on %s and is still not resolved, "
            + properties.escalateAfter().toDays()
            + " days after it became overdue. Its owner is "
            + f.owner()
            + ".",
        ESCALATED);
  }

  private void notify(
      Finding f,
      String dedupKey,
      List<String> to,
      String group,
      String topic,
      String text,
      String action) {
    ModelVersion v =
        catalog
            .findVersion(f.modelVersionId())
            .orElseThrow(() -> new IllegalStateException("finding of no version: " + f.id()));
    // the finding's own words may hold '%': they are formatted here, not by the mail template
    String body =
        text.formatted(f.title(), f.severity(), f.subject(), f.dueDate()).replace("%", "%%")
            + "\n\nFinding: "
            + f.id()
            + "\nOwner: "
            + f.owner();
    boolean queued =
        mails.enqueue(
            dedupKey,
            to,
            v,
            v.processInstanceId(),
            group,
            "finding " + topic + " (" + f.severity() + ")",
            body);
    if (queued) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("findingId", f.id().toString());
      details.put("title", f.title());
      details.put("severity", f.severity().name());
      details.put("owner", f.owner());
      details.put("dueDate", f.dueDate().toString());
      details.put("status", f.effectiveStatus(today()).name());
      details.put("recipients", to.stream().filter(r -> r != null && !r.isBlank()).toList());
      audit.record(action, AuditLog.SYSTEM, f.model(), f.version(), v.processInstanceId(), details);
    }
  }

  private java.time.OffsetDateTime overdueAt(Finding f) {
    return f.dueDate().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  private Finding finding(DelegateExecution execution) {
    return finding(execution.getProcessBusinessKey());
  }

  Finding finding(String businessKey) {
    UUID id;
    try {
      id = UUID.fromString(businessKey == null ? "" : businessKey);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("A remediation whose business key is no finding id");
    }
    return findings
        .find(id)
        .orElseThrow(() -> new IllegalStateException("A remediation of no finding: " + id));
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }
}
