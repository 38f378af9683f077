package io.modelops.orchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import io.modelops.orchestrator.support.MonitoringScenario;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Quotas of monitoring data per version (refused whole, nothing written) and the retention cleanup
 * (old rows removed, the rows the next evaluation or canary analysis reads kept).
 */
@IntegrationTest
class MonitoringLimitsIT {

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired CatalogRepository catalog;
  @Autowired JdbcClient jdbc;
  @Autowired MonitoringRepository monitoring;
  @Autowired MetricPointRepository metricPoints;
  @Autowired MonitoringRetention retention;
  @Autowired MonitoringProperties properties;

  @Test
  void shouldRefuseMetricPointsOverTheDailyQuotaAndStoreNoneOfThem() {
    String model = "quota-points-" + System.nanoTime() % 100_000;
    UUID version = canary(model, ModelReleases.registration(model, "1.0.0"));
    long max = properties.quota().metricPointsPerDay();
    // the day's quota used up but five points
    setQuota(version, max - 5, 0);
    String path = "/api/models/" + model + "/versions/1.0.0/metrics";
    ApiClient ci = ApiClient.as(port, MonitoringScenario.MONITOR);

    Response six = ci.post(path, Map.of("points", points(6)));
    long afterSix = count("metric_point", version);
    Response five = ci.post(path, Map.of("points", points(5)));
    Response one = ci.post(path, Map.of("points", points(1)));

    System.out.printf(
        "[quota] points: 6 over the rest of 5 -> %d, 5 -> %d, 1 more -> %d; stored %d%n",
        six.status(), five.status(), one.status(), count("metric_point", version));
    assertThat(six.status()).as(six.body()).isEqualTo(429);
    assertThat(six.header("Content-Type")).startsWith("application/problem+json");
    assertThat(six.header("Retry-After")).isNotBlank();
    assertThat(six.json().path("detail").asText()).contains("per day");
    assertThat(afterSix).isZero();
    assertThat(five.status()).as(five.body()).isEqualTo(202);
    assertThat(one.status()).isEqualTo(429);
    assertThat(count("metric_point", version)).isEqualTo(5);
    assertThat(quota(version, "metric_points")).isEqualTo(max);
  }

  @Test
  void shouldRefuseFeatureWindowsOverTheDailyQuotaOrTooLargeAndStoreNothing() {
    String model = "quota-windows-" + System.nanoTime() % 100_000;
    UUID version = canary(model, MonitoringScenario.withProfile(model, "1.0.0"));
    String path = "/api/models/" + model + "/versions/1.0.0/feature-windows";
    ApiClient ci = ApiClient.as(port, MonitoringScenario.MONITOR);
    int maxValues = properties.quota().valuesPerWindow();
    double[] large = new double[maxValues / 2 + 1];
    Arrays.fill(large, 1.5);

    Response tooLarge = ci.post(path, MonitoringScenario.window(large, large, Map.of("card", 1L)));
    setQuota(version, 0, properties.quota().featureWindowsPerDay() - 1);
    Response last =
        ci.post(
            path,
            MonitoringScenario.window(
                MonitoringScenario.AMOUNT, MonitoringScenario.AGE, Map.of("card", 7L)));
    Response overQuota =
        ci.post(
            path,
            MonitoringScenario.window(
                MonitoringScenario.AMOUNT, MonitoringScenario.AGE, Map.of("card", 7L)));

    System.out.printf(
        "[quota] windows: %d values -> %d; last of the day -> %d; one more -> %d; stored %d%n",
        large.length * 2 + 1,
        tooLarge.status(),
        last.status(),
        overQuota.status(),
        count("feature_window", version));
    assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(400);
    assertThat(tooLarge.body()).contains("at most " + maxValues);
    assertThat(last.status()).as(last.body()).isEqualTo(202);
    assertThat(overQuota.status()).as(overQuota.body()).isEqualTo(429);
    assertThat(overQuota.header("Content-Type")).startsWith("application/problem+json");
    assertThat(count("feature_window", version)).isEqualTo(1);
  }

  @Test
  void shouldRemoveOldMonitoringDataButKeepWhatEvaluationsAndCanariesNeed() {
    OffsetDateTime now = OffsetDateTime.now();
    // a serving version whose latest evaluation was 100 days ago (before the retention period)
    String model = "retention-" + System.nanoTime() % 100_000;
    UUID serving = canary(model, MonitoringScenario.withProfile(model, "1.0.0"));
    // a serving version without any evaluation: the first evaluation may read any of its points
    String fresh = "retention-fresh-" + System.nanoTime() % 100_000;
    UUID unevaluated = canary(fresh, ModelReleases.registration(fresh, "1.0.0"));
    // a version that serves no traffic (rejected: LOW risk without a description)
    String rejected = "retention-rejected-" + System.nanoTime() % 100_000;
    var body = ModelReleases.registration(rejected, "1.0.0");
    body.remove("description");
    new ModelReleases(port, managementService).register(rejected, body);
    UUID idle = catalog.findVersion(rejected, "1.0.0").orElseThrow().id();

    insertPoint(idle, now.minusDays(120));
    insertPoint(idle, now.minusDays(10));
    insertPoint(serving, now.minusDays(120)); // before the latest evaluation: removed
    insertPoint(serving, now.minusDays(95)); // after it: the next evaluation reads it
    insertPoint(unevaluated, now.minusDays(120));
    UUID referenced = window(serving, now.minusDays(200));
    UUID unreferenced = window(serving, now.minusDays(150));
    UUID pending = window(serving, now.minusDays(95)); // the next evaluation's window
    UUID idleWindow = window(idle, now.minusDays(120));
    monitoring.insertEvaluation(
        new MonitoringRepository.Evaluation(
            UUID.randomUUID(),
            serving,
            now.minusDays(100),
            referenced,
            HealthStatus.HEALTHY,
            false,
            0.0,
            0,
            null,
            "",
            "",
            "",
            "NONE"),
        List.of());

    MonitoringRetention.Result result = retention.removeOldData();

    System.out.printf(
        "[retention] removed %d metric points and %d feature windows%n",
        result.metricPoints(), result.featureWindows());
    assertThat(result.skipped()).isFalse();
    assertThat(observed(idle)).containsExactly(day(now.minusDays(10)));
    assertThat(observed(serving)).containsExactly(day(now.minusDays(95)));
    assertThat(observed(unevaluated)).containsExactly(day(now.minusDays(120)));
    assertThat(windows()).contains(referenced, pending).doesNotContain(unreferenced, idleWindow);
    assertThat(result.metricPoints()).isGreaterThanOrEqualTo(2);
    assertThat(result.featureWindows()).isGreaterThanOrEqualTo(2);
    assertThat(
            ApiClient.as(port, "oscar")
                .get("/actuator/prometheus", Map.of("Accept", "text/plain"))
                .body())
        .contains("modelops_monitoring_retention_removed_total{data=\"metric_points\"");
  }

  private UUID canary(String model, com.fasterxml.jackson.databind.node.ObjectNode registration) {
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.register(model, registration);
    releases.awaitStage(model, "1.0.0", "CANARY");
    return catalog.findVersion(model, "1.0.0").orElseThrow().id();
  }

  private static List<Map<String, Object>> points(int n) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      points.add(Map.of("name", "error_rate", "value", 0.01));
    }
    return points;
  }

  private void setQuota(UUID version, long points, int windows) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    jdbc.sql("DELETE FROM monitoring_quota WHERE model_version_id = ? AND quota_day = ?")
        .params(version, today)
        .update();
    jdbc.sql(
            "INSERT INTO monitoring_quota (model_version_id, quota_day, metric_points, feature_windows) VALUES (?, ?, ?, ?)")
        .params(version, today, points, windows)
        .update();
  }

  private long quota(UUID version, String column) {
    return jdbc.sql(
            "SELECT "
                + column
                + " FROM monitoring_quota WHERE model_version_id = ? AND quota_day = ?")
        .params(version, LocalDate.now(ZoneOffset.UTC))
        .query(Long.class)
        .single();
  }

  private long count(String table, UUID version) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE model_version_id = ?")
        .param(version)
        .query(Long.class)
        .single();
  }

  private void insertPoint(UUID version, OffsetDateTime observedAt) {
    metricPoints.insert(
        version,
        List.of(new MetricPoint("error_rate", 0.01, observedAt, null)),
        observedAt,
        MonitoringScenario.MONITOR);
  }

  private UUID window(UUID version, OffsetDateTime receivedAt) {
    UUID id = UUID.randomUUID();
    monitoring.insertWindow(
        id,
        version,
        receivedAt,
        receivedAt,
        MonitoringScenario.MONITOR,
        Map.of("amount", new FeatureSpec.Numeric(new double[] {1, 2, 3})));
    return id;
  }

  private List<LocalDate> observed(UUID version) {
    return jdbc.sql(
            "SELECT observed_at FROM metric_point WHERE model_version_id = ? ORDER BY observed_at")
        .param(version)
        .query((rs, i) -> day(rs.getObject(1, OffsetDateTime.class)))
        .list();
  }

  private List<UUID> windows() {
    return jdbc.sql("SELECT id FROM feature_window").query(UUID.class).list();
  }

  private static LocalDate day(OffsetDateTime t) {
    return t.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
  }
}
