package io.modelops.orchestrator.validation;

import io.modelops.orchestrator.catalog.ModelVersion;
import java.util.Optional;

/** A validation check of a version's artifact itself; empty when it does not apply. */
@FunctionalInterface
interface ArtifactCheck {

  Optional<ValidationCheck> check(ModelVersion version);
}
