package io.modelops.orchestrator.evaluation;

import io.modelops.orchestrator.catalog.AllowedArtifactUri;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new evaluation dataset for a model. */
record EvaluationDatasetRequest(
    @Schema(
            description = "Where the dataset lies; the artifact URI rules apply",
            example = "s3://holdouts/credit-risk/2026-q4.parquet")
        @NotBlank
        @Size(max = 2048)
        @AllowedArtifactUri
        String uri,
    @Schema(description = "SHA-256 of the dataset's bytes, 64 lowercase hex digits")
        @NotNull
        @Pattern(regexp = "^[0-9a-f]{64}$", message = "must be 64 lowercase hex digits (SHA-256)")
        String sha256,
    @Schema(description = "What the dataset is: period, population, how it was held out")
        @Size(max = 1000)
        String description) {}
