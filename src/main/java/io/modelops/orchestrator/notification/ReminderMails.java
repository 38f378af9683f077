package io.modelops.orchestrator.notification;

import io.modelops.orchestrator.catalog.ModelVersion;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reminder and escalation mails about an open lifecycle task (review, release approval, canary
 * decision, alert triage): who is asked, about which version, with the version's risk tier and
 * registrant. Each mail is queued once per dedup key, so a re-run job mails nobody twice.
 */
@Component
public class ReminderMails {

  private final NotificationOutbox outbox;

  public ReminderMails(NotificationOutbox outbox) {
    this.outbox = outbox;
  }

  /**
   * Queues one mail.
   *
   * @param dedupKey identifies this reminder or escalation of this task occurrence
   * @param group the candidate group of the task, named in the subject
   * @param topic e.g. "review overdue"
   * @param text the first paragraph; {@code %s} twice: the version ("model:version") and the group
   * @return true when queued, false when it was queued before
   */
  public boolean enqueue(
      String dedupKey,
      List<String> recipients,
      ModelVersion version,
      String processInstanceId,
      String group,
      String topic,
      String text) {
    String subject = version.modelName() + ":" + version.version();
    return outbox.enqueue(
        dedupKey,
        recipients,
        "[ModelOps] " + subject + " " + topic + " (" + group + ")",
        text.formatted(subject, group)
            + "\n\nRisk tier: "
            + version.riskTier()
            + "\nRegistered by: "
            + version.registeredBy()
            + "\nLifecycle instance: "
            + processInstanceId
            + "\n");
  }
}
