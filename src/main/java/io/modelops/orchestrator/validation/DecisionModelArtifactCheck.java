package io.modelops.orchestrator.validation;

import io.modelops.orchestrator.artifacts.ArtifactFetcher;
import io.modelops.orchestrator.artifacts.ArtifactRefusedException;
import io.modelops.orchestrator.artifacts.DecisionModelPolicy;
import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import io.modelops.orchestrator.catalog.ModelVersion;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Check {@code decision-model}, for versions deployed into the engine (target DMN): the artifact
 * can be read within the artifact rules and is a DMN decision model in plain FEEL ({@link
 * DecisionModelPolicy}). A version that fails it is rejected before any stage (an artifact that
 * cannot be read right now is retried, see below); the DMN deployment target and the engine check
 * the artifact again when it is deployed, as it may have changed since.
 */
@Component
class DecisionModelArtifactCheck implements ArtifactCheck {

  static final String NAME = "decision-model";

  private final ArtifactFetcher artifacts;
  private final DecisionModelPolicy policy;

  public DecisionModelArtifactCheck(ArtifactFetcher artifacts, DecisionModelPolicy policy) {
    this.artifacts = artifacts;
    this.policy = policy;
  }

  @Override
  public Optional<ValidationCheck> check(ModelVersion version) {
    if (version.deploymentTarget() != DeploymentTargetKind.DMN) {
      return Optional.empty();
    }
    String required =
        "DMN 1.1 to 1.5 with a decision, FEEL only, at most "
            + policy.maxSize()
            + " bytes, no DOCTYPE";
    byte[] dmn;
    try {
      dmn = artifacts.fetch(version.artifactUri());
    } catch (ArtifactRefusedException e) {
      return Optional.of(
          ValidationCheck.fail(
              NAME, "artifact refused", required, "DMN artifact refused: " + e.getMessage()));
    }
    // ArtifactUnavailableException (host down, file missing, timeout) is not caught: the
    // validation job fails and is retried by its retry cycle, then stops with an incident that
    // names only the log reference. A passing outage must not reject a version for good.
    List<String> problems = policy.problems(dmn);
    if (!problems.isEmpty()) {
      return Optional.of(
          ValidationCheck.fail(
              NAME,
              String.join("; ", problems),
              required,
              "The decision model may not be deployed: it must be a DMN decision model in plain FEEL"));
    }
    return Optional.of(
        ValidationCheck.pass(NAME, "FEEL only", required, "Decision model uses FEEL only"));
  }
}
