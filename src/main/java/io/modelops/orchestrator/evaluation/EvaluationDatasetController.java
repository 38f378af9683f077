package io.modelops.orchestrator.evaluation;

import io.modelops.orchestrator.catalog.Patterns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Governed evaluation datasets: registered by validators, read by everyone involved. */
@RestController
@RequestMapping("/api/models/{name}/evaluation-datasets")
@Tag(name = "Catalog")
@SecurityRequirement(name = "basic")
class EvaluationDatasetController {

  private final EvaluationDatasets datasets;

  EvaluationDatasetController(EvaluationDatasets datasets) {
    this.datasets = datasets;
  }

  @Operation(
      summary = "Register the model's evaluation dataset",
      description =
          "The holdout the model's versions are evaluated on, with the SHA-256 of its bytes. The"
              + " latest registered dataset is the current one; earlier ones stay on record."
              + " model-validators and model-risk only, and never someone who registered a"
              + " version of the model.")
  @ApiResponse(responseCode = "201", description = "Registered; now the current dataset")
  @ApiResponse(
      responseCode = "403",
      description =
          "Not in model-validators or model-risk, registered a version of the model, or a"
              + " cross-site request")
  @PostMapping
  ResponseEntity<EvaluationDataset> register(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @Valid @RequestBody EvaluationDatasetRequest request,
      Principal principal) {
    EvaluationDataset dataset = datasets.register(name, request, principal.getName());
    return ResponseEntity.created(URI.create("/api/models/" + name + "/evaluation-datasets"))
        .body(dataset);
  }

  @Operation(
      summary = "The model's evaluation datasets",
      description = "The current dataset first, then the ones it superseded")
  @GetMapping
  List<EvaluationDataset> history(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name) {
    return datasets.history(name);
  }
}
