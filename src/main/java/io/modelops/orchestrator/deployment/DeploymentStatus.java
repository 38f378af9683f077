package io.modelops.orchestrator.deployment;

/** Whether a deployment is serving. */
enum DeploymentStatus {
  READY,
  /** Not yet serving; ask again later. */
  PENDING,
  FAILED
}
