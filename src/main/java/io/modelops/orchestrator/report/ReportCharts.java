package io.modelops.orchestrator.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.catalog.CatalogTime;
import io.modelops.orchestrator.deployment.DeploymentStage;
import io.modelops.orchestrator.deployment.StageEvent;
import io.modelops.orchestrator.monitoring.FeatureSpec;
import io.modelops.orchestrator.monitoring.MonitoringProfile;
import io.modelops.orchestrator.monitoring.MonitoringProperties;
import io.modelops.orchestrator.monitoring.MonitoringRepository;
import io.modelops.orchestrator.web.html.Readable;
import io.modelops.orchestrator.web.html.SvgChart;
import io.modelops.orchestrator.web.html.SvgChart.Bars;
import io.modelops.orchestrator.web.html.SvgChart.Chart;
import io.modelops.orchestrator.web.html.SvgChart.Line;
import io.modelops.orchestrator.web.html.SvgChart.Point;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The charts of a model report: per feature the drift score over time against its threshold and the
 * reference against the current distribution of the latest window; each metric against its limits;
 * and, for a version that went through a canary, each metric of the canary against the production
 * version during the canary.
 */
@Component
class ReportCharts {

  /** Most metric points per version a report draws (the newest). */
  static final int MAX_POINTS = 5000;

  /** Most bins or categories of a distribution chart. */
  static final int MAX_BINS = 12;

  private static final TypeReference<Map<String, FeatureSpec>> FEATURES = new TypeReference<>() {};

  /** A titled group of charts in the report. */
  record Group(String title, List<Chart> charts) {}

  record DriftPoint(OffsetDateTime at, String feature, double score, double threshold) {}

  record MetricValue(String version, String name, double value, OffsetDateTime at) {}

  private final JdbcClient jdbc;
  private final MonitoringRepository monitoring;
  private final MonitoringProperties properties;
  private final ObjectMapper json;

  ReportCharts(
      JdbcClient jdbc,
      MonitoringRepository monitoring,
      MonitoringProperties properties,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.monitoring = monitoring;
    this.properties = properties;
    this.json = json;
  }

  @Transactional(readOnly = true)
  public List<Group> of(ModelReport report) {
    UUID id = report.id();
    Optional<MonitoringProfile> profile = monitoring.profile(id);
    List<Group> groups = new ArrayList<>();
    groups.add(new Group("Drift over time", drift(driftHistory(id))));
    groups.add(new Group("Reference and current distributions", distributions(id, profile)));
    Map<String, MonitoringProfile.MetricLimit> limits =
        new TreeMap<>(properties.metricLimits() == null ? Map.of() : properties.metricLimits());
    profile.map(MonitoringProfile::metricLimits).ifPresent(limits::putAll);
    groups.add(new Group("Metrics against their limits", metrics(metricValues(id), limits)));
    groups.add(new Group("Canary against production", canary(report)));
    return groups;
  }

  /** Per feature: its drift score at each evaluation, and its threshold. */
  static List<Chart> drift(List<DriftPoint> points) {
    Map<String, List<DriftPoint>> byFeature = new TreeMap<>();
    points.forEach(p -> byFeature.computeIfAbsent(p.feature(), f -> new ArrayList<>()).add(p));
    if (byFeature.isEmpty()) {
      return List.of(
          SvgChart.none(
              "chart-drift",
              "Drift score over time",
              "No health evaluation with drift statistics yet."));
    }
    List<Chart> charts = new ArrayList<>();
    int n = 0;
    for (var e : byFeature.entrySet()) {
      List<DriftPoint> list = e.getValue();
      List<Point> scores =
          list.stream().map(p -> new Point(p.at().toEpochSecond(), p.score())).toList();
      double from = scores.get(0).x();
      double to = scores.get(scores.size() - 1).x();
      List<Line> lines = new ArrayList<>();
      lines.add(new Line("drift score", scores, false));
      lines.add(Line.limit("threshold", list.get(list.size() - 1).threshold(), from, to));
      charts.add(
          SvgChart.timeLines(
              "chart-drift-" + n++,
              "Drift of " + e.getKey(),
              "Score",
              lines,
              "No drift statistics for " + e.getKey() + "."));
    }
    return charts;
  }

  private List<Chart> distributions(UUID id, Optional<MonitoringProfile> profile) {
    Optional<Map<String, FeatureSpec>> window =
        jdbc.sql(
                "SELECT features_json FROM feature_window WHERE model_version_id = ?"
                    + " ORDER BY received_at DESC, observed_at DESC FETCH FIRST 1 ROWS ONLY")
            .param(id)
            .query(String.class)
            .optional()
            .map(this::features);
    if (profile.isEmpty() || window.isEmpty()) {
      return List.of(
          SvgChart.none(
              "chart-distribution",
              "Reference and current distribution",
              profile.isEmpty()
                  ? "No reference profile registered."
                  : "No feature window posted yet."));
    }
    return distributions(profile.get().reference(), window.get());
  }

  /** Per feature present in both: the share of observations per bin or category. */
  static List<Chart> distributions(
      Map<String, FeatureSpec> reference, Map<String, FeatureSpec> current) {
    List<Chart> charts = new ArrayList<>();
    int n = 0;
    for (var e : new TreeMap<>(reference).entrySet()) {
      FeatureSpec cur = current.get(e.getKey());
      if (cur == null) {
        continue;
      }
      Histogram h = histogram(e.getValue(), cur);
      charts.add(
          SvgChart.bars(
              "chart-distribution-" + n++,
              "Distribution of " + e.getKey(),
              e.getValue().categorical() ? "Category" : "Bin",
              "Share of observations (%)",
              h.labels(),
              List.of(new Bars("reference", h.reference()), new Bars("current", h.current())),
              "The distributions of " + e.getKey() + " cannot be compared."));
    }
    return charts;
  }

  record Histogram(List<String> labels, List<Double> reference, List<Double> current) {}

  static Histogram histogram(FeatureSpec reference, FeatureSpec current) {
    if (reference instanceof FeatureSpec.Categorical r
        && current instanceof FeatureSpec.Categorical c) {
      Map<String, Long> total = new LinkedHashMap<>();
      r.counts().forEach((k, v) -> total.merge(k, v, Long::sum));
      c.counts().forEach((k, v) -> total.merge(k, v, Long::sum));
      List<String> labels =
          total.entrySet().stream()
              .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
              .limit(MAX_BINS)
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      return new Histogram(
          labels, shares(labels, r.counts(), r.size()), shares(labels, c.counts(), c.size()));
    }
    double[] ref = values(reference);
    double[] cur = values(current);
    if (ref.length == 0 || cur.length == 0) {
      return new Histogram(List.of(), List.of(), List.of());
    }
    double min = Math.min(Arrays.stream(ref).min().orElse(0), Arrays.stream(cur).min().orElse(0));
    double max = Math.max(Arrays.stream(ref).max().orElse(0), Arrays.stream(cur).max().orElse(0));
    int bins = max > min ? 10 : 1;
    double width = max > min ? (max - min) / bins : 1;
    List<String> labels = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      labels.add(
          io.modelops.orchestrator.web.html.Readable.number(min + b * width)
              + "–"
              + io.modelops.orchestrator.web.html.Readable.number(min + (b + 1) * width));
    }
    return new Histogram(
        labels, binShares(ref, min, width, bins), binShares(cur, min, width, bins));
  }

  /** Raw values, or bin midpoints repeated by count (capped) for pre-binned features. */
  private static double[] values(FeatureSpec spec) {
    if (spec instanceof FeatureSpec.Numeric n) {
      return n.values();
    }
    if (spec instanceof FeatureSpec.Binned b) {
      long total = b.size();
      List<Double> mids = new ArrayList<>();
      for (int i = 0; i < b.counts().length; i++) {
        long repeat = total == 0 ? 0 : Math.max(0, Math.round(1000.0 * b.counts()[i] / total));
        double mid = (b.edges()[i] + b.edges()[i + 1]) / 2;
        for (long k = 0; k < repeat; k++) {
          mids.add(mid);
        }
      }
      return mids.stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new double[0];
  }

  private static List<Double> binShares(double[] values, double min, double width, int bins) {
    double[] counts = new double[bins];
    for (double v : values) {
      int b = (int) Math.min(bins - 1, Math.max(0, Math.floor((v - min) / width)));
      counts[b]++;
    }
    List<Double> shares = new ArrayList<>();
    for (double c : counts) {
      shares.add(100.0 * c / values.length);
    }
    return shares;
  }

  private static List<Double> shares(List<String> labels, Map<String, Long> counts, long size) {
    return labels.stream()
        .map(l -> size == 0 ? 0.0 : 100.0 * counts.getOrDefault(l, 0L) / size)
        .toList();
  }

  /** Per metric: its points over time, and its limits. */
  static List<Chart> metrics(
      List<MetricValue> values, Map<String, MonitoringProfile.MetricLimit> limits) {
    Map<String, List<MetricValue>> byName = new TreeMap<>();
    values.forEach(v -> byName.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v));
    if (byName.isEmpty()) {
      return List.of(
          SvgChart.none("chart-metric", "Metrics over time", "No metric points posted yet."));
    }
    List<Chart> charts = new ArrayList<>();
    int n = 0;
    for (var e : byName.entrySet()) {
      List<Point> points =
          e.getValue().stream().map(v -> new Point(v.at().toEpochSecond(), v.value())).toList();
      double from = points.get(0).x();
      double to = points.get(points.size() - 1).x();
      List<Line> lines = new ArrayList<>();
      lines.add(new Line(e.getKey(), points, false));
      MonitoringProfile.MetricLimit limit = limits.get(e.getKey());
      if (limit != null && limit.min() != null) {
        lines.add(Line.limit("min " + Readable.limit(limit.min()), limit.min(), from, to));
      }
      if (limit != null && limit.max() != null) {
        lines.add(Line.limit("max " + Readable.limit(limit.max()), limit.max(), from, to));
      }
      charts.add(
          SvgChart.timeLines(
              "chart-metric-" + n++,
              e.getKey() + " over time",
              e.getKey(),
              lines,
              "No points of " + e.getKey() + "."));
    }
    return charts;
  }

  /** Per metric, during the version's canary: the canary against the other versions serving. */
  private List<Chart> canary(ModelReport report) {
    Optional<OffsetDateTime[]> window = canaryWindow(report.stageHistory());
    if (window.isEmpty()) {
      return List.of(
          SvgChart.none(
              "chart-canary", "Canary against production", "This version had no canary."));
    }
    List<MetricValue> values =
        jdbc.sql(
                "SELECT v.version, p.name, p.metric_value, p.observed_at FROM metric_point p"
                    + " JOIN model_version v ON v.id = p.model_version_id"
                    + " WHERE v.model_id = (SELECT model_id FROM model_version WHERE id = ?)"
                    + " AND p.observed_at >= ? AND p.observed_at <= ?"
                    + " ORDER BY p.observed_at FETCH FIRST "
                    + MAX_POINTS
                    + " ROWS ONLY")
            .params(report.id(), window.get()[0], window.get()[1])
            .query(
                (rs, i) ->
                    new MetricValue(
                        rs.getString("version"),
                        rs.getString("name"),
                        rs.getDouble("metric_value"),
                        CatalogTime.read(rs, "observed_at")))
            .list();
    return canary(report.version(), values);
  }

  static List<Chart> canary(String canaryVersion, List<MetricValue> values) {
    Map<String, Map<String, List<Point>>> byMetric = new TreeMap<>();
    for (MetricValue v : values) {
      String series =
          v.version().equals(canaryVersion) ? "canary " + v.version() : "production " + v.version();
      byMetric
          .computeIfAbsent(v.name(), k -> new TreeMap<>())
          .computeIfAbsent(series, k -> new ArrayList<>())
          .add(new Point(v.at().toEpochSecond(), v.value()));
    }
    if (byMetric.isEmpty()) {
      return List.of(
          SvgChart.none(
              "chart-canary",
              "Canary against production",
              "No metric points were posted during the canary."));
    }
    List<Chart> charts = new ArrayList<>();
    int n = 0;
    for (var e : byMetric.entrySet()) {
      List<Line> lines =
          e.getValue().entrySet().stream()
              .sorted(Comparator.comparing(s -> s.getKey().startsWith("production") ? 1 : 0))
              .map(s -> new Line(s.getKey(), s.getValue(), false))
              .toList();
      charts.add(
          SvgChart.timeLines(
              "chart-canary-" + n++,
              e.getKey() + ": canary and production",
              e.getKey(),
              lines,
              "No points of " + e.getKey() + " during the canary."));
    }
    return charts;
  }

  /** From the first canary event to the next event of another stage (or now). */
  static Optional<OffsetDateTime[]> canaryWindow(List<StageEvent> history) {
    OffsetDateTime start = null;
    for (StageEvent e : history) {
      if (start == null && e.stage() == DeploymentStage.CANARY) {
        start = e.occurredAt();
      } else if (start != null && e.stage() != DeploymentStage.CANARY) {
        return Optional.of(new OffsetDateTime[] {start, e.occurredAt()});
      }
    }
    return start == null
        ? Optional.empty()
        : Optional.of(new OffsetDateTime[] {start, OffsetDateTime.now().plusYears(1)});
  }

  private List<DriftPoint> driftHistory(UUID id) {
    return jdbc.sql(
            "SELECT h.evaluated_at, d.feature, d.score, d.threshold FROM drift_result d"
                + " JOIN health_evaluation h ON h.id = d.evaluation_id"
                + " WHERE h.model_version_id = ? ORDER BY h.evaluated_at, d.feature"
                + " FETCH FIRST "
                + MAX_POINTS
                + " ROWS ONLY")
        .param(id)
        .query(
            (rs, i) ->
                new DriftPoint(
                    CatalogTime.read(rs, "evaluated_at"),
                    rs.getString("feature"),
                    rs.getDouble("score"),
                    rs.getDouble("threshold")))
        .list();
  }

  private List<MetricValue> metricValues(UUID id) {
    List<MetricValue> newest =
        new ArrayList<>(
            jdbc.sql(
                    "SELECT name, metric_value, observed_at FROM metric_point"
                        + " WHERE model_version_id = ? ORDER BY observed_at DESC, seq DESC"
                        + " FETCH FIRST "
                        + MAX_POINTS
                        + " ROWS ONLY")
                .param(id)
                .query(
                    (rs, i) ->
                        new MetricValue(
                            "",
                            rs.getString("name"),
                            rs.getDouble("metric_value"),
                            CatalogTime.read(rs, "observed_at")))
                .list());
    newest.sort(Comparator.comparing(MetricValue::at));
    return newest;
  }

  private Map<String, FeatureSpec> features(String text) {
    try {
      return json.readValue(text, FEATURES);
    } catch (Exception e) {
      return Map.of();
    }
  }

  static List<String> sorted(java.util.Collection<String> names) {
    return List.copyOf(new TreeSet<>(names));
  }
}
