package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.notification.EscalationRecipients;
import io.modelops.orchestrator.notification.RecipientDirectory;
import io.modelops.orchestrator.notification.ReminderMails;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * "Remind reviewers" and "Escalate overdue review": mails about a review that passed its deadline,
 * first to the review group, later to the group's escalation recipients (by default operations,
 * {@link EscalationRecipients}). Each is queued once per review (dedup key), so a re-run timer job
 * mails nobody twice. The operations tasks have their own, {@link
 * io.modelops.orchestrator.notification.TaskReminders}.
 */
@Component("reviewReminders")
public class ReviewReminders {

  private final CatalogRepository catalog;
  private final ReminderMails mails;
  private final RecipientDirectory directory;
  private final EscalationRecipients escalation;

  public ReviewReminders(
      CatalogRepository catalog,
      ReminderMails mails,
      RecipientDirectory directory,
      EscalationRecipients escalation) {
    this.catalog = catalog;
    this.mails = mails;
    this.directory = directory;
    this.escalation = escalation;
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
    List<String> recipients = new ArrayList<>();
    for (String to : escalation.of(ModelLifecycle.REVIEW_GROUP.require(execution))) {
      recipients.addAll(directory.emailsOfGroup(to));
    }
    send(
        execution,
        "escalation",
        recipients,
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
    mails.enqueue(
        "review-" + kind + ":" + execution.getProcessInstanceId() + ":" + group,
        recipients,
        version,
        execution.getProcessInstanceId(),
        group,
        topic,
        template);
  }
}
