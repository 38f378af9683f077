package io.modelops.orchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.deployment.CanaryAnalysis;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Health evidence that gates a canary or production comes from monitoring identities (group
 * model-monitors), never from the registrant of the version, and every value lies in its metric's
 * range. Issue bypass: "The identity that registered a version posted its canary metrics, including
 * error_rate = -1.7e308, which 'passed' and promoted the canary."
 */
@IntegrationTest
class HealthEvidenceIT {

  private static final String MONITOR = "monty";

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired JdbcClient jdbc;
  @Autowired CanaryAnalysis canaryAnalysis;
  @Autowired MetricPointRepository metricPoints;

  @Test
  void shouldRefuseTheRegistrantsSelfReportedCanaryMetricsAndNotPromote() {
    // given: ci-bot registered the version, which is in its canary
    String model = "self-reported-" + System.nanoTime() % 100_000;
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.register(model, ModelReleases.registration(model, "1.0.0"));
    releases.awaitStage(model, "1.0.0", "CANARY");

    // when: the registrant posts "perfect" canary metrics
    Response posted =
        ApiClient.as(port, "ci-bot")
            .post(metricsPath(model), Map.of("points", points(-1.7e308, 100, 6)));

    // then: refused, nothing stored; the window elapses without evidence, so the canary is not
    // promoted but goes to the operators' decision
    assertThat(posted.status()).as(posted.body()).isEqualTo(403);
    assertThat(posted.header("Content-Type")).startsWith("application/problem+json");
    assertThat(count(model)).isZero();
    releases.makeDue(model, "1.0.0", ModelLifecycle.TIMER_CANARY_WINDOW);
    String instance = releases.version(model, "1.0.0").path("processInstanceId").asText();
    await()
        .atMost(ModelReleases.TIMEOUT)
        .until(
            () ->
                taskService
                        .createTaskQuery()
                        .processInstanceId(instance)
                        .taskDefinitionKey(ModelLifecycle.TASK_DECIDE_CANARY)
                        .count()
                    == 1);
    assertThat(runtimeService.getVariable(instance, ModelLifecycle.CANARY_VERDICT.name()))
        .isEqualTo("INCONCLUSIVE");
    assertThat(releases.version(model, "1.0.0").path("stage").asText()).isEqualTo("CANARY");
  }

  @Test
  void shouldRefuseValuesOutsideTheirMetricsRangeNamingMetricValueAndRangeAndStoreNothing() {
    // given
    String model = "metric-range-" + System.nanoTime() % 100_000;
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.register(model, ModelReleases.registration(model, "1.0.0"));
    releases.awaitStage(model, "1.0.0", "CANARY");
    ApiClient monitor = ApiClient.as(port, MONITOR);

    // when
    List<Map<String, Object>> mixed = new ArrayList<>(points(0.01, 100, 3));
    mixed.add(Map.of("name", "error_rate", "value", -1.7e308));
    Response rate = monitor.post(metricsPath(model), Map.of("points", mixed));
    Response latency =
        monitor.post(
            metricsPath(model),
            Map.of("points", List.of(Map.of("name", "latency_p95_ms", "value", -5))));
    Response accuracy =
        monitor.post(
            metricsPath(model),
            Map.of("points", List.of(Map.of("name", "accuracy", "value", 1.5))));
    Response unknown =
        monitor.post(
            metricsPath(model),
            Map.of("points", List.of(Map.of("name", "my_custom_score", "value", -1e300))));
    Response inRange =
        monitor.post(
            metricsPath(model),
            Map.of(
                "points",
                List.of(
                    Map.of("name", "error_rate", "value", 0),
                    Map.of("name", "error_rate", "value", 1),
                    Map.of("name", "latency_p95_ms", "value", 0),
                    Map.of("name", "my_custom_score", "value", -3.5))));

    // then
    assertThat(rate.status()).as(rate.body()).isEqualTo(400);
    assertThat(rate.header("Content-Type")).startsWith("application/problem+json");
    JsonNode error = rate.json().path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo("points[6].value");
    assertThat(error.path("message").asText())
        .contains("error_rate")
        .contains("-1.7E308")
        .contains("[0.0, 1.0]");
    assertThat(latency.status()).isEqualTo(400);
    assertThat(latency.body()).contains("latency_p95_ms").contains("[0.0, +inf]");
    assertThat(accuracy.status()).isEqualTo(400);
    assertThat(accuracy.body()).contains("accuracy = 1.5");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("my_custom_score").contains("[-1.0E12, 1.0E12]");
    assertThat(inRange.status()).as(inRange.body()).isEqualTo(202);
    assertThat(count(model)).as("only the batch within range").isEqualTo(4);
  }

  @Test
  void shouldRefuseAMonitoringIdentityThatRegisteredTheVersion() {
    // given: an identity that both registers (ci-pipelines) and monitors
    String dual = "dual-" + System.nanoTime() % 100_000;
    User user = identityService.newUser(dual);
    user.setPassword(dual);
    user.setEmail(dual + "@example.com");
    identityService.saveUser(user);
    identityService.createMembership(dual, Groups.CI);
    identityService.createMembership(dual, Groups.MONITORS);
    try {
      String model = "dual-role-" + System.nanoTime() % 100_000;
      Response registered =
          ApiClient.as(port, dual)
              .post(
                  "/api/models/" + model + "/versions", ModelReleases.registration(model, "1.0.0"));
      assertThat(registered.status()).as(registered.body()).isEqualTo(201);
      ModelReleases releases = new ModelReleases(port, managementService);
      releases.awaitStage(model, "1.0.0", "CANARY");

      // when
      Response own =
          ApiClient.as(port, dual).post(metricsPath(model), Map.of("points", points(0.01, 100, 6)));
      Response ownWindow =
          ApiClient.as(port, dual)
              .post(
                  "/api/models/" + model + "/versions/1.0.0/feature-windows",
                  Map.of("features", Map.of("x", Map.of("type", "numeric", "values", List.of(1)))));
      Response independent =
          ApiClient.as(port, MONITOR)
              .post(metricsPath(model), Map.of("points", points(0.01, 100, 6)));

      // then
      assertThat(own.status()).as(own.body()).isEqualTo(403);
      assertThat(own.json().path("detail").asText()).contains("registered");
      assertThat(ownWindow.status()).as(ownWindow.body()).isEqualTo(403);
      assertThat(independent.status()).as(independent.body()).isEqualTo(202);
      assertThat(count(model)).isEqualTo(12);
    } finally {
      identityService.deleteUser(dual);
    }
  }

  @Test
  void shouldCountOnlyEvidenceOfCurrentMonitoringIdentitiesInTheCanaryAnalysis() {
    // given: a canary with healthy points stored under the registrant's name and under a
    // former monitoring identity's (as if posted before their membership ended)
    String model = "stored-evidence-" + System.nanoTime() % 100_000;
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.register(model, ModelReleases.registration(model, "1.0.0"));
    releases.awaitStage(model, "1.0.0", "CANARY");
    UUID version = UUID.fromString(releases.version(model, "1.0.0").path("id").asText());
    OffsetDateTime now = OffsetDateTime.now();
    List<MetricPoint> healthy = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      healthy.add(new MetricPoint("error_rate", 0.01, now.minusMinutes(1), null));
      healthy.add(new MetricPoint("latency_p95_ms", 100.0, now.minusMinutes(1), null));
    }
    metricPoints.insert(version, healthy, now, "ci-bot");
    metricPoints.insert(version, healthy, now, "former-monitor");

    // when
    CanaryAnalysis.Result untrusted = canaryAnalysis.analyze(version, null, now.minusHours(1), now);
    metricPoints.insert(version, healthy, now, MONITOR);
    CanaryAnalysis.Result trusted = canaryAnalysis.analyze(version, null, now.minusHours(1), now);

    // then
    assertThat(untrusted.verdict())
        .as(untrusted.report())
        .isEqualTo(CanaryAnalysis.Verdict.INCONCLUSIVE);
    assertThat(untrusted.report()).contains("error_rate: 0 sample(s)");
    assertThat(trusted.verdict()).as(trusted.report()).isEqualTo(CanaryAnalysis.Verdict.HEALTHY);
  }

  private static String metricsPath(String model) {
    return "/api/models/" + model + "/versions/1.0.0/metrics";
  }

  private static List<Map<String, Object>> points(double errorRate, double latency, int n) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      points.add(Map.of("name", "error_rate", "value", errorRate));
      points.add(Map.of("name", "latency_p95_ms", "value", latency + i));
    }
    return points;
  }

  private long count(String model) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM metric_point p JOIN model_version v ON v.id = p.model_version_id"
                + " JOIN model m ON m.id = v.model_id WHERE m.name = ?")
        .param(model)
        .query(Long.class)
        .single();
  }
}
