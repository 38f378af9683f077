package io.modelops.orchestrator.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.approval.Approval;
import io.modelops.orchestrator.evidence.AttachmentView;
import io.modelops.orchestrator.validation.ValidationCheck;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A model version as the API shows it: metadata, where it is, and the evidence so far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelVersionView(
    String model,
    String version,
    UUID id,
    LifecycleStatus status,
    String statusReason,
    Stage stage,
    ModelType modelType,
    RiskTier riskTier,
    String artifactUri,
    String framework,
    String owner,
    String ownerEmail,
    String description,
    String intendedUse,
    String limitations,
    String modelCardUri,
    Lineage lineage,
    Map<String, Double> metrics,
    JsonNode signature,
    JsonNode fairness,
    DeploymentTargetKind deploymentTarget,
    String registeredBy,
    OffsetDateTime registeredAt,
    OffsetDateTime updatedAt,
    String processInstanceId,
    Validation validation,
    List<ApprovalView> approvals,
    RiskClassification riskClassification,
    @io.swagger.v3.oas.annotations.media.Schema(
            description = "Evidence attachments (validation memo, documentation, data sheets)")
        List<AttachmentView> attachments,
    @io.swagger.v3.oas.annotations.media.Schema(
            description = "Findings raised in the reviews, with their remediation history")
        List<io.modelops.orchestrator.findings.FindingView> findings,
    @io.swagger.v3.oas.annotations.media.Schema(
            description = "Periodic revalidation and owner attestations; absent before production")
        io.modelops.orchestrator.revalidation.RevalidationView revalidation) {

  /**
   * How the effective tier ({@code riskTier}) came about: the tier the registrant declared, the
   * tier the questionnaire implies (DMN risk-classification; absent for versions registered without
   * one), the effective tier and why, and the questionnaire's answers.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @io.swagger.v3.oas.annotations.media.Schema(
      description = "How the effective risk tier (riskTier) came about")
  public record RiskClassification(
      @io.swagger.v3.oas.annotations.media.Schema(description = "The tier the registrant declared")
          RiskTier declared,
      @io.swagger.v3.oas.annotations.media.Schema(
              description = "The minimum tier the questionnaire implies (DMN risk-classification)")
          RiskTier computed,
      @io.swagger.v3.oas.annotations.media.Schema(
              description =
                  "Highest of declared, computed and the model's current tier, unless model-risk"
                      + " lowered it; the same as riskTier")
          RiskTier effective,
      @io.swagger.v3.oas.annotations.media.Schema(
              example =
                  "raised to HIGH by the questionnaire: automated decisions about people +"
                      + " ESSENTIAL_SERVICES")
          String reason,
      @io.swagger.v3.oas.annotations.media.Schema(description = "The questionnaire's answers")
          JsonNode assessment) {}

  /** Lineage of the version. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Lineage(
      String sourceCommit,
      String trainingDataRef,
      String runId,
      String parentVersion,
      java.util.UUID retrainingId,
      String retrainingReason) {
    public Lineage(String sourceCommit, String trainingDataRef, String runId) {
      this(sourceCommit, trainingDataRef, runId, null, null, null);
    }
  }

  /** The latest validation report, and the champion it was compared with. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Validation(
      boolean passed,
      OffsetDateTime validatedAt,
      String comparedWithChampion,
      List<ValidationCheck> checks) {}

  /** One review decision, with the fingerprint of the evidence it was made on. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ApprovalView(
      String step,
      String reviewGroup,
      String decision,
      String decidedBy,
      OffsetDateTime decidedAt,
      String comment,
      String evidenceHash) {
    static ApprovalView of(Approval a) {
      return new ApprovalView(
          a.step(),
          a.reviewGroup(),
          a.decision(),
          a.decidedBy(),
          a.decidedAt(),
          a.comment(),
          a.evidenceHash());
    }
  }
}
