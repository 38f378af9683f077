package io.modelops.orchestrator.notification;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * "Notify owner of rejection": queues a mail with the reasons to the owner's address and the
 * registrant. Keyed by the version, so a re-run job queues nothing twice.
 */
@Component("notifyOwnerOfRejectionDelegate")
public class NotifyOwnerOfRejectionDelegate implements JavaDelegate {

  private final CatalogRepository catalog;
  private final NotificationOutbox outbox;
  private final IdentityService identityService;
  private final MailProperties mail;

  public NotifyOwnerOfRejectionDelegate(
      CatalogRepository catalog,
      NotificationOutbox outbox,
      IdentityService identityService,
      MailProperties mail) {
    this.catalog = catalog;
    this.outbox = outbox;
    this.identityService = identityService;
    this.mail = mail;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    String reason = ModelLifecycle.REJECTION_REASON.get(execution);
    String summary = ModelLifecycle.VALIDATION_SUMMARY.get(execution);

    List<String> recipients = new ArrayList<>(mail.defaultRecipients());
    recipients.add(version.ownerEmail());
    User registrant =
        identityService.createUserQuery().userId(version.registeredBy()).singleResult();
    if (registrant != null) {
      recipients.add(registrant.getEmail());
    }

    String subject =
        "[ModelOps] " + version.modelName() + ":" + version.version() + " was rejected";
    String body =
        """
        Model version %s:%s (%s risk, %s) was rejected.

        Reason:
        %s

        Validation checks:
        %s

        Registered by %s at %s. Lifecycle instance: %s.
        Fix the issues and register a new version.
        """
            .formatted(
                version.modelName(),
                version.version(),
                version.riskTier(),
                version.modelType(),
                reason == null ? "(none given)" : reason,
                summary == null ? "(not validated)" : summary,
                version.registeredBy(),
                version.registeredAt(),
                execution.getProcessInstanceId());
    outbox.enqueue("rejection:" + version.id(), recipients, subject, body);
  }
}
