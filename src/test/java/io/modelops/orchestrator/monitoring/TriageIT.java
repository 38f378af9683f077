package io.modelops.orchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import java.util.ArrayList;
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

/**
 * "Triage model alert" offers only what can be done: a first production version has nothing to roll
 * back to, so its form does not offer a rollback, and a rollback submitted anyway is refused as a
 * form error (400), whatever variables come with it.
 */
@IntegrationTest
class TriageIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRIAGE_OPTIONS = "triageOptions";

  @LocalServerPort int port;
  @Autowired ManagementService managementService;

  private ModelReleases releases;

  @BeforeEach
  void setUp() {
    releases = new ModelReleases(port, managementService);
  }

  @Test
  void shouldOfferNoRollbackForAFirstProductionVersion() throws Exception {
    // given the first production version of a model, whose error rate breaches its limit
    String model = "triage-" + MODELS.incrementAndGet() + "-" + System.nanoTime();
    String task = triageTask(model);

    // when ml-ops opens the triage form
    Response variables =
        ApiClient.as(port, "oscar")
            .get("/engine-rest/task/" + task + "/form-variables?deserializeValues=false");

    // then its decision offers retraining and acceptance only, from the server's variable
    assertThat(variables.status()).as(variables.body()).isEqualTo(200);
    JsonNode options = variables.json().path(TRIAGE_OPTIONS);
    assertThat(options.path("type").asText()).isEqualTo("Json");
    List<String> values = new ArrayList<>();
    JsonNode value = options.path("value");
    (value.isTextual() ? JSON.readTree(value.asText()) : value)
        .forEach(o -> values.add(o.path("value").asText()));
    assertThat(values).containsExactly("RETRAIN", "ACCEPT");
    String form =
        new String(getClass().getResourceAsStream("/forms/triage-model-alert.form").readAllBytes());
    assertThat(form).contains("\"valuesKey\": \"" + TRIAGE_OPTIONS + "\"");
  }

  @Test
  void shouldRefuseARollbackWithoutAnEarlierVersionAsAFormError() {
    // given
    String model = "triage-" + MODELS.incrementAndGet() + "-" + System.nanoTime();
    String task = triageTask(model);

    // when ml-ops submits a rollback anyway
    Response refused =
        ApiClient.as(port, "oscar")
            .post(
                "/engine-rest/task/" + task + "/submit-form", Map.of("variables", decision(false)));

    // then it is refused as a form error with the reason, and nothing moved
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body())
        .contains("No earlier production version to roll back to")
        .doesNotContain("ENGINE-03051");

    // and claiming a previous version in the submitted variables does not help
    Response forged =
        ApiClient.as(port, "oscar")
            .post(
                "/engine-rest/task/" + task + "/submit-form", Map.of("variables", decision(true)));
    assertThat(forged.status()).as(forged.body()).isEqualTo(403);

    // nor in Tasklist
    ApiClient tasklist = ApiClient.tasklistSession(port, "oscar");
    Response inTasklist =
        tasklist.post(
            "/camunda/api/engine/engine/default/task/" + task + "/submit-form",
            Map.of("variables", decision(false)),
            Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN"))));
    assertThat(inTasklist.status()).as(inTasklist.body()).isEqualTo(400);
    assertThat(inTasklist.body())
        .contains("No earlier production version to roll back to")
        .doesNotContain("ENGINE-03051");
    assertThat(ApiClient.as(port, "oscar").get("/engine-rest/task/" + task).status())
        .isEqualTo(200);
    assertThat(releases.version(model, "1.0.0").path("status").asText()).isEqualTo("IN_PRODUCTION");
  }

  private static Map<String, Object> decision(boolean forgedPreviousVersion) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(ModelLifecycle.TRIAGE_DECISION.name(), Map.of("value", "ROLL_BACK"));
    variables.put(
        ModelLifecycle.TRIAGE_COMMENT.name(), Map.of("value", "Back to the previous one"));
    if (forgedPreviousVersion) {
      variables.put(
          ModelLifecycle.PREVIOUS_VERSION_EXISTS.name(), Map.of("value", true, "type", "Boolean"));
    }
    return variables;
  }

  /** The first production version of a model whose error rate breaches its limit: triage. */
  private String triageTask(String model) {
    releases.toProduction(model, ModelReleases.registration(model, "1.0.0"));
    releases.postMetrics(model, "1.0.0", 0.3, 120, 10);
    String instance = releases.version(model, "1.0.0").path("processInstanceId").asText();
    await()
        .atMost(ModelReleases.TIMEOUT)
        .until(
            () ->
                managementService
                        .createJobQuery()
                        .processInstanceId(instance)
                        .activityId("Event_MonitoringIntervalElapsed")
                        .count()
                    == 1);
    releases.makeDue(model, "1.0.0", "Event_MonitoringIntervalElapsed");
    ApiClient oscar = ApiClient.as(port, "oscar");
    return await()
        .atMost(ModelReleases.TIMEOUT)
        .until(
            () -> {
              JsonNode tasks =
                  oscar
                      .get(
                          "/engine-rest/task?maxResults=10&taskDefinitionKey="
                              + ModelLifecycle.TASK_TRIAGE_ALERT
                              + "&processInstanceId="
                              + instance)
                      .json();
              return tasks.isEmpty() ? null : tasks.get(0).path("id").asText();
            },
            Objects::nonNull);
  }
}
