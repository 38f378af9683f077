package io.modelops.orchestrator.evidence;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.security.Groups;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class UploadRuleTest {

  private static final ModelVersion VERSION =
      new ModelVersion(
          UUID.randomUUID(),
          UUID.randomUUID(),
          "m",
          "1",
          "s3://a",
          null,
          ModelType.ML,
          RiskTier.HIGH,
          "team",
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
          "dana",
          null,
          null,
          "pi",
          "hash");

  @Test
  void shouldRefuseTheRegistrantsValidationMemoEvenWhenSheIsAValidator() {
    Set<String> both = Set.of(Groups.DATA_SCIENTISTS, Groups.VALIDATORS);
    assertThatThrownBy(
            () -> UploadRule.requireUploader(AttachmentKind.VALIDATION_MEMO, "dana", both, VERSION))
        .isInstanceOf(ResponseStatusException.class)
        .hasMessageContaining("registered m:1");
    assertThatCode(
            () -> UploadRule.requireUploader(AttachmentKind.VALIDATION_MEMO, "vera", both, VERSION))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                UploadRule.requireUploader(
                    AttachmentKind.MODEL_DOCUMENTATION, "dana", both, VERSION))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseOtherGroupsForEveryKind() {
    for (AttachmentKind kind : AttachmentKind.values()) {
      for (String group : Set.of(Groups.ADMIN, Groups.OPS, Groups.MONITORS)) {
        assertThatThrownBy(() -> UploadRule.requireUploader(kind, "x", Set.of(group), VERSION))
            .as(kind + " by " + group)
            .isInstanceOf(ResponseStatusException.class);
      }
    }
    assertThatThrownBy(
            () ->
                UploadRule.requireUploader(
                    AttachmentKind.DATA_SHEET, "victor", Set.of(Groups.VALIDATORS), VERSION))
        .isInstanceOf(ResponseStatusException.class);
  }
}
