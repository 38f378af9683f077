package io.modelops.orchestrator.notification;

import io.modelops.orchestrator.catalog.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Mails to the owner and the registrant of a model version, queued in the outbox. */
@Component
public class OwnerNotifications {

  private final NotificationOutbox outbox;
  private final RecipientDirectory directory;
  private final MailProperties mail;

  public OwnerNotifications(
      NotificationOutbox outbox, RecipientDirectory directory, MailProperties mail) {
    this.outbox = outbox;
    this.directory = directory;
    this.mail = mail;
  }

  /**
   * Queues a mail about the version, once per {@code topic}.
   *
   * @param topic what happened, e.g. {@code rejected}; part of the subject and the dedup key
   * @param instruction what the owner should do next
   */
  public void send(
      ModelVersion version,
      String topic,
      String reason,
      String validationSummary,
      String processInstanceId,
      String instruction) {
    List<String> recipients = new ArrayList<>(mail.defaultRecipients());
    recipients.add(version.ownerEmail());
    recipients.add(directory.emailOfUser(version.registeredBy()));

    String subject = "[ModelOps] " + version.modelName() + ":" + version.version() + " " + topic;
    String body =
        """
        Model version %s:%s (%s risk, %s): %s.

        Reason:
        %s

        Validation checks:
        %s

        Registered by %s at %s. Lifecycle instance: %s.
        %s
        """
            .formatted(
                version.modelName(),
                version.version(),
                version.riskTier(),
                version.modelType(),
                topic,
                reason == null ? "(none given)" : reason,
                validationSummary == null ? "(not validated)" : validationSummary,
                version.registeredBy(),
                version.registeredAt(),
                processInstanceId,
                instruction);
    outbox.enqueue(topic.replace(' ', '-') + ":" + version.id(), recipients, subject, body);
  }
}
