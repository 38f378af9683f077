package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.monitoring.drift.DatasetDrift;
import io.modelops.orchestrator.monitoring.drift.FeatureDrift;
import io.modelops.orchestrator.web.ApiExceptionHandler.FieldProblem;
import io.modelops.orchestrator.web.ConflictException;
import io.modelops.orchestrator.web.InvalidRequestException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Feature windows of served traffic, and the health of a version as monitoring sees it. */
@Service
class MonitoringService {

  /** The drift of a window against the reference, as computed on ingestion. */
  public record WindowAccepted(
      String model, String version, UUID windowId, int features, DatasetDrift drift) {}

  /**
   * The latest health evaluation, its drift per feature, and the version's alerts; {@code status}
   * is the latest evaluation's, or {@code NO_DATA} before the first one.
   */
  public record HealthView(
      String model,
      String version,
      String stage,
      HealthStatus status,
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

  public MonitoringService(
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

  /**
   * Stores a feature window of a serving version posted by a monitoring identity, with its drift
   * against the reference profile; all or nothing.
   */
  @Transactional
  public WindowAccepted ingestWindow(
      String name, String version, FeatureWindowRequest window, String poster) {
    ModelVersion v = catalog.requireVersion(name, version);
    identities.requirePoster(poster, v);
    if (v.stage() != Stage.CANARY && v.stage() != Stage.PRODUCTION) {
      throw new ConflictException(
          name
              + ":"
              + version
              + " serves no traffic (stage "
              + v.stage()
              + "); feature windows"
              + " are accepted for canary and production versions");
    }
    MonitoringProfile profile =
        repository
            .profile(v.id())
            .orElseThrow(
                () ->
                    new ConflictException(
                        name
                            + ":"
                            + version
                            + " was registered without a monitoring reference"
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
                            + String.join(", ", new TreeSet<>(profile.reference().keySet()))));
              } else if (ref.categorical() != spec.categorical()) {
                problems.add(
                    new FieldProblem(
                        "features[" + feature + "]",
                        "is "
                            + (ref.categorical() ? "categorical" : "numeric")
                            + " in the reference profile"));
              }
            });
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    long values = window.features().values().stream().mapToLong(MonitoringService::values).sum();
    if (values > quota.limits().valuesPerWindow()) {
      throw InvalidRequestException.of(
          "features",
          "a window holds at most "
              + quota.limits().valuesPerWindow()
              + " values, bins and"
              + " categories over all its features; this one has "
              + values
              + ". Send a sample,"
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
        poster,
        new LinkedHashMap<>(window.features()));
    return new WindowAccepted(name, version, id, window.features().size(), drift);
  }

  /** The latest evaluations (newest first), the drift of the latest, and the alerts. */
  @Transactional(readOnly = true)
  public HealthView health(String name, String version) {
    ModelVersion v = catalog.requireVersion(name, version);
    List<MonitoringRepository.Evaluation> recent = repository.evaluations(v.id(), 20);
    MonitoringRepository.Evaluation latest = recent.isEmpty() ? null : recent.get(0);
    return new HealthView(
        name,
        version,
        v.stage().name(),
        latest == null ? HealthStatus.NO_DATA : latest.status(),
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
}
