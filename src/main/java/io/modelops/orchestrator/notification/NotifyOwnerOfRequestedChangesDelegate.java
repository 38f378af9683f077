package io.modelops.orchestrator.notification;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Notify owner of requested changes": tells the owner and the registrant what the reviewer asked
 * for. Versions are immutable, so the answer is a new version, which supersedes this one.
 */
@Component("notifyOwnerOfRequestedChangesDelegate")
public class NotifyOwnerOfRequestedChangesDelegate implements JavaDelegate {

  private final CatalogRepository catalog;
  private final OwnerNotifications notifications;

  public NotifyOwnerOfRequestedChangesDelegate(
      CatalogRepository catalog, OwnerNotifications notifications) {
    this.catalog = catalog;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    notifications.send(
        version,
        "needs changes",
        "Requested by "
            + ModelLifecycle.REVIEWED_BY.get(execution)
            + ": "
            + ModelLifecycle.REVIEW_COMMENT.get(execution),
        ModelLifecycle.VALIDATION_SUMMARY.get(execution),
        execution.getProcessInstanceId(),
        "Register a new version with the changes: it supersedes this one. Without a new version,"
            + " this one is rejected when the resubmission window ends.");
  }
}
