package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.notification.NotificationOutbox;
import io.modelops.orchestrator.notification.RecipientDirectory;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.security.Groups;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * "Remind reviewers" and "Escalate overdue review": mails about a review that passed its deadline,
 * first to the review group, later to operations. Each is queued once per review (dedup key), so a
 * re-run timer job mails nobody twice.
 */
@Component("reviewReminders")
public class ReviewReminders {

  private final CatalogRepository catalog;
  private final NotificationOutbox outbox;
  private final RecipientDirectory directory;

  public ReviewReminders(
      CatalogRepository catalog, NotificationOutbox outbox, RecipientDirectory directory) {
    this.catalog = catalog;
    this.outbox = outbox;
    this.directory = directory;
  }

  public void remind(DelegateExecution execution) {
    String group = ModelLifecycle.REVIEW_GROUP.require(execution);
    send(
        execution,
        "reminder",
        directory.emailsOfGroup(group),
        "review overdue",
        "The review of %s for %s is past its deadline. Please open it in Tasklist (filter"
            + " \"My group tasks\") and decide.");
  }

  public void escalate(DelegateExecution execution) {
    send(
        execution,
        "escalation",
        directory.emailsOfGroup(Groups.OPS),
        "review escalated",
        "The review of %s for %s is still open long after its deadline. Please make sure a member"
            + " of the group decides, or reassign the task.");
  }

  private void send(
      DelegateExecution execution,
      String kind,
      List<String> recipients,
      String topic,
      String template) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    String group = ModelLifecycle.REVIEW_GROUP.require(execution);
    String subject = version.modelName() + ":" + version.version();
    outbox.enqueue(
        "review-" + kind + ":" + execution.getProcessInstanceId() + ":" + group,
        recipients,
        "[ModelOps] " + subject + " " + topic + " (" + group + ")",
        template.formatted(subject, group)
            + "\n\nRisk tier: "
            + version.riskTier()
            + "\nRegistered by: "
            + version.registeredBy()
            + "\nLifecycle instance: "
            + execution.getProcessInstanceId()
            + "\n");
  }
}
