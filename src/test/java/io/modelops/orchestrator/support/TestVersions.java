package io.modelops.orchestrator.support;

import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.Stage;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Model versions for unit tests. */
public final class TestVersions {

  /** A fully documented HIGH-risk ML version registered by {@code ci-bot}. */
  public static ModelVersion complete(String metricsJson) {
    return version(RiskTier.HIGH, ModelType.ML, metricsJson, "intended", "limits", "https://card");
  }

  public static ModelVersion version(
      RiskTier tier,
      ModelType type,
      String metricsJson,
      String intendedUse,
      String limitations,
      String modelCard) {
    OffsetDateTime now = OffsetDateTime.parse("2026-11-01T10:00:00Z");
    return new ModelVersion(
        UUID.fromString("6f1c2a6e-0000-4000-8000-000000000001"),
        UUID.fromString("6f1c2a6e-0000-4000-8000-000000000002"),
        "fraud-detector",
        "1.0.0",
        "s3://models/fraud/1.0.0",
        "sklearn",
        type,
        tier,
        "fraud-team",
        "fraud@example.com",
        "Scores transactions",
        intendedUse,
        limitations,
        modelCard,
        "9fceb02",
        "s3://data/fraud",
        "run-1",
        metricsJson,
        null,
        null,
        DeploymentTargetKind.GITOPS,
        LifecycleStatus.VALIDATING,
        null,
        Stage.NONE,
        "ci-bot",
        now,
        now,
        "pi-1",
        "hash");
  }

  private TestVersions() {}
}
