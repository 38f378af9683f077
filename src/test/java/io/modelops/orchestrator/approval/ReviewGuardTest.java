package io.modelops.orchestrator.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.support.TestVersions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewGuardTest {

  private final ModelVersion version = TestVersions.complete("{}"); // registered by ci-bot

  @Test
  void shouldRefuseTheRegistrantWithAReason() {
    ReviewGuard.Refusal refusal =
        ReviewGuard.check(version, "ci-bot", List.of(), "APPROVE", "looks good").orElseThrow();

    assertThat(refusal.forbidden()).isTrue();
    assertThat(refusal.message())
        .contains("Segregation of duties", "ci-bot registered fraud-detector:1.0.0");
  }

  @Test
  void shouldRefuseTheRegistrantEvenWhenRejecting() {
    assertThat(ReviewGuard.check(version, "ci-bot", List.of(), "REJECT", "bad")).isPresent();
  }

  @Test
  void shouldRefuseASecondDecisionByTheSamePerson() {
    ReviewGuard.Refusal refusal =
        ReviewGuard.check(version, "max", List.of("max"), "APPROVE", null).orElseThrow();

    assertThat(refusal.forbidden()).isTrue();
    assertThat(refusal.message()).contains("max already decided on fraud-detector:1.0.0");
    assertThat(ReviewGuard.check(version, "rita", List.of("max"), "APPROVE", null)).isEmpty();
  }

  @Test
  void shouldRefuseAnApprovalWithConditionsWithoutAFindingOfTheReviewer() {
    ReviewGuard.Refusal refusal =
        ReviewGuard.checkConditions("APPROVE_WITH_CONDITIONS", 0).orElseThrow();

    assertThat(refusal.forbidden()).isFalse();
    assertThat(refusal.field()).isEqualTo("reviewDecision");
    assertThat(refusal.message()).contains("at least one open finding");
    assertThat(ReviewGuard.checkConditions("APPROVE_WITH_CONDITIONS", 2)).isEmpty();
    assertThat(ReviewGuard.check(version, "victor", List.of(), "APPROVE_WITH_CONDITIONS", null))
        .isEmpty();
  }

  @Test
  void shouldRefuseAPlainApprovalWhileTheReviewerHasOpenFindings() {
    ReviewGuard.Refusal refusal = ReviewGuard.checkConditions("APPROVE", 1).orElseThrow();

    assertThat(refusal.forbidden()).isFalse();
    assertThat(refusal.message()).contains("approve with conditions");
    assertThat(ReviewGuard.checkConditions("APPROVE", 0)).isEmpty();
    assertThat(ReviewGuard.checkConditions("REJECT", 1)).isEmpty();
    assertThat(ReviewGuard.checkConditions("REQUEST_CHANGES", 3)).isEmpty();
  }

  @Test
  void shouldRefuseAnUnknownDecision() {
    ReviewGuard.Refusal refusal =
        ReviewGuard.check(version, "victor", List.of(), "MAYBE", "x").orElseThrow();

    assertThat(refusal.forbidden()).isFalse();
    assertThat(refusal.field()).isEqualTo("reviewDecision");
  }

  @Test
  void shouldRefuseAMissingDecisionAsInvalidNotAsAnError() {
    ReviewGuard.Refusal refusal =
        ReviewGuard.check(version, "victor", List.of(), null, null).orElseThrow();

    assertThat(refusal.forbidden()).isFalse();
    assertThat(refusal.field()).isEqualTo("reviewDecision");
  }

  @Test
  void shouldRequireACommentUnlessApproving() {
    assertThat(
            ReviewGuard.check(version, "victor", List.of(), "REJECT", "  ").orElseThrow().field())
        .isEqualTo("reviewComment");
    assertThat(
            ReviewGuard.check(version, "victor", List.of(), "REQUEST_CHANGES", null)
                .orElseThrow()
                .message())
        .contains("change request needs a comment");
    assertThat(ReviewGuard.check(version, "victor", List.of(), "APPROVE", null)).isEmpty();
  }

  @Test
  void shouldRefuseAnOverlongComment() {
    assertThat(ReviewGuard.check(version, "victor", List.of(), "APPROVE", "x".repeat(4001)))
        .isPresent();
  }

  @Test
  void shouldAcceptAnIndependentReviewersDecision() {
    assertThat(ReviewGuard.check(version, "victor", List.of(), "REJECT", "No fairness evidence"))
        .isEmpty();
    assertThat(ReviewGuard.check(version, "victor", List.of(), "REQUEST_CHANGES", "Add limits"))
        .isEmpty();
  }
}
