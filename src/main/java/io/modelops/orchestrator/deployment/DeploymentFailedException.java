package io.modelops.orchestrator.deployment;

/**
 * A deployment target could not carry out a request (the receiver refused it, was unreachable, or
 * the artifact could not be read). Thrown from a job, it makes the engine retry the job and, once
 * the retries are used up, raise an incident that names the cause.
 */
class DeploymentFailedException extends RuntimeException {

  public DeploymentFailedException(String message) {
    super(message);
  }

  public DeploymentFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
