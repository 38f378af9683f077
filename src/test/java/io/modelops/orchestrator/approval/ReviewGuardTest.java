package io.modelops.orchestrator.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.support.TestVersions;
import org.junit.jupiter.api.Test;

class ReviewGuardTest {

  private final ModelVersion version = TestVersions.complete("{}"); // registered by ci-bot

  @Test
  void shouldRefuseTheRegistrantWithAReason() {
    ReviewGuard.Refusal refusal =
        ReviewGuard.check(version, "ci-bot", "APPROVE", "looks good").orElseThrow();

    assertThat(refusal.forbidden()).isTrue();
    assertThat(refusal.message())
        .contains("Segregation of duties", "ci-bot registered fraud-detector:1.0.0");
  }

  @Test
  void shouldRefuseTheRegistrantEvenWhenRejecting() {
    assertThat(ReviewGuard.check(version, "ci-bot", "REJECT", "bad")).isPresent();
  }

  @Test
  void shouldRefuseAnUnknownDecision() {
    ReviewGuard.Refusal refusal = ReviewGuard.check(version, "victor", "MAYBE", "x").orElseThrow();

    assertThat(refusal.forbidden()).isFalse();
    assertThat(refusal.field()).isEqualTo("reviewDecision");
  }

  @Test
  void shouldRefuseADecisionWithoutComment() {
    assertThat(ReviewGuard.check(version, "victor", "REJECT", "  ").orElseThrow().field())
        .isEqualTo("reviewComment");
    assertThat(ReviewGuard.check(version, "victor", "APPROVE", null)).isPresent();
  }

  @Test
  void shouldRefuseAnOverlongComment() {
    assertThat(ReviewGuard.check(version, "victor", "APPROVE", "x".repeat(4001))).isPresent();
  }

  @Test
  void shouldAcceptAnotherReviewersDecisionWithComment() {
    assertThat(ReviewGuard.check(version, "victor", "APPROVE", "Evidence sufficient")).isEmpty();
    assertThat(ReviewGuard.check(version, "victor", "REJECT", "No fairness evidence")).isEmpty();
  }
}
