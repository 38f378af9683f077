package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.monitoring.drift.DatasetDrift;
import io.modelops.orchestrator.monitoring.drift.DriftDetector;
import io.modelops.orchestrator.monitoring.drift.DriftMethod;
import io.modelops.orchestrator.monitoring.drift.DriftThresholds;
import io.modelops.orchestrator.monitoring.drift.FeatureData;
import io.modelops.orchestrator.monitoring.drift.FeatureDrift;
import io.modelops.orchestrator.web.html.Readable;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluates the health of a production version: drift of the newest feature window against the
 * reference profile, and the metric limits over the interval since the previous evaluation. Each
 * cause found keeps at most one alert open per version, so an action is taken once per alert, not
 * once per evaluation.
 */
@Service
class HealthEvaluator {

  public static final String DATASET_DRIFT = "DATASET_DRIFT";
  public static final String DRIFT_PREFIX = "DRIFT:";
  public static final String METRIC_PREFIX = "METRIC:";

  private final MonitoringRepository repository;
  private final MetricPointRepository metrics;
  private final MonitoringProperties properties;
  private final DriftDetector detector;
  private final AuditLog audit;
  private final MonitoringIdentities identities;

  public HealthEvaluator(
      MonitoringRepository repository,
      MetricPointRepository metrics,
      MonitoringProperties properties,
      AuditLog audit,
      MonitoringIdentities identities) {
    this.repository = repository;
    this.metrics = metrics;
    this.properties = properties;
    this.detector = new DriftDetector();
    this.audit = audit;
    this.identities = identities;
  }

  /**
   * Evaluates the version now and stores the evaluation, its drift results and the alerts.
   *
   * @param interval the monitoring interval: the metric window of a first evaluation
   */
  @Transactional
  public HealthReport evaluate(
      ModelVersion version, OffsetDateTime now, Duration interval, String processInstanceId) {
    // The earlier evaluations, newest first: the previous one bounds this interval, all of them
    // are the trend in the summary
    List<MonitoringRepository.Evaluation> trend =
        repository.evaluations(version.id(), Math.max(1, properties.trendLength()));
    Optional<MonitoringRepository.Evaluation> previous = trend.stream().findFirst();
    OffsetDateTime since =
        previous.map(MonitoringRepository.Evaluation::evaluatedAt).orElse(now.minus(interval));
    Optional<MonitoringProfile> profile = repository.profile(version.id());
    // Only evidence of monitoring identities counts, never the registrant's own
    Set<String> posters = identities.trustedPosters(version);

    // Drift of the newest window that arrived since the previous evaluation
    DatasetDrift drift = null;
    UUID windowId = null;
    if (profile.isPresent()) {
      Optional<MonitoringRepository.StoredWindow> window =
          repository.newestWindow(
              version.id(),
              previous.map(MonitoringRepository.Evaluation::evaluatedAt).orElse(null),
              posters);
      if (window.isPresent()) {
        windowId = window.get().id();
        drift = drift(profile.get(), window.get().features());
      }
    }

    // Metric limits over the interval
    Map<String, MonitoringProfile.MetricLimit> limits = new TreeMap<>(properties.metricLimits());
    profile.map(MonitoringProfile::metricLimits).ifPresent(limits::putAll);
    List<HealthReport.MetricBreach> breaches = new ArrayList<>();
    Set<String> evaluatedMetrics = new LinkedHashSet<>();
    limits.forEach(
        (name, limit) -> {
          MetricPointRepository.Stats stats =
              metrics.stats(version.id(), name, since, now, posters);
          if (stats.count() < properties.minSamples()) {
            return; // too few points: not evaluated, its alerts stay as they are
          }
          evaluatedMetrics.add(name);
          boolean low = limit.min() != null && stats.mean() < limit.min();
          boolean high = limit.max() != null && stats.mean() > limit.max();
          if (low || high) {
            breaches.add(
                new HealthReport.MetricBreach(
                    name, stats.mean(), stats.count(), limit.min(), limit.max()));
          }
        });

    // Causes, and alerts (one open alert per version and cause)
    Map<String, String> causes = new LinkedHashMap<>();
    if (drift != null) {
      if (drift.datasetDrift()) {
        causes.put(
            DATASET_DRIFT,
            drift.driftedFeatures() + " of " + drift.features().size() + " features drift");
      }
      for (FeatureDrift f : drift.features()) {
        if (f.drifted()) {
          causes.put(DRIFT_PREFIX + f.feature(), describe(f));
        }
      }
    }
    for (HealthReport.MetricBreach b : breaches) {
      causes.put(METRIC_PREFIX + b.metric(), b.describe());
    }
    boolean driftEvaluated = drift != null;
    List<String> newCauses = syncAlerts(version, causes, driftEvaluated, evaluatedMetrics, now);

    HealthStatus status =
        !breaches.isEmpty()
            ? HealthStatus.DEGRADED
            : !causes.isEmpty()
                ? HealthStatus.DRIFTING
                : driftEvaluated || !evaluatedMetrics.isEmpty()
                    ? HealthStatus.HEALTHY
                    : HealthStatus.NO_DATA;
    UUID evaluationId = UUID.randomUUID();
    String summary =
        summary(version, status, drift, breaches, causes, newCauses, trend, since, now);
    List<FeatureDrift> featureDrift = drift == null ? List.of() : drift.features();
    repository.insertEvaluation(
        new MonitoringRepository.Evaluation(
            evaluationId,
            version.id(),
            now,
            windowId,
            status,
            drift != null && drift.datasetDrift(),
            drift == null ? 0.0 : drift.driftShare(),
            drift == null ? 0 : drift.driftedFeatures(),
            featureDrift.stream()
                .filter(f -> f.method() != DriftMethod.KS && f.method() != DriftMethod.CHI_SQUARE)
                .mapToDouble(FeatureDrift::score)
                .boxed()
                .max(Double::compare)
                .orElse(null),
            breaches.stream()
                .map(HealthReport.MetricBreach::describe)
                .collect(Collectors.joining("\n")),
            String.join(",", causes.keySet()),
            String.join(",", newCauses),
            null),
        featureDrift);
    if (!newCauses.isEmpty()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("evaluationId", evaluationId.toString());
      details.put("status", status.name());
      details.put("newCauses", newCauses);
      details.put("causes", List.copyOf(causes.keySet()));
      audit.record(
          "MODEL_ALERT_OPENED",
          AuditLog.SYSTEM,
          version.modelName(),
          version.version(),
          processInstanceId,
          details);
    }
    return new HealthReport(
        evaluationId,
        status,
        drift,
        List.copyOf(breaches),
        List.copyOf(causes.keySet()),
        newCauses,
        summary);
  }

  /** Drift of a window against the reference, over the features the window holds. */
  public DatasetDrift drift(MonitoringProfile profile, Map<String, FeatureSpec> window) {
    Map<String, FeatureData> reference = new TreeMap<>();
    Map<String, FeatureData> current = new TreeMap<>();
    window.forEach(
        (feature, spec) -> {
          FeatureSpec ref = profile.reference().get(feature);
          if (ref == null) {
            throw new IllegalArgumentException(
                "Feature '" + feature + "' is not in the reference profile");
          }
          reference.put(feature, ref.toData());
          current.put(feature, spec.toData());
        });
    DriftThresholds thresholds = profile.thresholds();
    Map<String, DriftMethod> methods = new TreeMap<>(thresholds.methodPerFeature());
    methods.keySet().retainAll(window.keySet()); // a window may hold only some of the features
    return detector.detect(reference, current, thresholds.withMethodPerFeature(methods));
  }

  /** Ends the alerts of a version that left production. */
  @Transactional
  public void closeAlerts(UUID versionId, OffsetDateTime now) {
    for (MonitoringRepository.Alert alert : repository.activeAlerts(versionId, now)) {
      repository.closeAlert(alert.id(), AlertStatus.CLOSED, now);
    }
  }

  private List<String> syncAlerts(
      ModelVersion version,
      Map<String, String> causes,
      boolean driftEvaluated,
      Set<String> evaluatedMetrics,
      OffsetDateTime now) {
    repository.expireAcceptedAlerts(version.id(), now);
    Map<String, MonitoringRepository.Alert> active = new LinkedHashMap<>();
    for (MonitoringRepository.Alert alert : repository.activeAlerts(version.id(), now)) {
      active.put(alert.cause(), alert);
    }
    List<String> opened = new ArrayList<>();
    causes.forEach(
        (cause, detail) -> {
          MonitoringRepository.Alert alert = active.get(cause);
          if (alert != null) {
            repository.touchAlert(alert.id(), detail, now);
          } else {
            repository.openAlert(UUID.randomUUID(), version.id(), cause, detail, now);
            opened.add(cause);
          }
        });
    // A cause that was evaluated and is gone resolves its alert
    active.forEach(
        (cause, alert) -> {
          boolean evaluated =
              cause.startsWith(METRIC_PREFIX)
                  ? evaluatedMetrics.contains(cause.substring(METRIC_PREFIX.length()))
                  : driftEvaluated;
          if (evaluated && !causes.containsKey(cause) && alert.status() == AlertStatus.OPEN) {
            repository.closeAlert(alert.id(), AlertStatus.RESOLVED, now);
          }
        });
    return List.copyOf(opened);
  }

  static String describe(FeatureDrift f) {
    boolean pValue = f.method() == DriftMethod.KS || f.method() == DriftMethod.CHI_SQUARE;
    return Readable.drift(f.method().name(), f.score(), f.threshold(), pValue, f.drifted());
  }

  private static String summary(
      ModelVersion version,
      HealthStatus status,
      DatasetDrift drift,
      List<HealthReport.MetricBreach> breaches,
      Map<String, String> causes,
      List<String> newCauses,
      List<MonitoringRepository.Evaluation> trend,
      OffsetDateTime since,
      OffsetDateTime now) {
    StringBuilder s = new StringBuilder();
    s.append(version.modelName())
        .append(':')
        .append(version.version())
        .append(" is ")
        .append(status)
        .append(" (evaluated ")
        .append(Readable.time(now))
        .append(")\n");
    if (drift == null) {
      s.append("Drift: no new feature window since the previous evaluation\n");
    } else {
      s.append(
          String.format(
              Locale.ROOT,
              "Drift: %d of %d features drift (%.0f %%); dataset drift: %s%n",
              drift.driftedFeatures(),
              drift.features().size(),
              drift.driftShare() * 100,
              drift.datasetDrift() ? "yes" : "no"));
      for (FeatureDrift f : drift.features()) {
        s.append("- ").append(f.feature()).append(": ").append(describe(f)).append('\n');
      }
    }
    if (breaches.isEmpty()) {
      s.append("Metrics since ").append(Readable.time(since)).append(": within limits\n");
    } else {
      s.append("Metrics since ").append(Readable.time(since)).append(":\n");
      breaches.forEach(b -> s.append("- ").append(b.describe()).append('\n'));
    }
    if (!causes.isEmpty()) {
      s.append("New alerts: ")
          .append(newCauses.isEmpty() ? "none (already open)" : String.join(", ", newCauses))
          .append('\n');
    }
    if (!trend.isEmpty()) {
      s.append("Trend (drift share, newest first): ")
          .append(
              trend.stream()
                  .map(
                      e ->
                          String.format(
                              Locale.ROOT, "%.0f %% %s", e.driftShare() * 100, e.status()))
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    return s.toString();
  }
}
