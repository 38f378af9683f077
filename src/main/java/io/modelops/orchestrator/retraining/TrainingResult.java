package io.modelops.orchestrator.retraining;

import io.modelops.orchestrator.catalog.AllowedArtifactUri;
import io.modelops.orchestrator.catalog.FiniteNumber;
import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.monitoring.MonitoringProfile;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * What a training run produced: the trained model and its evaluation. Reported by a training worker
 * (variable {@code trainingResult} of the external task) or by a pipeline (body of {@code POST
 * /api/retraining/{id}/result}); becomes the candidate version's registration.
 */
@Schema(description = "The model a training run produced")
record TrainingResult(
    @Schema(example = "s3://models/credit-risk/1.0.1/model.json")
        @NotBlank
        @Size(max = 2048)
        @AllowedArtifactUri
        String artifactUri,
    @Schema(
            description = "Evaluation metrics of the trained model (name → finite number)",
            example = "{\"auc\": 0.84, \"accuracy\": 0.8}")
        @NotEmpty
        @Size(max = 100)
        Map<
                @Pattern(regexp = Patterns.METRIC, message = Patterns.METRIC_MESSAGE) String,
                @NotNull @FiniteNumber Double>
            metrics,
    @Schema(
            example = "1.0.1",
            description = "Version label of the candidate; the next free one when omitted")
        @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
        String version,
    @Schema(example = "s3://datasets/credit-risk/2026-12-01/") @Size(max = 2048)
        String trainingDataRef,
    @Schema(example = "airflow-retrain-credit-risk-2026-12-01")
        @Size(max = 128)
        @Pattern(regexp = Patterns.TOKEN, message = Patterns.TOKEN_MESSAGE)
        String runId,
    @Size(max = 128) @Pattern(regexp = Patterns.TOKEN, message = Patterns.TOKEN_MESSAGE)
        String sourceCommit,
    @Schema(
            description =
                "Selection rate per group of each protected attribute (as at registration)")
        @Size(max = 20)
        Map<
                @Pattern(regexp = Patterns.METRIC, message = Patterns.METRIC_MESSAGE) String,
                @NotNull @Size(min = 2, max = 50) Map<
                    @Pattern(regexp = Patterns.GROUP, message = Patterns.GROUP_MESSAGE) String,
                    @NotNull @FiniteNumber @DecimalMin("0") @DecimalMax("1") Double>>
            fairness,
    @Schema(description = "Reference profile of the new training data; the champion's when omitted")
        @Valid
        MonitoringProfile monitoring) {}
