package io.modelops.orchestrator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentTargetsTest {

  private final DeploymentTarget gitOps = new FixedTarget(DeploymentTargetKind.GITOPS);
  private final DeploymentTarget webhook = new FixedTarget(DeploymentTargetKind.WEBHOOK);

  @Test
  void shouldFindTheTargetOfEachKind() {
    // given
    DeploymentTargets targets = new DeploymentTargets(List.of(gitOps, webhook));

    // when / then
    assertThat(targets.forKind(DeploymentTargetKind.GITOPS)).isSameAs(gitOps);
    assertThat(targets.forKind(DeploymentTargetKind.WEBHOOK)).isSameAs(webhook);
    assertThat(targets.kinds())
        .containsExactlyInAnyOrder(DeploymentTargetKind.GITOPS, DeploymentTargetKind.WEBHOOK);
  }

  @Test
  void shouldNameTheMissingKindAndTheAvailableOnes() {
    // given
    DeploymentTargets targets = new DeploymentTargets(List.of(gitOps, webhook));

    // when / then
    assertThatThrownBy(() -> targets.forKind(DeploymentTargetKind.DMN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No deployment target for kind DMN")
        .hasMessageContaining("GITOPS")
        .hasMessageContaining("WEBHOOK");
  }

  @Test
  void shouldRefuseTwoTargetsOfTheSameKind() {
    // given
    DeploymentTarget secondGitOps = new FixedTarget(DeploymentTargetKind.GITOPS);

    // when / then
    assertThatThrownBy(() -> new DeploymentTargets(List.of(gitOps, secondGitOps)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Two deployment targets for kind GITOPS");
  }

  private record FixedTarget(DeploymentTargetKind kind) implements DeploymentTarget {

    @Override
    public DeploymentResult apply(DeploymentRequest request) {
      return new DeploymentResult(kind.name(), true, "applied");
    }

    @Override
    public DeploymentStatus status(DeploymentRequest request) {
      return DeploymentStatus.READY;
    }
  }
}
