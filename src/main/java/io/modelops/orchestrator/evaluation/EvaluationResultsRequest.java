package io.modelops.orchestrator.evaluation;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** What an evaluator computed for an evaluation request. */
record EvaluationResultsRequest(
    @Schema(description = "SHA-256 of the dataset the evaluator scored; must be the registered one")
        @NotNull
        @Pattern(regexp = "^[0-9a-f]{64}$", message = "must be 64 lowercase hex digits (SHA-256)")
        String datasetSha256,
    @Schema(description = "Metrics of the candidate version") @NotNull @Valid Result candidate,
    @Schema(
            description =
                "Metrics of the champion on the same dataset; required when the request names a"
                    + " champion, refused when it does not")
        @Valid
        Result champion) {

  /** The metrics of one version. */
  record Result(
      @Schema(description = "The version scored; must be the request's", example = "1.4.0")
          @NotBlank
          @Size(max = 64)
          String version,
      @Schema(
              description = "Metric name to value, as computed on the dataset",
              example = "{\"auc\": 0.81, \"accuracy\": 0.76}")
          @NotEmpty
          @Size(max = 50)
          Map<
                  @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9_.:-]+$") String,
                  @NotNull Double>
              metrics,
      @Schema(description = "Rows of the dataset scored") @PositiveOrZero Long rows) {}
}
