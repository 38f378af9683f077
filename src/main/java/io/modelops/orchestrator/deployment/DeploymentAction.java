package io.modelops.orchestrator.deployment;

/** What a target does. */
enum DeploymentAction {
  /** Deploy the version to the stage (for CANARY: next to production, with its traffic share). */
  DEPLOY,
  /** Give the canary 100 % of production traffic; the previous version leaves. */
  PROMOTE,
  /** Restore {@code previousVersion} at the stage. */
  ROLLBACK,
  /** Take the version out of traffic at once (emergency stop). */
  STOP
}
