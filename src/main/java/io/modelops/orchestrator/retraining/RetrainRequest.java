package io.modelops.orchestrator.retraining;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A manual request to retrain a model. */
@Schema(description = "Manual retraining request")
record RetrainRequest(
    @Schema(example = "New labelled data for November is available") @NotBlank @Size(max = 2000)
        String reason,
    @Schema(
            example = "s3://datasets/credit-risk/2026-11/",
            description = "Training data to use; the production version's when omitted")
        @Size(max = 2048)
        String trainingDataRef) {}
