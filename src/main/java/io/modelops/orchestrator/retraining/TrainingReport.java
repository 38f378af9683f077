package io.modelops.orchestrator.retraining;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A training pipeline's callback: the outcome of the run it was asked for. */
@Schema(description = "Outcome of a pipeline training run")
record TrainingReport(
    @Schema(example = "SUCCEEDED") @NotNull Status status,
    @Schema(example = "AUC 0.71 on the holdout, below the champion's 0.78") @Size(max = 2000)
        String message,
    @Schema(description = "The trained model; required when the run succeeded") @Valid
        TrainingResult result) {

  /** SUCCEEDED: a model was trained; FAILED: no better model (the champion stays). */
  public enum Status {
    SUCCEEDED,
    FAILED
  }

  @JsonIgnore
  @AssertTrue(message = "result is required when status is SUCCEEDED")
  public boolean isResultGivenOnSuccess() {
    return status != Status.SUCCEEDED || result != null;
  }
}
