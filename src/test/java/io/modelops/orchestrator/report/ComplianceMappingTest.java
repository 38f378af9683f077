package io.modelops.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.ModelVersionView;
import io.modelops.orchestrator.catalog.ModelVersionView.ApprovalView;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.deployment.DeploymentStage;
import io.modelops.orchestrator.deployment.StageEvent;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.report.ModelReport.Activity;
import io.modelops.orchestrator.report.ModelReport.EvidenceStatus;
import io.modelops.orchestrator.report.ModelReport.LifecycleInstance;
import io.modelops.orchestrator.report.ModelReport.MetricSeries;
import io.modelops.orchestrator.report.ModelReport.Requirement;
import io.modelops.orchestrator.validation.ValidationCheck;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ComplianceMappingTest {

  private static final OffsetDateTime T = OffsetDateTime.parse("2026-11-20T09:00:00Z");

  @Test
  void shouldFindEveryRequirementPresentForAReviewedReleasedAndMonitoredVersion() {
    List<Requirement> requirements =
        ComplianceMapping.assess(
            evidence(
                version(
                    List.of(
                        review("victor", "model-validators"),
                        review("rita", "model-risk"),
                        new ApprovalView(
                            ModelLifecycle.TASK_APPROVE_RELEASE,
                            "ml-ops",
                            "APPROVE",
                            "oscar",
                            T,
                            "go",
                            null))),
                List.of(
                    event("DEPLOY", DeploymentStage.STAGING, 100, "system"),
                    event("PROMOTE", DeploymentStage.PRODUCTION, 100, "system"),
                    event("STOP", DeploymentStage.PRODUCTION, 0, "oscar")),
                12,
                365));

    assertThat(requirements)
        .extracting(Requirement::id)
        .containsExactly(
            "sr11-7.model-inventory",
            "sr11-7.development-documentation",
            "sr11-7.independent-validation",
            "sr11-7.ongoing-monitoring",
            "sr11-7.change-control",
            "eu-ai-act.art-12",
            "eu-ai-act.art-14",
            "eu-ai-act.art-19");
    assertThat(requirements).extracting(Requirement::status).containsOnly(EvidenceStatus.PRESENT);
    assertThat(find(requirements, "sr11-7.independent-validation").evidence())
        .contains(
            "2 reviews by reviewers other than the registrant ci-bot",
            "victor (model-validators) APPROVE",
            "rita (model-risk)");
    assertThat(find(requirements, "sr11-7.change-control").evidence())
        .contains("3 stage events", "production release approved by oscar");
    assertThat(find(requirements, "eu-ai-act.art-14").evidence()).contains("STOP by oscar");
    assertThat(find(requirements, "eu-ai-act.art-19").evidence()).contains("365 days");
  }

  @Test
  void shouldNotCountAReviewByTheRegistrantOrThePolicyAsIndependent() {
    ApprovalView byPolicy =
        new ApprovalView(
            "Task_RecordAutomaticApproval",
            null,
            "APPROVE",
            "approval-policy",
            T,
            "LOW risk",
            null);
    List<Requirement> requirements =
        ComplianceMapping.assess(
            evidence(
                version(List.of(review("ci-bot", "model-validators"), byPolicy)),
                List.of(),
                0,
                365));

    Requirement validation = find(requirements, "sr11-7.independent-validation");
    assertThat(validation.status()).isEqualTo(EvidenceStatus.PARTIAL);
    assertThat(validation.evidence())
        .contains("0 reviews", "approved by the approval policy without human review");
    assertThat(find(requirements, "sr11-7.ongoing-monitoring").status())
        .isEqualTo(EvidenceStatus.NOT_APPLICABLE);
    assertThat(find(requirements, "sr11-7.change-control").status())
        .isEqualTo(EvidenceStatus.NOT_APPLICABLE);
  }

  @Test
  void shouldReportMissingMonitoringAndShortRetention() {
    List<Requirement> requirements =
        ComplianceMapping.assess(
            evidence(
                version(List.of(review("victor", "model-validators"))),
                List.of(event("DEPLOY", DeploymentStage.CANARY, 10, "system")),
                0,
                90));

    assertThat(find(requirements, "sr11-7.ongoing-monitoring").status())
        .isEqualTo(EvidenceStatus.MISSING);
    Requirement retention = find(requirements, "eu-ai-act.art-19");
    assertThat(retention.status()).isEqualTo(EvidenceStatus.MISSING);
    assertThat(retention.evidence()).contains("90 days", "at least 183 days");
  }

  @Test
  void shouldListMissingDocumentation() {
    ModelVersionView bare =
        new ModelVersionView(
            "m",
            "1",
            UUID.randomUUID(),
            LifecycleStatus.REJECTED,
            null,
            Stage.NONE,
            ModelType.RULES,
            RiskTier.LOW,
            "s3://a",
            null,
            "team",
            null,
            "Scores",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            DeploymentTargetKind.GITOPS,
            "ci-bot",
            T,
            T,
            "pi",
            null,
            List.of(),
            null,
            List.of(),
            List.of(),
            null);

    Requirement documentation =
        find(
            ComplianceMapping.assess(evidence(bare, List.of(), 0, 365)),
            "sr11-7.development-documentation");

    assertThat(documentation.status()).isEqualTo(EvidenceStatus.PARTIAL);
    assertThat(documentation.evidence())
        .contains("Documented: description", "missing: intended use, limitations");
    assertThat(
            find(
                    ComplianceMapping.assess(evidence(bare, List.of(), 0, 365)),
                    "sr11-7.independent-validation")
                .status())
        .isEqualTo(EvidenceStatus.MISSING);
  }

  @Test
  void shouldMapEveryAnnexIvItemToSectionsOrFlagItMissing() {
    // given: a reviewed, released and monitored version without attached documents
    ComplianceMapping.Evidence evidence =
        evidence(
            version(List.of(review("victor", "model-validators"), review("rita", "model-risk"))),
            List.of(event("PROMOTE", DeploymentStage.PRODUCTION, 100, "system")),
            12,
            365);

    // when
    List<ModelReport.AnnexItem> annex =
        ComplianceMapping.annexIv(evidence, ComplianceMapping.assess(evidence));

    // then: every point of Annex IV, in order, each pointing into the report
    assertThat(annex)
        .extracting(ModelReport.AnnexItem::reference)
        .containsExactly(
            "1(a)",
            "1(b)-(c), 1(e)",
            "1(d), 1(f)-(h)",
            "2(a)-(c)",
            "2(d)",
            "2(e)",
            "2(f)",
            "2(g)",
            "2(h)",
            "3",
            "4",
            "5",
            "6",
            "7",
            "8",
            "9");
    assertThat(annex).allSatisfy(item -> assertThat(item.sections()).isNotEmpty());
    assertThat(annex.get(0).status()).isEqualTo(EvidenceStatus.PRESENT);
    assertThat(annexItem(annex, "annex-iv.2e").sections())
        .contains("decisions", "eu-ai-act.art-14");
    // what the orchestrator cannot know is missing until a document is attached
    assertThat(annexItem(annex, "annex-iv.7").status()).isEqualTo(EvidenceStatus.MISSING);
    assertThat(annexItem(annex, "annex-iv.8").status()).isEqualTo(EvidenceStatus.MISSING);
    assertThat(annexItem(annex, "annex-iv.8").evidence()).contains("declaration of conformity");
    assertThat(annexItem(annex, "annex-iv.9").status()).isEqualTo(EvidenceStatus.PRESENT);
    // counts read as English: "1 lifecycle instance", not "1 lifecycle instance(s)"
    assertThat(find(ComplianceMapping.assess(evidence), "eu-ai-act.art-12").evidence())
        .contains("1 engine history entry (", "in 1 lifecycle instance;", "0 incidents;")
        .doesNotContain("(s)");
    assertThat(annexItem(annex, "annex-iv.3").evidence())
        .contains("0 health evaluations, 12 metric points");
  }

  private static ModelReport.AnnexItem annexItem(List<ModelReport.AnnexItem> items, String id) {
    return items.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
  }

  private static ComplianceMapping.Evidence evidence(
      ModelVersionView version, List<StageEvent> stages, long points, int ttlDays) {
    List<MetricSeries> series =
        points == 0
            ? List.of()
            : List.of(new MetricSeries("error_rate", points, T, T.plusMinutes(5)));
    return new ComplianceMapping.Evidence(
        version,
        stages,
        List.of(new LifecycleInstance("pi", "m:1", 1, "ACTIVE", "ci-bot", T, null, ttlDays)),
        List.of(
            new Activity(
                "pi",
                "StartEvent_ModelVersionRegistered",
                "Registered",
                "startEvent",
                T,
                T,
                null,
                null,
                false)),
        List.of(),
        ModelReportService.monitoring(series));
  }

  private static ModelVersionView version(List<ApprovalView> approvals) {
    return new ModelVersionView(
        "fraud-detector",
        "1.4.0",
        UUID.randomUUID(),
        LifecycleStatus.IN_PRODUCTION,
        null,
        Stage.PRODUCTION,
        ModelType.ML,
        RiskTier.HIGH,
        "s3://models/f/1.4.0",
        "sklearn",
        "fraud-team",
        "fraud@example.com",
        "Scores transactions",
        "Card fraud",
        "EU only",
        "https://wiki/card",
        new ModelVersionView.Lineage("9fceb02", "s3://data", "run-1"),
        Map.of("auc", 0.91),
        null,
        null,
        DeploymentTargetKind.GITOPS,
        "ci-bot",
        T,
        T,
        "pi",
        new ModelVersionView.Validation(
            true,
            T,
            null,
            List.of(
                ValidationCheck.pass("documentation", "complete", null, "All documented"),
                ValidationCheck.warn("signature", null, null, "new input"))),
        approvals,
        null,
        List.of(),
        List.of(),
        null);
  }

  private static ApprovalView review(String user, String group) {
    return new ApprovalView(
        ModelLifecycle.TASK_REVIEW, group, "APPROVE", user, T, "ok", "ab".repeat(32));
  }

  private static StageEvent event(String action, DeploymentStage stage, int percent, String actor) {
    return new StageEvent(1, "1.4.0", stage, action, percent, "abc123", actor, T, null);
  }

  private static Requirement find(List<Requirement> requirements, String id) {
    return requirements.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }
}
