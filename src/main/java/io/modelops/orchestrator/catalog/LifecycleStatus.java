package io.modelops.orchestrator.catalog;

/** Where a model version is in its lifecycle; follows the {@code model-lifecycle} process. */
public enum LifecycleStatus {
  REGISTERED,
  VALIDATING,
  IN_REVIEW,
  APPROVED,
  REJECTED,
  /** A reviewer asked for changes; the owner answers with a new version. */
  CHANGES_REQUESTED,
  /** A newer version of the model replaced this one before it was approved. */
  SUPERSEDED
}
