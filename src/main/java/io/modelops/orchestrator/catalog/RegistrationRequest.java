package io.modelops.orchestrator.catalog;

import io.modelops.orchestrator.notification.MailAddress;
import io.modelops.orchestrator.notification.MailAddresses;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * What a CI pipeline or a data scientist sends to register a model version. Every field is bounded;
 * the artifact URI scheme is checked against an allow-list.
 */
@Schema(description = "Registration of a model version")
public record RegistrationRequest(
    @Schema(example = "1.4.0", description = "Version label, unique per model")
        @NotBlank
        @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
        String version,
    @Schema(example = "s3://models/fraud-detector/1.4.0/model.pkl")
        @NotBlank
        @Size(max = 2048)
        @AllowedArtifactUri
        String artifactUri,
    @Schema(example = "sklearn")
        @Size(max = 64)
        @Pattern(regexp = Patterns.TOKEN, message = Patterns.TOKEN_MESSAGE)
        String framework,
    @Schema(example = "ML") @NotNull ModelType modelType,
    @Schema(
            example = "HIGH",
            description =
                "The tier the registrant declares. The effective tier is the highest of this, the"
                    + " tier the riskAssessment implies and the model's current tier")
        @NotNull
        RiskTier riskTier,
    @Schema(example = "fraud-analytics-team") @NotBlank @Size(max = 128) String owner,
    @Schema(
            example = "fraud-analytics@example.com",
            description = "One plain address, local@domain")
        @MailAddress
        @Size(max = MailAddresses.MAX_LENGTH)
        String ownerEmail,
    @Size(max = 4000) String description,
    @Size(max = 4000) String intendedUse,
    @Size(max = 4000) String limitations,
    @Schema(example = "https://wiki.example.com/models/fraud-detector")
        @Size(max = 2048)
        @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL")
        String modelCardUri,
    @Valid Lineage lineage,
    @Schema(
            description = "Declared evaluation metrics (name → finite number)",
            example = "{\"auc\": 0.91, \"accuracy\": 0.88}")
        @Size(max = 100)
        Map<
                @Pattern(regexp = Patterns.METRIC, message = Patterns.METRIC_MESSAGE) String,
                @NotNull @FiniteNumber Double>
            metrics,
    @Valid Signature signature,
    @Schema(
            description =
                "Selection (positive-outcome) rate per group of each protected attribute, for the"
                    + " disparate-impact check (four-fifths rule)",
            example = "{\"gender\": {\"female\": 0.31, \"male\": 0.35}}")
        @Size(max = 20)
        Map<
                @Pattern(regexp = Patterns.METRIC, message = Patterns.METRIC_MESSAGE) String,
                @NotNull @Size(min = 2, max = 50) Map<
                    @Pattern(regexp = Patterns.GROUP, message = Patterns.GROUP_MESSAGE) String,
                    @NotNull @FiniteNumber @DecimalMin("0") @DecimalMax("1") Double>>
            fairness,
    @Schema(example = "GITOPS", description = "Deployment target; GITOPS when omitted")
        DeploymentTargetKind deploymentTarget,
    @Schema(
            description =
                "Reference profile (distribution of each feature in the training data) and"
                    + " monitoring settings; without it, production monitoring checks metric"
                    + " limits only")
        @Valid
        // Left out of the fingerprint when absent, so versions registered before this field
        // existed keep their fingerprint.
        @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.modelops.orchestrator.monitoring.MonitoringProfile monitoring,
    @Schema(
            description =
                "Retraining schedule and trainer (worker or pipeline); drift and manual requests"
                    + " retrain with a worker when omitted")
        @Valid
        @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.modelops.orchestrator.retraining.RetrainingSettings retraining,
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            description =
                "Risk questionnaire; DMN risk-classification computes the minimum tier from it")
        @NotNull
        @Valid
        @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        RiskAssessment riskAssessment) {

  /** Where the version came from. */
  public record Lineage(
      @Schema(example = "9fceb02d0ae598e95dc970b74767f19372d61af8")
          @Size(max = 128)
          @Pattern(regexp = Patterns.TOKEN, message = Patterns.TOKEN_MESSAGE)
          String sourceCommit,
      @Schema(example = "s3://datasets/fraud/2026-10-01/") @Size(max = 2048) String trainingDataRef,
      @Schema(example = "mlflow-run-5f2a")
          @Size(max = 128)
          @Pattern(regexp = Patterns.TOKEN, message = Patterns.TOKEN_MESSAGE)
          String runId) {}

  /** Input and output fields of the model. */
  public record Signature(
      @Size(max = 500) List<@Valid @NotNull Field> inputs,
      @Size(max = 100) List<@Valid @NotNull Field> outputs) {}

  /** One field of a signature. */
  public record Field(
      @Schema(example = "amount")
          @NotBlank
          @Pattern(regexp = Patterns.METRIC, message = Patterns.METRIC_MESSAGE)
          String name,
      @Schema(example = "double")
          @NotBlank
          @Pattern(regexp = Patterns.TYPE, message = Patterns.TYPE_MESSAGE)
          String type) {}

  /** The deployment target, with the default applied. */
  public DeploymentTargetKind effectiveDeploymentTarget() {
    return deploymentTarget == null ? DeploymentTargetKind.GITOPS : deploymentTarget;
  }
}
