package io.modelops.orchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.monitoring.drift.DriftStatistics;
import io.modelops.orchestrator.process.ModelRetraining;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import io.modelops.orchestrator.support.MonitoringScenario;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Production monitoring end to end on real PostgreSQL: a version registered with a reference
 * profile reaches production, serving posts feature windows and metrics, the monitoring timer
 * fires, "Evaluate model health" stores the drift per feature, and the health policy acts.
 */
@IntegrationTest
class MonitoringIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired JdbcClient jdbc;
  @Autowired OperatorMetrics operatorMetrics;

  private ModelReleases releases;
  private MonitoringScenario scenario;

  @BeforeEach
  void setUp() {
    releases = new ModelReleases(port, managementService);
    scenario = new MonitoringScenario(port, managementService, releases);
  }

  @Test
  void shouldFlagTheDriftedFeaturesAndRequestRetrainingOnceForADatasetDrift() {
    // given a LOW-risk version in production with a reference profile
    String model = newModel();
    releases.toProduction(model, MonitoringScenario.withProfile(model, "1.0.0"));

    // when serving reports a window in which amount and age shifted by one standard deviation
    double[] amount = MonitoringScenario.normal(11, 400, 115, 15);
    double[] age = MonitoringScenario.normal(12, 400, 50, 10);
    Response window =
        scenario.postWindow(
            model, "1.0.0", amount, age, Map.of("card", 280L, "transfer", 100L, "cash", 20L));
    assertThat(window.status()).as(window.body()).isEqualTo(202);
    assertThat(window.json().path("drift").path("datasetDrift").asBoolean()).isTrue();

    // and the monitoring interval elapses
    JsonNode health = scenario.evaluate(model, "1.0.0", 1);

    // then the drifted features are flagged with their scores
    JsonNode latest = health.path("latest");
    assertThat(latest.path("status").asText()).isEqualTo("DRIFTING");
    assertThat(latest.path("datasetDrift").asBoolean()).isTrue();
    assertThat(latest.path("driftedFeatures").asInt()).isEqualTo(2);
    assertThat(latest.path("action").asText()).isEqualTo("retrain");
    Map<String, JsonNode> drift = byFeature(health.path("drift"));
    assertThat(drift.keySet()).containsExactly("age", "amount", "channel");
    assertThat(drift.get("amount").path("method").asText()).isEqualTo("KS");
    assertThat(drift.get("amount").path("drifted").asBoolean()).isTrue();
    assertThat(drift.get("amount").path("score").asDouble())
        // the statistic of exactly the reference and the posted window (its values are checked
        // against SciPy in DriftStatisticsTest)
        .isCloseTo(
            DriftStatistics.kolmogorovSmirnov(MonitoringScenario.AMOUNT, amount).pValue(),
            org.assertj.core.data.Offset.offset(1e-12))
        .isLessThan(0.05);
    assertThat(drift.get("age").path("drifted").asBoolean()).isTrue();
    assertThat(drift.get("channel").path("method").asText()).isEqualTo("CHI_SQUARE");
    assertThat(drift.get("channel").path("drifted").asBoolean()).isFalse();
    assertThat(drift.get("channel").path("score").asDouble()).isGreaterThan(0.05);
    assertThat(health.path("alerts").findValuesAsText("cause"))
        .containsExactlyInAnyOrder("DATASET_DRIFT", "DRIFT:age", "DRIFT:amount");

    // and one retraining is requested, with the owner and operations told why
    await().atMost(ModelReleases.TIMEOUT).until(() -> retrainings(model), n -> n == 1);
    MimeMessage mail =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(
                () -> MonitoringScenario.mail(model + ":1.0.0 needs retraining"), Objects::nonNull);
    assertThat(MonitoringScenario.body(mail)).contains("DRIFTING", "amount: KS");

    // when the drift persists in the next window and interval
    scenario.postWindow(
        model,
        "1.0.0",
        MonitoringScenario.normal(13, 400, 116, 15),
        MonitoringScenario.normal(14, 400, 51, 10),
        Map.of("card", 70L, "transfer", 25L, "cash", 5L));
    JsonNode again = scenario.evaluate(model, "1.0.0", 2);

    // then the alert is still open: no second retraining
    assertThat(again.path("latest").path("action").asText()).isEqualTo("none");
    assertThat(again.path("latest").path("newCauses").asText()).isEmpty();
    assertThat(retrainings(model)).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_event WHERE model = ? AND action = 'RETRAINING_REQUESTED'")
                .param(model)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void shouldNotifyOwnerAndOperationsWhenOneFeatureDrifts() throws Exception {
    // given
    String model = newModel();
    releases.toProduction(model, MonitoringScenario.withProfile(model, "1.0.0"));

    // when only amount shifts
    scenario.postWindow(
        model,
        "1.0.0",
        MonitoringScenario.normal(21, 400, 118, 15),
        MonitoringScenario.normal(22, 400, 40, 10),
        Map.of("card", 280L, "transfer", 100L, "cash", 20L));
    JsonNode health = scenario.evaluate(model, "1.0.0", 1);

    // then
    assertThat(health.path("latest").path("action").asText()).isEqualTo("notify");
    assertThat(health.path("latest").path("datasetDrift").asBoolean()).isFalse();
    MimeMessage mail =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(() -> MonitoringScenario.mail(model + ":1.0.0 health alert"), Objects::nonNull);
    assertThat(MonitoringScenario.body(mail))
        .contains("amount: KS", "DRIFT", "1 of 3 features drift");
    assertThat((String) mail.getContent())
        // drift, times and numbers read as true statements, not as raw values
        .containsPattern("- amount: KS p-value [0-9.]+ < 0\\.05, drift\\R")
        .containsPattern("- age: KS p-value [0-9.]+ ≥ 0\\.05, no drift\\R")
        .containsPattern("\\(evaluated \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\)")
        .doesNotContain(">= ", "  ok")
        .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}");
    assertThat(health.path("alerts").findValues("detail").stream().map(JsonNode::asText).toList())
        .anySatisfy(detail -> assertThat(detail).matches("KS p-value [0-9.]+ < 0\\.05, drift"));
    assertThat(MonitoringScenario.recipients(mail))
        .contains("fraud-analytics@example.com", "oscar@example.com");
    assertThat(retrainings(model)).isZero();

    // and the inventory dashboard shows the version's health and its alert
    String dashboard = ApiClient.as(port, "rita").get("/dashboard?stage=PRODUCTION").body();
    assertThat(dashboard)
        .contains("<td>" + model + "</td>", "health-drifting\">DRIFTING<", "Recent alerts");
    assertThat(dashboard.substring(dashboard.indexOf("id=\"alerts\"")))
        .contains("<td>" + model + "</td>", "<td>DRIFT:amount</td>", "<td>OPEN</td>");
  }

  @Test
  void shouldRollBackToThePreviousVersionWhenTheErrorRateBreachesItsLimit() {
    // given 1.0.0 replaced by 1.1.0 in production
    String model = newModel();
    releases.toProduction(model, MonitoringScenario.withProfile(model, "1.0.0"));
    releases.toProduction(model, MonitoringScenario.withProfile(model, "1.1.0"));
    releases.awaitStatus(model, "1.0.0", "RETIRED");

    // when 1.1.0 serves with a 20 % error rate
    releases.postMetrics(model, "1.1.0", 0.20, 130, 10);
    JsonNode health = scenario.evaluateAndEnd(model, "1.1.0");

    // then
    assertThat(health.path("latest").path("status").asText()).isEqualTo("DEGRADED");
    assertThat(health.path("latest").path("action").asText()).isEqualTo("rollback");
    assertThat(health.path("latest").path("metricBreaches").asText())
        .contains("error_rate mean", "> max 0.05");
    JsonNode rolledBack = releases.awaitStatus(model, "1.1.0", "ROLLED_BACK");
    assertThat(rolledBack.path("statusReason").asText())
        .contains("Rolled back to 1.0.0 by system", "health policy");
    releases.awaitStatus(model, "1.0.0", "IN_PRODUCTION");
    assertThat(health.path("alerts").findValuesAsText("cause")).contains("METRIC:error_rate");
    await()
        .atMost(ModelReleases.TIMEOUT)
        .until(
            () -> scenario.health(model, "1.1.0").path("alerts").findValuesAsText("status"),
            statuses -> statuses.stream().allMatch("CLOSED"::equals));

    // and the governance report carries the evaluation and its alert
    JsonNode monitoring =
        ApiClient.as(port, "rita")
            .get("/api/models/" + model + "/versions/1.1.0/report")
            .json()
            .path("monitoring");
    assertThat(monitoring.path("referenceProfile").asBoolean()).isTrue();
    assertThat(monitoring.path("evaluations").asInt()).isEqualTo(1);
    assertThat(monitoring.path("latestHealth").path("status").asText()).isEqualTo("DEGRADED");
    assertThat(monitoring.path("alerts").findValuesAsText("cause"))
        .containsExactly("METRIC:error_rate");
    assertThat(monitoring.path("drift")).isEmpty(); // no feature window was posted
  }

  @Test
  void shouldRejectBadWindowsWholeAndWindowsOfVersionsThatServeNothing() {
    String model = newModel();
    ObjectNode body = MonitoringScenario.withProfile(model, "1.0.0");
    releases.register(model, body);
    releases.awaitStage(model, "1.0.0", "CANARY");
    ApiClient ci = ApiClient.as(port, MonitoringScenario.MONITOR);
    String path = "/api/models/" + model + "/versions/1.0.0/feature-windows";

    // invalid values, unknown features, wrong kinds: 400, nothing stored
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put(
        "{\"features\":{\"amount\":{\"type\":\"numeric\",\"values\":[1.0, 1e400]}}}",
        "features[amount].values");
    bad.put(
        "{\"features\":{\"amount\":{\"type\":\"numeric\",\"values\":[]}}}",
        "features[amount].values");
    bad.put(
        "{\"features\":{\"salary\":{\"type\":\"numeric\",\"values\":[1.0]}}}", "features[salary]");
    bad.put(
        "{\"features\":{\"channel\":{\"type\":\"numeric\",\"values\":[1.0]}}}",
        "features[channel]");
    bad.put(
        "{\"features\":{\"amount\":{\"type\":\"binned\",\"edges\":[0, 10, 5],\"counts\":[1, 2]}}}",
        "features[amount].consistent");
    bad.put("{\"features\":{\"amount\":{\"values\":[1.0]}}}", null);
    bad.put("{\"features\":{}}", "features");
    bad.forEach(
        (json, field) -> {
          Response response = ci.post(path, json);
          assertThat(response.status()).as(json + " -> " + response.body()).isEqualTo(400);
          assertThat(response.header("Content-Type")).startsWith("application/problem+json");
          if (field != null) {
            assertThat(response.json().path("errors").findValuesAsText("field"))
                .as(json)
                .contains(field);
          }
        });
    assertThat(windows(model)).isZero();

    // a data scientist or validator may not post windows
    assertThat(
            ApiClient.as(port, "victor")
                .post(
                    path,
                    MonitoringScenario.window(
                        MonitoringScenario.AMOUNT, MonitoringScenario.AGE, Map.of("card", 1L)))
                .status())
        .isEqualTo(403);

    // a canary version may
    assertThat(
            ci.post(
                    path,
                    MonitoringScenario.window(
                        MonitoringScenario.AMOUNT,
                        MonitoringScenario.AGE,
                        Map.of("card", 7L, "cash", 1L)))
                .status())
        .isEqualTo(202);
    assertThat(windows(model)).isEqualTo(1);

    // a version without reference profile: 409
    String plain = newModel();
    releases.register(plain, ModelReleases.registration(plain, "1.0.0"));
    releases.awaitStage(plain, "1.0.0", "CANARY");
    Response noProfile =
        ci.post(
            "/api/models/" + plain + "/versions/1.0.0/feature-windows",
            MonitoringScenario.window(
                MonitoringScenario.AMOUNT, MonitoringScenario.AGE, Map.of("card", 1L)));
    assertThat(noProfile.status()).isEqualTo(409);
    assertThat(noProfile.json().path("detail").asText())
        .contains("without a monitoring reference profile");
  }

  @Test
  void shouldRefuseMetricsAndWindowsForARetiredVersion() {
    // given
    String model = newModel();
    releases.toProduction(model, MonitoringScenario.withProfile(model, "1.0.0"));
    releases.toProduction(model, MonitoringScenario.withProfile(model, "2.0.0"));
    releases.awaitStatus(model, "1.0.0", "RETIRED");
    ApiClient ci = ApiClient.as(port, MonitoringScenario.MONITOR);

    // when / then
    Response metrics =
        ci.post(
            "/api/models/" + model + "/versions/1.0.0/metrics",
            Map.of("points", List.of(Map.of("name", "error_rate", "value", 0.01))));
    assertThat(metrics.status()).isEqualTo(409);
    assertThat(metrics.json().path("detail").asText()).contains("RETIRED");
    Response window =
        ci.post(
            "/api/models/" + model + "/versions/1.0.0/feature-windows",
            MonitoringScenario.window(
                MonitoringScenario.AMOUNT, MonitoringScenario.AGE, Map.of("card", 1L)));
    assertThat(window.status()).isEqualTo(409);
  }

  @Test
  void shouldExportTheHealthOfProductionVersionsForPrometheus() {
    // given a production version whose features drift
    String model = newModel();
    releases.toProduction(model, MonitoringScenario.withProfile(model, "1.0.0"));
    scenario.postWindow(
        model,
        "1.0.0",
        MonitoringScenario.normal(31, 400, 118, 15),
        MonitoringScenario.normal(32, 400, 52, 10),
        Map.of("card", 280L, "transfer", 100L, "cash", 20L));
    scenario.evaluate(model, "1.0.0", 1);

    // when the gauges are read (as the schedule does) and scraped
    operatorMetrics.refresh();
    Response scrape =
        ApiClient.as(port, "oscar").get("/actuator/prometheus", Map.of("Accept", "text/plain"));

    // then
    assertThat(scrape.status()).isEqualTo(200);
    String labels = "model=\"" + model + "\",version=\"1.0.0\"";
    assertThat(scrape.body())
        .contains(
            "modelops_model_health{model=\""
                + model
                + "\",status=\"DRIFTING\",version=\"1.0.0\"} 1.0")
        .contains(
            "modelops_model_health{model=\""
                + model
                + "\",status=\"HEALTHY\",version=\"1.0.0\"} 0.0")
        .contains("modelops_model_drift_features{" + labels + "} 2.0")
        .contains("modelops_model_alerts_active{" + labels + "} 3.0")
        .contains("modelops_model_versions{stage=\"PRODUCTION\"}")
        .contains("modelops_incidents_open ");
    assertThat(
            ApiClient.as(port, "dana")
                .get("/actuator/prometheus", Map.of("Accept", "text/plain"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void shouldAnswerNoDataAndExportGaugesForAProductionVersionNotYetEvaluated() {
    // given a version that has just reached production: no evaluation yet
    String model = newModel();
    releases.toProduction(model, MonitoringScenario.withProfile(model, "1.0.0"));

    // when its health is read
    JsonNode health = scenario.health(model, "1.0.0");

    // then it says so, instead of an empty health
    assertThat(health.path("status").asText()).isEqualTo("NO_DATA");
    assertThat(health.path("latest").isNull() || health.path("latest").isMissingNode()).isTrue();

    // and the gauges have its series, and the overdue reviews are there when there are none
    operatorMetrics.refresh();
    String scrape =
        ApiClient.as(port, "oscar")
            .get("/actuator/prometheus", Map.of("Accept", "text/plain"))
            .body();
    assertThat(scrape)
        .contains(
            "modelops_model_health{model=\""
                + model
                + "\",status=\"NO_DATA\",version=\"1.0.0\"} 1.0")
        .contains(
            "modelops_model_health{model=\""
                + model
                + "\",status=\"HEALTHY\",version=\"1.0.0\"} 0.0")
        .contains("modelops_model_drift_features{model=\"" + model + "\",version=\"1.0.0\"} 0.0")
        .contains("modelops_reviews_overdue{group=\"model-validators\"}")
        .contains("modelops_reviews_overdue{group=\"model-risk\"}")
        .contains("modelops_reviews_overdue{group=\"ml-ops\"}");
  }

  // helpers

  private long retrainings(String model) {
    long requests =
        jdbc.sql(
                "SELECT COUNT(*) FROM retraining_request r JOIN model m ON m.id = r.model_id WHERE m.name = ?")
            .param(model)
            .query(Long.class)
            .single();
    JsonNode instances =
        ApiClient.as(port, "admin")
            .get(
                "/engine-rest/history/process-instance?maxResults=100&processDefinitionKey="
                    + ModelRetraining.KEY
                    + "&processInstanceBusinessKey="
                    + model)
            .json();
    assertThat(instances.size()).as("model-retraining instances").isEqualTo((int) requests);
    return requests;
  }

  private long windows(String model) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM feature_window w JOIN model_version v ON v.id = w.model_version_id"
                + " JOIN model m ON m.id = v.model_id WHERE m.name = ?")
        .param(model)
        .query(Long.class)
        .single();
  }

  private static Map<String, JsonNode> byFeature(JsonNode drift) {
    Map<String, JsonNode> map = new java.util.TreeMap<>();
    drift.forEach(f -> map.put(f.path("feature").asText(), f));
    return map;
  }

  private static String newModel() {
    return "monitored-model-" + MODELS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }
}
