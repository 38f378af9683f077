package io.modelops.orchestrator.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.security.Principal;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The model catalog: registration from CI and read access for everyone involved. */
@RestController
@RequestMapping("/api/models")
@Tag(name = "Catalog")
@SecurityRequirement(name = "basic")
class ModelCatalogController {

  private final RegistrationService registration;
  private final CatalogQueryService queries;

  public ModelCatalogController(RegistrationService registration, CatalogQueryService queries) {
    this.registration = registration;
    this.queries = queries;
  }

  @Operation(
      summary = "Register a model version",
      description =
          "Records the version in the catalog and starts its model-lifecycle process in one"
              + " transaction. Idempotent: the same body again answers 200 with the same version"
              + " and process instance; a different body for an existing version answers 409.")
  @ApiResponse(responseCode = "201", description = "Registered; lifecycle started")
  @ApiResponse(responseCode = "200", description = "Already registered with the same content")
  @ApiResponse(responseCode = "400", description = "Invalid request; every offending field named")
  @ApiResponse(
      responseCode = "403",
      description =
          "Not a registrant (ci-pipelines, data-scientists, admin), or a cross-site request")
  @ApiResponse(responseCode = "409", description = "Version exists with different content")
  @ApiResponse(
      responseCode = "503",
      description = "The engine refused to start the lifecycle (e.g. suspended); nothing recorded")
  @PostMapping("/{name}/versions")
  public ResponseEntity<ModelVersionView> register(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @Valid @RequestBody RegistrationRequest request,
      Principal principal) {
    RegistrationService.RegistrationResult result;
    try {
      result = registration.register(name, request, principal.getName());
    } catch (DuplicateKeyException concurrentRegistration) {
      // Another request registered the same model or version at the same moment; its
      // transaction won. Decide again against what it wrote.
      result = registration.register(name, request, principal.getName());
    }
    ModelVersionView view = queries.view(result.version());
    if (!result.created()) {
      return ResponseEntity.ok(view);
    }
    URI location = URI.create("/api/models/" + name + "/versions/" + request.version());
    return ResponseEntity.status(HttpStatus.CREATED).location(location).body(view);
  }

  @Operation(summary = "List models", description = "Models by name, with their latest version")
  @GetMapping
  public PageView<ModelSummary> models(
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return queries.models(page, size);
  }

  @Operation(summary = "A model and all its versions")
  @GetMapping("/{name}")
  public ModelView model(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name) {
    return queries.model(name);
  }

  @Operation(
      summary = "A model version",
      description = "Status, stage, registrant, lifecycle instance, validation results, approvals")
  @GetMapping("/{name}/versions/{version}")
  public ModelVersionView version(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version) {
    return queries.version(name, version);
  }
}
