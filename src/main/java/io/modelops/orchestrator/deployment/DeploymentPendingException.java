package io.modelops.orchestrator.deployment;

/** A deployment is not serving yet: the job fails and retries on its retry cycle. */
class DeploymentPendingException extends RuntimeException {
  public DeploymentPendingException(String message) {
    super(message);
  }
}
