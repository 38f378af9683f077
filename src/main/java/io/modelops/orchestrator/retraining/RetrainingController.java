package io.modelops.orchestrator.retraining;

import io.modelops.orchestrator.catalog.Patterns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Retraining: manual triggers, progress, and the training pipeline's callback. */
@RestController
@Tag(name = "Retraining")
@SecurityRequirement(name = "basic")
class RetrainingController {

  private final RetrainingOperations operations;

  public RetrainingController(RetrainingOperations operations) {
    this.operations = operations;
  }

  @Operation(
      summary = "Retrain a model",
      description =
          "Starts a retraining of the model's production version (data scientists, ml-ops). While"
              + " one runs for the model, the request is recorded on it instead"
              + " (triggerOutcome JOINED). With an Idempotency-Key, a repeated request is"
              + " recorded once (REPEATED).")
  @ApiResponse(responseCode = "202", description = "Started, joined or repeated")
  @ApiResponse(
      responseCode = "403",
      description = "Not a retrainer (data-scientists, ml-ops, admin), or a cross-site request")
  @ApiResponse(responseCode = "404", description = "Unknown model")
  @ApiResponse(responseCode = "409", description = "The model has no version in production")
  @PostMapping("/api/models/{name}/retrain")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public RetrainingView retrain(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @Parameter(description = "Makes a repeated request count once")
          @RequestHeader(name = "Idempotency-Key", required = false)
          @Size(max = 128)
          @Pattern(regexp = Patterns.TOKEN, message = Patterns.TOKEN_MESSAGE)
          String idempotencyKey,
      @Valid @RequestBody RetrainRequest request,
      Principal principal) {
    return operations.retrain(name, request, principal.getName(), idempotencyKey);
  }

  @Operation(summary = "Retrainings of a model", description = "Newest first")
  @GetMapping("/api/models/{name}/retraining")
  public List<RetrainingView> ofModel(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
    return operations.ofModel(name, page, size);
  }

  @Operation(summary = "A retraining run", description = "Status, triggers, candidate, outcome")
  @GetMapping("/api/retraining/{id}")
  public RetrainingView retraining(@PathVariable UUID id) {
    return operations.view(id);
  }

  @Operation(
      operationId = "reportTrainingResult",
      summary = "Report a pipeline's training result",
      description =
          "Callback of the training pipeline (ci-pipelines only; 403 for everyone else) for a"
              + " model trained by PIPELINE: SUCCEEDED with the trained model, which becomes the"
              + " candidate version, or FAILED (no better model; the owner is told). The caller is"
              + " recorded as the candidate's supplier and, for retrainings no person asked for,"
              + " as its registrant. Accepted once: 409 when the retraining is not waiting for a"
              + " result.")
  @ApiResponse(responseCode = "403", description = "Not a training pipeline (ci-pipelines)")
  @ApiResponse(responseCode = "202", description = "Result accepted")
  @ApiResponse(responseCode = "404", description = "Unknown retraining")
  @ApiResponse(responseCode = "409", description = "Not waiting for a pipeline result")
  @PostMapping("/api/retraining/{id}/result")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public RetrainingView report(
      @PathVariable UUID id, @Valid @RequestBody TrainingReport report, Principal principal) {
    return operations.report(id, report, principal.getName());
  }
}
