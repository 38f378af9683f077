package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.catalog.Patterns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.time.OffsetDateTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rollback, emergency stop and stage history of models. */
@RestController
@RequestMapping("/api/models")
@Tag(name = "Release")
@SecurityRequirement(name = "basic")
class ReleaseController {

  private final ReleaseOperations operations;

  public ReleaseController(ReleaseOperations operations) {
    this.operations = operations;
  }

  @Operation(
      summary = "Roll back a model",
      description =
          "The version that served production before the current one gets all traffic again; the"
              + " current one is ROLLED_BACK. ml-ops only. 409 when there is nothing to roll back.")
  @ApiResponse(responseCode = "202", description = "Rolled back")
  @ApiResponse(responseCode = "403", description = "Not an operator (ml-ops, admin)")
  @ApiResponse(responseCode = "409", description = "Nothing to roll back")
  @PostMapping("/{name}/rollback")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public ReleaseOperations.Accepted rollback(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @Valid @RequestBody OperationRequest request,
      Principal principal) {
    return operations.rollback(name, principal.getName(), request.reason());
  }

  @Operation(
      summary = "Emergency stop of a version",
      description =
          "Takes the version out of traffic at once (a canary leaves production as it was)."
              + " ml-ops only. 409 when the version serves no traffic.")
  @ApiResponse(responseCode = "202", description = "Stopped")
  @ApiResponse(responseCode = "403", description = "Not an operator (ml-ops, admin)")
  @ApiResponse(responseCode = "409", description = "The version serves no traffic")
  @PostMapping("/{name}/versions/{version}/stop")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public ReleaseOperations.Accepted stop(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      @Valid @RequestBody OperationRequest request,
      Principal principal) {
    return operations.stop(name, version, principal.getName(), request.reason());
  }

  @Operation(
      summary = "Stage history",
      description =
          "Every deployment, promotion, rollback and stop of the model. With ?at=<ISO timestamp>:"
              + " which version served production (and which canary ran) at that moment.")
  @GetMapping("/{name}/stages")
  public StagesView stages(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime at) {
    return operations.stages(name, at);
  }
}
