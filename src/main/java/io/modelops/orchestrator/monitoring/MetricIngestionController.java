package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.monitoring.MetricIngestionService.MetricsAccepted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Metric points from serving systems, for canary analysis and monitoring. */
@RestController
@RequestMapping("/api/models")
@Tag(name = "Monitoring")
@SecurityRequirement(name = "basic")
class MetricIngestionController {

  private final MetricIngestionService metrics;

  public MetricIngestionController(MetricIngestionService metrics) {
    this.metrics = metrics;
  }

  @Operation(
      operationId = "ingestMetrics",
      summary = "Ingest metric points",
      description =
          "Batched points (name, finite value, optional timestamp and segment) of a version that"
              + " serves traffic (canary or production). All or nothing: any invalid point rejects"
              + " the batch with 400, e.g. a value outside its metric's range"
              + " (modelops.monitoring.metric-ranges: rates in [0, 1], latencies and counts >= 0)."
              + " Only monitoring identities (group model-monitors) may post, and never for a"
              + " version they registered (403); the poster is stored with the points, and only"
              + " points of current monitoring identities count. Canary analysis uses error_rate,"
              + " latency_p95_ms and the quality metric. A version may send modelops.monitoring.quota.metric-points-per-day"
              + " points per UTC day; a batch over it is refused whole with 429.")
  @ApiResponse(responseCode = "202", description = "Stored, all of the batch")
  @ApiResponse(
      responseCode = "403",
      description = "Not a monitoring identity (model-monitors), or the version's registrant")
  @ApiResponse(responseCode = "409", description = "The version serves no traffic")
  @ApiResponse(responseCode = "429", description = "The version's points of the day are used up")
  @PostMapping("/{name}/versions/{version}/metrics")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public MetricsAccepted ingest(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      @RequestBody MetricBatch batch,
      Principal principal) {
    return metrics.ingest(name, version, batch, principal.getName());
  }
}
