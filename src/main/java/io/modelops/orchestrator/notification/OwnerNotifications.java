package io.modelops.orchestrator.notification;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.web.html.Readable;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Mails to the owner and the registrant of a model version, queued in the outbox in the transaction
 * of the process step and keyed by version and topic, so a re-run job queues nothing twice. Used
 * from the BPMN: {@code ${ownerNotifications.rejected(execution)}}.
 */
@Component("ownerNotifications")
public class OwnerNotifications {

  private final CatalogRepository catalog;
  private final NotificationOutbox outbox;
  private final RecipientDirectory directory;
  private final MailProperties mail;

  public OwnerNotifications(
      CatalogRepository catalog,
      NotificationOutbox outbox,
      RecipientDirectory directory,
      MailProperties mail) {
    this.catalog = catalog;
    this.outbox = outbox;
    this.directory = directory;
    this.mail = mail;
  }

  /** "Notify owner of rejection": the reasons, from validation or the reviewer. */
  public void rejected(DelegateExecution execution) {
    send(
        execution,
        "was rejected",
        ModelLifecycle.REJECTION_REASON.get(execution),
        "Fix the issues and register a new version.");
  }

  /**
   * "Notify owner of requested changes": versions are immutable, so the answer is a new version,
   * which supersedes this one.
   */
  public void changesRequested(DelegateExecution execution) {
    send(
        execution,
        "needs changes",
        "Requested by "
            + ModelLifecycle.REVIEWED_BY.get(execution)
            + ": "
            + ModelLifecycle.REVIEW_COMMENT.get(execution),
        "Register a new version with the changes: it supersedes this one. Without a new version,"
            + " this one is rejected when the resubmission window ends.");
  }

  /** "Notify owner of release rejection": operations refused the production release. */
  public void releaseRejected(DelegateExecution execution) {
    String reason =
        "Production release rejected by operations: "
            + ModelLifecycle.RELEASE_COMMENT.get(execution);
    ModelLifecycle.REJECTION_REASON.set(execution, reason);
    send(
        execution,
        "release was rejected",
        reason,
        "Address the reasons and register a new version.");
  }

  /** "Roll back canary": production traffic stays with the previous version. */
  public void rolledBack(DelegateExecution execution, String reason) {
    send(
        execution,
        "was rolled back",
        reason + "\n\nCanary analysis:\n" + ModelLifecycle.CANARY_REPORT.get(execution),
        "Production traffic stays with the previous version. Investigate and register a new"
            + " version.");
  }

  private void send(DelegateExecution execution, String topic, String reason, String instruction) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    send(
        version,
        topic,
        reason,
        ModelLifecycle.VALIDATION_SUMMARY.get(execution),
        execution.getProcessInstanceId(),
        instruction);
  }

  /**
   * Queues a mail about the version, once per {@code topic}.
   *
   * @param topic what happened, e.g. {@code rejected}; part of the subject and the dedup key
   * @param instruction what the owner should do next
   */
  void send(
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
                Readable.time(version.registeredAt()),
                processInstanceId,
                instruction);
    outbox.enqueue(topic.replace(' ', '-') + ":" + version.id(), recipients, subject, body);
  }

  /**
   * A monitoring message about a production version (health alert, retraining request): to the
   * owner, the registrant and the members of {@code groups}, once per {@code dedupKey}.
   */
  public void monitoring(
      ModelVersion version,
      String dedupKey,
      String topic,
      String summary,
      String processInstanceId,
      List<String> groups) {
    List<String> recipients = new ArrayList<>(mail.defaultRecipients());
    recipients.add(version.ownerEmail());
    recipients.add(directory.emailOfUser(version.registeredBy()));
    groups.forEach(group -> recipients.addAll(directory.emailsOfGroup(group)));
    String subject = "[ModelOps] " + version.modelName() + ":" + version.version() + " " + topic;
    String body =
        """
        Model version %s:%s (%s risk, owner %s): %s.

        %s
        Lifecycle instance: %s.
        """
            .formatted(
                version.modelName(),
                version.version(),
                version.riskTier(),
                version.owner(),
                topic,
                summary,
                processInstanceId);
    outbox.enqueue(dedupKey, recipients, subject, body);
  }
}
