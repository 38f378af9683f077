package io.modelops.orchestrator.deployment;

/** Whether a deployment is serving. */
public enum DeploymentStatus {
  READY,
  /** Not yet serving; ask again later. */
  PENDING,
  FAILED
}
