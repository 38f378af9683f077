package io.modelops.orchestrator.deployment;

/**
 * The outcome of applying a request.
 *
 * @param targetReference what identifies the effect at the target: a git commit, a webhook delivery
 *     id, a Camunda deployment id
 * @param changed false when the request had already been applied (idempotent re-run)
 * @param message for people: what was done
 */
record DeploymentResult(String targetReference, boolean changed, String message) {}
