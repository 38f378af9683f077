package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.web.ApiExceptionHandler;
import io.modelops.orchestrator.web.ConflictException;
import io.modelops.orchestrator.web.InvalidRequestException;
import io.modelops.orchestrator.web.ResourceNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Metric points from serving systems, for canary analysis and monitoring. */
@RestController
@RequestMapping("/api/models")
@Tag(name = "Monitoring", description = "Metric ingestion")
@SecurityRequirement(name = "basic")
public class MetricIngestionController {

  private final CatalogRepository catalog;
  private final MetricPointRepository points;
  private final MonitoringQuota quota;
  private final MonitoringIdentities identities;
  private final MetricRanges ranges;
  private final Clock clock;

  public MetricIngestionController(
      CatalogRepository catalog,
      MetricPointRepository points,
      MonitoringQuota quota,
      MonitoringIdentities identities,
      MetricRanges ranges,
      Clock clock) {
    this.catalog = catalog;
    this.points = points;
    this.quota = quota;
    this.identities = identities;
    this.ranges = ranges;
    this.clock = clock;
  }

  @Operation(
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
  @PostMapping("/{name}/versions/{version}/metrics")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Transactional
  public Map<String, Object> ingest(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      @RequestBody MetricBatch batch,
      Principal principal) {
    List<ApiExceptionHandler.FieldProblem> problems = batch.problems();
    if (problems.isEmpty()) {
      problems = ranges.problems(batch.points());
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    ModelVersion v =
        catalog
            .findVersion(name, version)
            .orElseThrow(
                () ->
                    new ResourceNotFoundException(
                        "Version '" + version + "' of model '" + name + "' not found"));
    identities.requirePoster(principal.getName(), v);
    if (v.stage() != Stage.CANARY && v.stage() != Stage.PRODUCTION) {
      throw new ConflictException(
          name + ":" + version + " serves no traffic (stage " + v.stage() + "); metrics are"
              + " accepted for canary and production versions");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    int n = batch.points().size();
    String label = name + ":" + version;
    // one statement before the insert: a used-up quota costs no insert, and the count is
    // atomic with it (a failed insert rolls the count back)
    quota.countMetricPoints(label, v.id(), n, now);
    points.insert(v.id(), batch.points(), now, principal.getName());
    return Map.of("model", name, "version", version, "accepted", batch.points().size());
  }
}
