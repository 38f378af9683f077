package io.modelops.orchestrator.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.approval.ApprovalControls.Gate;
import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.deployment.CanaryAnalysisLog;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.validation.CheckStatus;
import io.modelops.orchestrator.validation.ValidationCheck;
import io.modelops.orchestrator.validation.ValidationReport;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** The rules of the approval guards, on given facts (no engine, no database). */
class ApprovalControlsTest {

  private static final UUID VERSION = UUID.randomUUID();
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-01T10:00:00Z");
  private static final Map<String, Set<String>> GROUPS =
      Map.of(
          "victor", Set.of("model-validators"),
          "vera", Set.of("model-validators"),
          "rita", Set.of("model-risk"),
          "oscar", Set.of("ml-ops"),
          "val-ops", Set.of("model-validators", "ml-ops"),
          "ci-bot", Set.of("model-validators", "ml-ops"));
  private static final BiPredicate<String, String> MEMBER =
      (user, group) -> GROUPS.getOrDefault(user, Set.of()).contains(group);

  private final List<Approval> decisions = new ArrayList<>();

  @Test
  void shouldPassWhenEveryGroupApprovedByDistinctEligibleMembers() {
    review("victor", "model-validators", "APPROVE");
    review("rita", "model-risk", "APPROVE");
    assertThat(missing(Gate.APPROVED, high())).isEmpty();
  }

  @Test
  void shouldRefuseWithoutAnyReview() {
    assertThat(missing(Gate.APPROVED, high()))
        .hasSize(2)
        .allMatch(line -> line.startsWith("no approval of the"));
  }

  @Test
  void shouldRefuseWithoutAFrozenPolicy() {
    assertThat(
            ApprovalControls.missing(
                version(),
                Gate.APPROVED,
                Optional.empty(),
                decisions,
                passed(),
                Optional.empty(),
                MEMBER))
        .containsExactly("no approval policy was determined and frozen for this version");
  }

  @Test
  void shouldRefuseAnApprovalByTheRegistrantOrANonMemberOrTheSamePersonTwice() {
    review("ci-bot", "model-validators", "APPROVE"); // the registrant
    review("oscar", "model-risk", "APPROVE"); // not in model-risk
    assertThat(missing(Gate.APPROVED, high())).hasSize(3);

    decisions.clear();
    review("val-ops", "model-validators", "APPROVE");
    review("val-ops", "model-risk", "APPROVE");
    assertThat(missing(Gate.APPROVED, high())).hasSize(1);
  }

  @Test
  void shouldCountAnApprovalWithConditionsAsAnApproval() {
    review("victor", "model-validators", "APPROVE_WITH_CONDITIONS");
    review("rita", "model-risk", "APPROVE");
    assertThat(missing(Gate.APPROVED, high())).isEmpty();
  }

  @Test
  void shouldNameEachUnresolvedFindingThatBlocksTheRelease() {
    io.modelops.orchestrator.findings.FindingView finding =
        new io.modelops.orchestrator.findings.FindingView(
            UUID.randomUUID(),
            "fraud-detector",
            "1.0.0",
            "Calibration not shown",
            "No calibration plot",
            io.modelops.orchestrator.findings.Severity.HIGH,
            "dana",
            java.time.LocalDate.parse("2026-02-15"),
            false,
            "victor",
            T0,
            io.modelops.orchestrator.findings.FindingStatus.OPEN,
            null,
            null,
            true,
            List.of());
    assertThat(ApprovalControls.unresolvedFindings(List.of(finding)))
        .singleElement()
        .asString()
        .contains("HIGH \"Calibration not shown\" (OPEN", "blocks the production release");
  }

  @Test
  void shouldRefuseWhenAReviewDidNotApprove() {
    review("victor", "model-validators", "APPROVE");
    review("rita", "model-risk", "REJECT");
    assertThat(missing(Gate.APPROVED, high())).anyMatch(line -> line.contains("not an approval"));
  }

  @Test
  void shouldRequireTheRecordedAutomaticApprovalWhenThePolicyHasNoReviewGroups() {
    ApprovalPolicy low = policy("", false);
    assertThat(missing(Gate.APPROVED, low)).hasSize(1);
    decisions.add(
        new Approval(
            UUID.randomUUID(),
            VERSION,
            "auto",
            ModelLifecycle.TASK_AUTO_APPROVAL,
            null,
            "APPROVE",
            RecordAutomaticApprovalDelegate.POLICY_ACTOR,
            T0,
            "policy",
            null));
    assertThat(missing(Gate.APPROVED, low)).isEmpty();
  }

  @Test
  void shouldRequireAReleaseApprovalByAnOperatorWhoDidNotReview() {
    review("val-ops", "model-validators", "APPROVE");
    review("rita", "model-risk", "APPROVE");
    assertThat(missing(Gate.RELEASE_CLEARED, high())).hasSize(1);

    decide(ModelLifecycle.TASK_APPROVE_RELEASE, "val-ops", "APPROVE", T0.plusHours(1));
    assertThat(missing(Gate.RELEASE_CLEARED, high()))
        .singleElement()
        .asString()
        .contains("val-ops");

    decide(ModelLifecycle.TASK_APPROVE_RELEASE, "oscar", "APPROVE", T0.plusHours(2));
    assertThat(missing(Gate.RELEASE_CLEARED, high())).isEmpty();
  }

  @Test
  void shouldPromoteOnlyAfterAHealthyAnalysisOrAnEligiblePromoteDecisionAfterIt() {
    review("victor", "model-validators", "APPROVE");
    review("rita", "model-risk", "APPROVE");
    decide(ModelLifecycle.TASK_APPROVE_RELEASE, "oscar", "APPROVE", T0.plusHours(1));
    assertThat(missing(Gate.PROMOTION, high(), null)).hasSize(1);
    assertThat(missing(Gate.PROMOTION, high(), canary("HEALTHY", T0.plusHours(3)).get())).isEmpty();

    Optional<CanaryAnalysisLog.Entry> inconclusive = canary("INCONCLUSIVE", T0.plusHours(3));
    decide(ModelLifecycle.TASK_DECIDE_CANARY, "oscar", "PROMOTE", T0.plusHours(2)); // before it
    assertThat(missing(Gate.PROMOTION, high(), inconclusive.get())).hasSize(1);
    decide(ModelLifecycle.TASK_DECIDE_CANARY, "victor", "PROMOTE", T0.plusHours(4)); // a reviewer
    assertThat(missing(Gate.PROMOTION, high(), inconclusive.get())).hasSize(1);
    decide(ModelLifecycle.TASK_DECIDE_CANARY, "oscar", "PROMOTE", T0.plusHours(5));
    assertThat(missing(Gate.PROMOTION, high(), inconclusive.get())).isEmpty();
  }

  private List<String> missing(Gate gate, ApprovalPolicy policy) {
    return missing(gate, policy, null);
  }

  private List<String> missing(Gate gate, ApprovalPolicy policy, CanaryAnalysisLog.Entry canary) {
    return ApprovalControls.missing(
        version(),
        gate,
        Optional.of(policy),
        decisions,
        passed(),
        Optional.ofNullable(canary),
        MEMBER);
  }

  private void review(String user, String group, String decision) {
    decisions.add(
        new Approval(
            UUID.randomUUID(),
            VERSION,
            UUID.randomUUID().toString(),
            ModelLifecycle.TASK_REVIEW,
            group,
            decision,
            user,
            T0.plusMinutes(decisions.size()),
            null,
            null));
  }

  private void decide(String step, String user, String decision, OffsetDateTime at) {
    decisions.add(
        new Approval(
            UUID.randomUUID(),
            VERSION,
            UUID.randomUUID().toString(),
            step,
            "ml-ops",
            decision,
            user,
            at,
            null,
            null));
  }

  private static Optional<CanaryAnalysisLog.Entry> canary(String verdict, OffsetDateTime at) {
    return Optional.of(
        new CanaryAnalysisLog.Entry(UUID.randomUUID(), VERSION, verdict, at, at, at));
  }

  private static ApprovalPolicy high() {
    return policy("model-validators,model-risk", true);
  }

  private static ApprovalPolicy policy(String groups, boolean releaseApproval) {
    return new ApprovalPolicy(
        VERSION,
        ApprovalPolicy.groups(groups),
        "P2D",
        "P4D",
        releaseApproval,
        5,
        "PT4H",
        "PT30M",
        "PT2H",
        "PT8H",
        "approval-policy:1:x",
        "approval-policy",
        1,
        new ApprovalPolicy.Inputs("HIGH", "ML", false, 0),
        "{}",
        T0);
  }

  private static Optional<ValidationReport> passed() {
    return Optional.of(
        new ValidationReport(
            UUID.randomUUID(),
            VERSION,
            T0,
            null,
            List.of(new ValidationCheck("docs", CheckStatus.PASS, null, null, "ok"))));
  }

  private static ModelVersion version() {
    return new ModelVersion(
        VERSION,
        UUID.randomUUID(),
        "fraud",
        "1.0.0",
        "s3://m",
        null,
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
        T0,
        T0,
        "pi",
        "hash");
  }
}
