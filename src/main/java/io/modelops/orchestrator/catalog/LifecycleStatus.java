package io.modelops.orchestrator.catalog;

/** Where a model version is in its lifecycle; follows the {@code model-lifecycle} process. */
public enum LifecycleStatus {
  REGISTERED,
  VALIDATING,
  IN_REVIEW,
  APPROVED,
  REJECTED
}
