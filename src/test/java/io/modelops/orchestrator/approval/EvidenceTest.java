package io.modelops.orchestrator.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EvidenceTest {

  private static final OffsetDateTime T = OffsetDateTime.parse("2026-11-20T09:00:00Z");

  @Test
  void shouldBindALaterDecisionToTheReviewsItReliedOn() {
    ModelVersion version = version();
    Approval victor = review("victor", "a".repeat(64), T);
    Approval rita = review("rita", "b".repeat(64), T.plusMinutes(5));

    String release = Evidence.hash(version, "validation ok", List.of(victor, rita));

    assertThat(release).matches("[0-9a-f]{64}");
    assertThat(release).isNotEqualTo(Evidence.hash(version, "validation ok"));
    // the order the records come in does not matter, their content does
    assertThat(Evidence.hash(version, "validation ok", List.of(rita, victor))).isEqualTo(release);
    assertThat(
            Evidence.hash(
                version,
                "validation ok",
                List.of(victor, review("rita", "c".repeat(64), rita.decidedAt()))))
        .isNotEqualTo(release);
    assertThat(Evidence.hash(version, "validation changed", List.of(victor, rita)))
        .isNotEqualTo(release);
  }

  private static Approval review(String user, String hash, OffsetDateTime at) {
    return new Approval(
        UUID.nameUUIDFromBytes(user.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        UUID.randomUUID(),
        "task-" + user,
        ModelLifecycle.TASK_REVIEW,
        "model-validators",
        "APPROVE",
        user,
        at,
        "ok",
        hash);
  }

  private static ModelVersion version() {
    OffsetDateTime now = OffsetDateTime.now();
    return new ModelVersion(
        UUID.fromString("00000000-0000-0000-0000-000000000001"),
        UUID.randomUUID(),
        "fraud-detector",
        "1.0.0",
        "s3://models/fraud/1.0.0",
        "sklearn",
        ModelType.ML,
        RiskTier.HIGH,
        "owner",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        DeploymentTargetKind.GITOPS,
        LifecycleStatus.IN_REVIEW,
        null,
        Stage.NONE,
        "ci-bot",
        now,
        now,
        "pi",
        "hash");
  }
}
