package io.modelops.orchestrator.deployment;

/** Where a target deploys a version. */
public enum DeploymentStage {
  STAGING,
  /** Production, next to the current version, with a share of the traffic. */
  CANARY,
  PRODUCTION
}
