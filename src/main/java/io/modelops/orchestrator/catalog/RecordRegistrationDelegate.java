package io.modelops.orchestrator.catalog;

import io.modelops.orchestrator.process.ModelLifecycle;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Record registration": checks that the lifecycle belongs to a catalog entry and moves it to
 * VALIDATING. Fails (and so raises an incident) when the lifecycle was started without one, e.g.
 * directly over the engine REST API. Earlier versions of the model that wait for requested changes
 * are superseded by this one.
 */
@Component("recordRegistrationDelegate")
public class RecordRegistrationDelegate implements JavaDelegate {

  private final CatalogRepository catalog;
  private final RuntimeService runtimeService;
  private final Clock clock;

  public RecordRegistrationDelegate(
      CatalogRepository catalog, RuntimeService runtimeService, Clock clock) {
    this.catalog = catalog;
    this.runtimeService = runtimeService;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    String declared = ModelLifecycle.MODEL_VERSION_ID.get(execution);
    if (!version.id().toString().equals(declared)) {
      throw new IllegalStateException(
          "Variable "
              + ModelLifecycle.MODEL_VERSION_ID
              + " ("
              + declared
              + ") does not match the catalog entry "
              + version.id()
              + " of this lifecycle");
    }
    catalog.updateStatus(version.id(), LifecycleStatus.VALIDATING, null, OffsetDateTime.now(clock));
    supersedeVersionsAwaitingChanges(version);
  }

  /** A new version is the answer to requested changes: earlier versions waiting for it end. */
  private void supersedeVersionsAwaitingChanges(ModelVersion version) {
    for (ModelVersion earlier :
        catalog.findVersionsInStatus(version.modelId(), LifecycleStatus.CHANGES_REQUESTED)) {
      runtimeService
          .createMessageCorrelation(ModelLifecycle.MESSAGE_SUPERSEDED)
          .processInstanceId(earlier.processInstanceId())
          .setVariable(ModelLifecycle.SUPERSEDED_BY.name(), version.version())
          .correlateAll();
    }
  }
}
