package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.catalog.DeploymentTargetKind;

/**
 * Where model versions are deployed. One implementation per {@link DeploymentTargetKind}, chosen
 * per model version at registration. Jobs run at least once, so {@link #apply} must be idempotent
 * on {@link DeploymentRequest#idempotencyKey()}: applying the same request twice has the effect of
 * applying it once. Technical failures throw, so that the job retries and ends as an incident.
 */
interface DeploymentTarget {

  DeploymentTargetKind kind();

  /** Carries out the request at the target. */
  DeploymentResult apply(DeploymentRequest request);

  /** Whether what {@code request} deployed is serving (used by "Check staging deployment"). */
  DeploymentStatus status(DeploymentRequest request);
}
