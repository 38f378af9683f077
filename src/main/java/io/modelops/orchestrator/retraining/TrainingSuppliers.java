package io.modelops.orchestrator.retraining;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.process.TrainingSupplyLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who supplied a retraining's training result, on record in the audit chain (event {@code
 * TRAINING_RESULT_REPORTED}, actor = the supplier): the caller of {@code POST
 * /api/retraining/{id}/result}, or the user who completed the external task of the training
 * (recorded by the engine check as the result enters). The candidate's registration reads it from
 * there, never from a process variable.
 */
@Component
class TrainingSuppliers implements TrainingSupplyLog {

  static final String ACTION = "TRAINING_RESULT_REPORTED";
  static final String VIA_PIPELINE = "pipeline callback";
  static final String VIA_WORKER = "external task";

  private final RetrainingRepository repository;
  private final AuditLog audit;

  public TrainingSuppliers(RetrainingRepository repository, AuditLog audit) {
    this.repository = repository;
    this.audit = audit;
  }

  @Override
  public void supplied(String supplier, String processInstanceId) {
    Retraining run = repository.findByProcessInstance(processInstanceId).orElse(null);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("retrainingRequestId", run == null ? null : run.id().toString());
    details.put("status", "COMPLETED");
    details.put("via", VIA_WORKER);
    audit.record(
        ACTION,
        supplier == null || supplier.isBlank() ? AuditLog.SYSTEM : supplier,
        run == null ? null : run.modelName(),
        run == null ? null : run.championVersion(),
        processInstanceId,
        details);
  }

  /** The identity that supplied the retraining's latest training result, if one is on record. */
  public Optional<String> supplierOf(String processInstanceId) {
    return audit.lastActor(ACTION, processInstanceId);
  }
}
