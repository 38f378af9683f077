package io.modelops.orchestrator.catalog;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.retraining.RetrainingRequests;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Keeps the catalog status in step with the process. Used from the BPMN as an expression listener,
 * e.g. {@code ${catalogStatus.update(execution, 'APPROVED')}} or, in task listeners, {@code
 * ${catalogStatus.updateOnTask(task, 'IN_REVIEW')}}, so the status change commits in the same
 * transaction as the process step.
 */
@Component("catalogStatus")
public class CatalogStatusListener {

  /** Length of {@code model_version.status_reason}. */
  private static final int MAX_REASON = 4000;

  private final CatalogRepository catalog;
  private final AuditLog audit;
  private final RetrainingRequests retraining;
  private final Clock clock;

  public CatalogStatusListener(
      CatalogRepository catalog, AuditLog audit, RetrainingRequests retraining, Clock clock) {
    this.catalog = catalog;
    this.audit = audit;
    this.retraining = retraining;
    this.clock = clock;
  }

  public void update(DelegateExecution execution, String status) {
    update(execution, execution.getProcessInstanceId(), status);
  }

  /** Ends the lifecycle as REJECTED for the given reason (e.g. a window that elapsed). */
  public void reject(DelegateExecution execution, String reason) {
    ModelLifecycle.REJECTION_REASON.set(execution, reason);
    update(execution, LifecycleStatus.REJECTED.name());
  }

  public void updateOnTask(DelegateTask task, String status) {
    update(task, task.getProcessInstanceId(), status);
  }

  private void update(VariableScope scope, String processInstanceId, String status) {
    LifecycleStatus target = LifecycleStatus.valueOf(status);
    ModelVersion version = catalog.requireVersionOfLifecycle(processInstanceId);
    UUID versionId = version.id();
    String reason =
        switch (target) {
          case REJECTED -> ModelLifecycle.REJECTION_REASON.get(scope);
          case SUPERSEDED -> "Superseded by version " + ModelLifecycle.SUPERSEDED_BY.get(scope);
          case CHANGES_REQUESTED ->
              "Changes requested by "
                  + ModelLifecycle.REVIEWED_BY.get(scope)
                  + ": "
                  + ModelLifecycle.REVIEW_COMMENT.get(scope);
          default -> null;
        };
    if (reason != null && reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON - 1) + "…";
    }
    if (!catalog.updateStatus(versionId, target, reason, OffsetDateTime.now(clock))) {
      throw new IllegalStateException("Model version " + versionId + " is not in the catalog");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("status", target.name());
    details.put("reason", reason);
    audit.record(
        "STATUS_CHANGED",
        AuditLog.SYSTEM,
        version.modelName(),
        version.version(),
        processInstanceId,
        details);
    // A candidate from a retraining: its retraining waits for this decision.
    retraining.candidateStatusChanged(version, target);
  }
}
