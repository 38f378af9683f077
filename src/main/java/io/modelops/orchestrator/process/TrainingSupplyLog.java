package io.modelops.orchestrator.process;

/**
 * Where the identity that supplied a training result is put on record, as the result enters a
 * retraining through an external task's completion (the training worker's path). The pipeline's
 * path, {@code POST /api/retraining/{id}/result}, records its caller itself.
 */
public interface TrainingSupplyLog {

  /**
   * Records who completed the training of a retraining instance.
   *
   * @param supplier the authenticated user, or {@code system} for the orchestrator's own calls
   * @param processInstanceId the {@code model-retraining} instance the result went into
   */
  void supplied(String supplier, String processInstanceId);
}
