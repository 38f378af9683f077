package io.modelops.orchestrator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;

/**
 * Drives LOW-risk versions (approved by policy, no release approval) through the running
 * application: registration, canary with healthy metrics, production.
 */
public final class ModelReleases {

  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final int port;
  private final ManagementService managementService;

  public ModelReleases(int port, ManagementService managementService) {
    this.port = port;
    this.managementService = managementService;
  }

  /** A LOW-risk registration: approved by policy, canary 20 % for 30 minutes. */
  public static ObjectNode registration(String model, String version) {
    return Registrations.example(version, "LOW")
        .put("artifactUri", "s3://models/" + model + "/" + version + "/model.pkl");
  }

  /** The canary window's timer of version 1.0.0 of the model, once the version is in its canary. */
  public org.camunda.bpm.engine.runtime.Job canaryTimer(String model) {
    String instance = version(model, "1.0.0").path("processInstanceId").asText();
    return org.awaitility.Awaitility.await()
        .atMost(TIMEOUT)
        .until(
            () ->
                managementService
                    .createJobQuery()
                    .processInstanceId(instance)
                    .activityId(ModelLifecycle.TIMER_CANARY_WINDOW)
                    .singleResult(),
            java.util.Objects::nonNull);
  }

  public void register(String model, ObjectNode body) {
    ApiClient.Response response =
        ApiClient.as(port, "ci-bot").post("/api/models/" + model + "/versions", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }

  /** Registers the body and takes the version to production through a healthy canary. */
  public void toProduction(String model, ObjectNode body) {
    String version = body.path("version").asText();
    register(model, body);
    awaitStage(model, version, "CANARY");
    postMetrics(model, version, 0.01, 120, 6);
    makeDue(model, version, ModelLifecycle.TIMER_CANARY_WINDOW);
    awaitStatus(model, version, "IN_PRODUCTION");
  }

  public void postMetrics(String model, String version, double errorRate, double latency, int n) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      points.add(Map.of("name", "error_rate", "value", errorRate));
      points.add(Map.of("name", "latency_p95_ms", "value", latency + i));
    }
    ApiClient.Response response =
        ApiClient.as(port, MonitoringScenario.MONITOR)
            .post(
                "/api/models/" + model + "/versions/" + version + "/metrics",
                Map.of("points", points));
    assertThat(response.status()).as(response.body()).isEqualTo(202);
  }

  /** Makes the job of {@code activityId} in the version's lifecycle due now. */
  public void makeDue(String model, String version, String activityId) {
    String instance = version(model, version).path("processInstanceId").asText();
    TestJobs.makeDue(managementService, instance, activityId);
  }

  public JsonNode awaitStatus(String model, String version, String status) {
    return await()
        .atMost(TIMEOUT)
        .until(() -> version(model, version), v -> v.path("status").asText().equals(status));
  }

  public JsonNode awaitStage(String model, String version, String stage) {
    return await()
        .atMost(TIMEOUT)
        .until(() -> version(model, version), v -> v.path("stage").asText().equals(stage));
  }

  public JsonNode version(String model, String version) {
    return ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/" + version).json();
  }
}
