package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.catalog.ModelType;
import java.util.Objects;
import java.util.UUID;

/**
 * What a target must do for a model version.
 *
 * @param framework e.g. {@code sklearn}; the KServe model format; may be null
 * @param stage where: STAGING, CANARY or PRODUCTION
 * @param action what: DEPLOY, PROMOTE, ROLLBACK or STOP
 * @param trafficPercent share of production traffic for the version (canary percent; 100 when
 *     promoted; 0 when stopped)
 * @param previousVersion the version serving production before this one, or null (the canary runs
 *     next to it; a rollback restores it)
 * @param previousArtifactUri artifact of {@code previousVersion}, or null
 */
record DeploymentRequest(
    String modelName,
    String version,
    UUID versionId,
    ModelType modelType,
    String framework,
    String artifactUri,
    DeploymentStage stage,
    DeploymentAction action,
    int trafficPercent,
    String previousVersion,
    String previousArtifactUri) {

  public DeploymentRequest {
    Objects.requireNonNull(modelName);
    Objects.requireNonNull(version);
    Objects.requireNonNull(stage);
    Objects.requireNonNull(action);
    if (trafficPercent < 0 || trafficPercent > 100) {
      throw new IllegalArgumentException("trafficPercent must be 0..100: " + trafficPercent);
    }
  }

  /** The same (version, stage, action) is the same effect, however often it is requested. */
  public String idempotencyKey() {
    return modelName + ":" + version + ":" + stage + ":" + action;
  }
}
