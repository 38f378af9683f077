package io.modelops.orchestrator.catalog;

/** Where a model version is in its lifecycle; follows the {@code model-lifecycle} process. */
public enum LifecycleStatus {
  REGISTERED,
  VALIDATING,
  IN_REVIEW,
  /** Approved; being released (staging, production approval, canary). */
  APPROVED,
  REJECTED,
  /** A reviewer asked for changes; the owner answers with a new version. */
  CHANGES_REQUESTED,
  /** A newer version of the model replaced this one before it was approved. */
  SUPERSEDED,
  /** Serving production traffic. */
  IN_PRODUCTION,
  /** Taken out of traffic by a canary analysis, a decision or a rollback. */
  ROLLED_BACK,
  /** Was in production; a newer version replaced it. */
  RETIRED,
  /** Stopped at once by an emergency stop. */
  STOPPED
}
