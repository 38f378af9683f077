package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.monitoring.drift.DatasetDrift;
import io.modelops.orchestrator.monitoring.drift.FeatureDrift;
import io.modelops.orchestrator.web.ApiExceptionHandler.FieldProblem;
import io.modelops.orchestrator.web.ConflictException;
import io.modelops.orchestrator.web.InvalidRequestException;
import io.modelops.orchestrator.web.ResourceNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
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
@Tag(name = "Monitoring", description = "Metric and feature-distribution ingestion, model health")
@SecurityRequirement(name = "basic")
public class MonitoringController {

  /** The drift of a window against the reference, as computed on ingestion. */
  public record WindowAccepted(
      String model, String version, UUID windowId, int features, DatasetDrift drift) {}

  /** The latest health evaluation, its drift per feature, and the version's alerts. */
  public record HealthView(
      String model,
      String version,
      String stage,
      boolean referenceProfile,
      long featureWindows,
      MonitoringRepository.Evaluation latest,
      List<FeatureDrift> drift,
      List<MonitoringRepository.Evaluation> recent,
      List<MonitoringRepository.Alert> alerts) {}

  private final CatalogRepository catalog;
  private final MonitoringRepository repository;
  private final HealthEvaluator evaluator;
  private final MonitoringQuota quota;
  private final MonitoringIdentities identities;
  private final Clock clock;

  public MonitoringController(
      CatalogRepository catalog,
      MonitoringRepository repository,
      HealthEvaluator evaluator,
      MonitoringQuota quota,
      MonitoringIdentities identities,
      Clock clock) {
    this.catalog = catalog;
    this.repository = repository;
    this.evaluator = evaluator;
    this.quota = quota;
    this.identities = identities;
    this.clock = clock;
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
  @PostMapping("/{name}/versions/{version}/feature-windows")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Transactional
  public WindowAccepted ingestWindow(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      @Valid @RequestBody FeatureWindowRequest window,
      Principal principal) {
    ModelVersion v = version(name, version);
    identities.requirePoster(principal.getName(), v);
    if (v.stage() != Stage.CANARY && v.stage() != Stage.PRODUCTION) {
      throw new ConflictException(
          name + ":" + version + " serves no traffic (stage " + v.stage() + "); feature windows"
              + " are accepted for canary and production versions");
    }
    MonitoringProfile profile =
        repository
            .profile(v.id())
            .orElseThrow(
                () ->
                    new ConflictException(
                        name + ":" + version + " was registered without a monitoring reference"
                            + " profile (field 'monitoring'), so there is nothing to compare"
                            + " feature windows with; register a new version with one"));
    List<FieldProblem> problems = new ArrayList<>();
    window
        .features()
        .forEach(
            (feature, spec) -> {
              FeatureSpec ref = profile.reference().get(feature);
              if (ref == null) {
                problems.add(
                    new FieldProblem(
                        "features[" + feature + "]",
                        "not in the reference profile; known features: "
                            + String.join(", ", new java.util.TreeSet<>(profile.reference().keySet()))));
              } else if (ref.categorical() != spec.categorical()) {
                problems.add(
                    new FieldProblem(
                        "features[" + feature + "]",
                        "is " + (ref.categorical() ? "categorical" : "numeric")
                            + " in the reference profile"));
              }
            });
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    long values = window.features().values().stream().mapToLong(MonitoringController::values).sum();
    if (values > quota.limits().valuesPerWindow()) {
      throw InvalidRequestException.of(
          "features",
          "a window holds at most " + quota.limits().valuesPerWindow() + " values, bins and"
              + " categories over all its features; this one has " + values + ". Send a sample,"
              + " or binned counts");
    }
    DatasetDrift drift;
    try {
      drift = evaluator.drift(profile, window.features());
    } catch (IllegalArgumentException e) {
      throw InvalidRequestException.of("features", e.getMessage());
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    quota.countFeatureWindow(name + ":" + version, v.id(), now);
    UUID id = UUID.randomUUID();
    repository.insertWindow(
        id,
        v.id(),
        window.observedAt() == null ? now : window.observedAt(),
        now,
        principal.getName(),
        new LinkedHashMap<>(window.features()));
    return new WindowAccepted(name, version, id, window.features().size(), drift);
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
    ModelVersion v = version(name, version);
    List<MonitoringRepository.Evaluation> recent = repository.evaluations(v.id(), 20);
    MonitoringRepository.Evaluation latest = recent.isEmpty() ? null : recent.get(0);
    return new HealthView(
        name,
        version,
        v.stage().name(),
        repository.profile(v.id()).isPresent(),
        repository.countWindows(v.id()),
        latest,
        latest == null ? List.of() : repository.driftResults(latest.id()),
        recent,
        repository.alerts(v.id(), 50));
  }

  /** What a feature stores: its raw values, its bins and edges, or its categories. */
  private static long values(FeatureSpec spec) {
    if (spec instanceof FeatureSpec.Numeric numeric) {
      return numeric.values() == null ? 0 : numeric.values().length;
    }
    if (spec instanceof FeatureSpec.Binned binned) {
      return (binned.edges() == null ? 0 : binned.edges().length)
          + (binned.counts() == null ? 0 : binned.counts().length);
    }
    FeatureSpec.Categorical categorical = (FeatureSpec.Categorical) spec;
    return categorical.counts() == null ? 0 : categorical.counts().size();
  }

  private ModelVersion version(String name, String version) {
    return catalog
        .findVersion(name, version)
        .orElseThrow(
            () ->
                new ResourceNotFoundException(
                    "Version '" + version + "' of model '" + name + "' not found"));
  }
}
