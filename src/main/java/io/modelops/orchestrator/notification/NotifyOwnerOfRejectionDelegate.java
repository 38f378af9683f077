package io.modelops.orchestrator.notification;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Notify owner of rejection": queues a mail with the reasons to the owner's address and the
 * registrant. Keyed by the version, so a re-run job queues nothing twice.
 */
@Component("notifyOwnerOfRejectionDelegate")
public class NotifyOwnerOfRejectionDelegate implements JavaDelegate {

  private final CatalogRepository catalog;
  private final OwnerNotifications notifications;

  public NotifyOwnerOfRejectionDelegate(
      CatalogRepository catalog, OwnerNotifications notifications) {
    this.catalog = catalog;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    notifications.send(
        version,
        "was rejected",
        ModelLifecycle.REJECTION_REASON.get(execution),
        ModelLifecycle.VALIDATION_SUMMARY.get(execution),
        execution.getProcessInstanceId(),
        "Fix the issues and register a new version.");
  }
}
