package io.modelops.orchestrator.retraining;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.notification.OwnerNotifications;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.process.ModelRetraining;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** The steps of {@code model-retraining}, called from the BPMN by expression. */
@Component("retrainingSteps")
public class RetrainingSteps {

  private final CatalogRepository catalog;
  private final OwnerNotifications notifications;

  public RetrainingSteps(CatalogRepository catalog, OwnerNotifications notifications) {
    this.catalog = catalog;
    this.notifications = notifications;
  }

  /** "Notify owner of retraining request": the owner and ml-ops learn why, once per request. */
  public void notifyOwner(DelegateExecution execution) {
    ModelVersion champion =
        catalog
            .findVersion(UUID.fromString(ModelRetraining.CHAMPION_VERSION_ID.require(execution)))
            .orElseThrow();
    notifications.monitoring(
        champion,
        "retraining-requested:" + ModelRetraining.REQUEST_ID.require(execution),
        "needs retraining (" + ModelRetraining.TRIGGER.get(execution) + ")",
        ModelRetraining.REASON.get(execution)
            + "\nTraining data of the current version: "
            + (champion.trainingDataRef() == null ? "(not recorded)" : champion.trainingDataRef()),
        execution.getProcessInstanceId(),
        List.of(ModelLifecycle.GROUP_OPS));
  }
}
