package io.modelops.orchestrator.evaluation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Independent evaluations: read by everyone involved, results posted by evaluators only. */
@RestController
@RequestMapping("/api/evaluations/{id}")
@Tag(name = "Evaluation")
@SecurityRequirement(name = "basic")
class EvaluationController {

  private final Evaluations evaluations;

  EvaluationController(Evaluations evaluations) {
    this.evaluations = evaluations;
  }

  @Operation(
      summary = "An evaluation request and its results",
      description =
          "What an evaluation worker needs (the candidate and the champion with their artifact"
              + " URIs from the catalog, the dataset URI and SHA-256 as registered) and, once"
              + " posted, the computed metrics. The id is the external task's variable"
              + " evaluationRequestId.")
  @ApiResponse(responseCode = "200", description = "The evaluation")
  @ApiResponse(responseCode = "404", description = "No such evaluation")
  @GetMapping
  Evaluation get(@PathVariable UUID id) {
    return evaluations.get(id);
  }

  @Operation(
      summary = "Post the metrics an evaluator computed",
      description =
          "The candidate's and (when the request names one) the champion's metrics, computed on"
              + " the registered dataset, whose SHA-256 the evaluator confirms. Stored append-only"
              + " and recorded as MODEL_EVALUATED in the audit chain; then the orchestrator"
              + " completes the external task and validation goes on with these metrics."
              + " model-evaluators only, and never someone who registered a version scored.")
  @ApiResponse(responseCode = "200", description = "Stored; the evaluation is COMPLETED")
  @ApiResponse(
      responseCode = "400",
      description =
          "Malformed body, a version that is not the request's, a champion missing or not"
              + " expected, a dataset hash that is not the registered one, a number not finite")
  @ApiResponse(
      responseCode = "403",
      description = "Not in model-evaluators, registered a version scored, or a cross-site request")
  @ApiResponse(responseCode = "404", description = "No such evaluation")
  @ApiResponse(
      responseCode = "409",
      description = "Results already posted, the evaluation is not open, or not waiting yet")
  @ApiResponse(responseCode = "413", description = "Body too large")
  @PostMapping("/results")
  Evaluation postResults(
      @PathVariable UUID id,
      @Valid @RequestBody EvaluationResultsRequest results,
      Principal principal) {
    return evaluations.postResults(id, results, principal.getName());
  }
}
