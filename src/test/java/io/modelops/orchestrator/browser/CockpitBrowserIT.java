package io.modelops.orchestrator.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.TestJobs;
import io.modelops.orchestrator.support.TestWebhook;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Operations in Camunda Cockpit, in a real browser: the lifecycle's diagram and instances, the
 * incident of a deployment target that is down, and its retry from Cockpit once the target is back.
 */
@BrowserTest
@IntegrationTest
class CockpitBrowserIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String DEPLOY_TO_STAGING = "Deploy to staging";

  @Autowired ManagementService managementService;

  @LocalServerPort int port;

  @AfterEach
  void webhookIsUpAgain() {
    TestWebhook.answer(200);
  }

  @Test
  void operatorSeesTheIncidentOfAWebhookOutageAndRetriesItInCockpit(Browser browser) {
    // given: two versions wait for their review, a third one's deployment service is down
    String reviewed = newModel();
    String first = register(reviewed, "1.0.0", "MEDIUM", "GITOPS");
    String second = register(reviewed, "1.1.0", "MEDIUM", "GITOPS");
    TestWebhook.answer(503);
    String model = newModel();
    String failing = register(model, "1.0.0", "LOW", "WEBHOOK");

    // when: the staging deployment has used up its retries
    TestJobs.useUpRetries(managementService, failing);
    JsonNode incidents =
        await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    ops()
                        .get("/engine-rest/incident?maxResults=50&processInstanceId=" + failing)
                        .json(),
                found -> found.size() == 1);
    assertThat(incidents.get(0).path("activityId").asText())
        .isEqualTo(ModelLifecycle.TASK_DEPLOY_STAGING);

    // then: operations see the lifecycle with its running instances in Cockpit
    browser.viewport(1280, 800);
    Cockpit cockpit =
        new Cockpit(browser, port)
            .login("oscar", "oscar")
            .openProcessDefinition(ModelLifecycle.KEY);
    assertThat(cockpit.shape(ModelLifecycle.TASK_DEPLOY_STAGING).getRect().getWidth()).isPositive();
    assertThat(cockpit.label(ModelLifecycle.TASK_DEPLOY_STAGING)).isEqualTo(DEPLOY_TO_STAGING);
    assertThat(cockpit.runningInstancesOfVersion()).isGreaterThanOrEqualTo(3);
    assertThat(cockpit.listedInstances()).contains(first, second, failing);
    assertThat(cockpit.awaitIncidentBadge(ModelLifecycle.TASK_DEPLOY_STAGING)).isPositive();
    browser.screenshot("definition");

    // and the incident of the failing instance, with the answer of the deployment service
    cockpit.openInstance(failing);
    assertThat(cockpit.awaitIncidentBadge(ModelLifecycle.TASK_DEPLOY_STAGING)).isEqualTo(1);
    List<Cockpit.Incident> shown = cockpit.openTab("Incidents").incidents();
    assertThat(shown).hasSize(1);
    assertThat(shown.get(0).activity()).isEqualTo(DEPLOY_TO_STAGING);
    assertThat(shown.get(0).message()).contains("503");
    browser.screenshot("incident");
    assertThat(version(model).path("stage").asText()).isEqualTo("NONE");

    // when: the deployment service is back and the operator retries the job in Cockpit
    TestWebhook.answer(200);
    cockpit.retryIncident(DEPLOY_TO_STAGING);

    // then: the incident is gone and the lifecycle goes on to the canary
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(version(model).path("stage").asText()).isEqualTo("CANARY");
              assertThat(
                      ops()
                          .get("/engine-rest/incident?maxResults=50&processInstanceId=" + failing)
                          .json())
                  .isEmpty();
            });
    assertThat(TestWebhook.calls())
        .extracting(TestWebhook.Call::idempotencyKey)
        .filteredOn(key -> key.startsWith(model + ":"))
        .containsExactly(model + ":1.0.0:STAGING:DEPLOY", model + ":1.0.0:CANARY:DEPLOY");
  }

  /** Registers the documented example; returns the lifecycle instance. */
  private String register(String model, String version, String riskTier, String target) {
    Response response =
        ApiClient.as(port, "ci-bot")
            .post(
                "/api/models/" + model + "/versions",
                Registrations.example(version, riskTier).put("deploymentTarget", target));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("processInstanceId").asText();
  }

  private JsonNode version(String model) {
    return ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/1.0.0").json();
  }

  private ApiClient ops() {
    return ApiClient.as(port, "oscar");
  }

  private static String newModel() {
    return "cockpit-model-" + MODELS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }
}
