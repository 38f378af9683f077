package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.monitoring.MonitoringService.HealthView;
import io.modelops.orchestrator.monitoring.MonitoringService.WindowAccepted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Feature windows from served traffic, and the health of a version as monitoring sees it. */
@RestController
@RequestMapping("/api/models")
@Tag(name = "Monitoring")
@SecurityRequirement(name = "basic")
class MonitoringController {

  private final MonitoringService monitoring;

  public MonitoringController(MonitoringService monitoring) {
    this.monitoring = monitoring;
  }

  @Operation(
      summary = "Ingest a feature window",
      description =
          "The distribution of each feature in served traffic (raw numeric values, pre-binned"
              + " counts with the reference's kind, or categorical value counts), for a version in"
              + " canary or production that was registered with a reference profile. Every feature"
              + " must be in the reference profile, with the same kind. The answer carries the"
              + " drift of the window against the reference; the next health evaluation acts on it."
              + " All or nothing: any invalid feature rejects the window with 400. A window holds at"
              + " most modelops.monitoring.quota.values-per-window values, bins and categories"
              + " (400 above); a version may send modelops.monitoring.quota.feature-windows-per-day"
              + " windows per UTC day (429 above). Only monitoring identities (group"
              + " model-monitors) may send windows, and never for a version they registered (403);"
              + " the health evaluation reads only windows of current monitoring identities.")
  @ApiResponse(responseCode = "202", description = "Stored, with the drift of the window")
  @ApiResponse(
      responseCode = "403",
      description = "Not a monitoring identity (model-monitors), or the version's registrant")
  @ApiResponse(
      responseCode = "409",
      description = "The version serves no traffic, or has no reference profile")
  @ApiResponse(responseCode = "429", description = "The version's windows of the day are used up")
  @PostMapping("/{name}/versions/{version}/feature-windows")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public WindowAccepted ingestWindow(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      @Valid @RequestBody FeatureWindowRequest window,
      Principal principal) {
    return monitoring.ingestWindow(name, version, window, principal.getName());
  }

  @Operation(
      summary = "Health of a version",
      description =
          "The latest health evaluation with the drift of each feature (method, score,"
              + " threshold), the recent evaluations (trend) and the version's alerts.")
  @GetMapping("/{name}/versions/{version}/health")
  public HealthView health(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version) {
    return monitoring.health(name, version);
  }
}
