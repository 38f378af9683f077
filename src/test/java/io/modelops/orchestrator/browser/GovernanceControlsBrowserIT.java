package io.modelops.orchestrator.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import java.time.Duration;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The lifecycle's controls as a person meets them in the browser: a registrant cannot claim the
 * review of their own version in Tasklist, and an operator cannot edit a lifecycle variable in
 * Cockpit.
 */
@BrowserTest
@IntegrationTest
class GovernanceControlsBrowserIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;

  @Test
  void aRegistrantCannotClaimTheReviewOfTheirVersionInTasklist(Browser browser) {
    // given: dana registered a version, and an administrator made her group a candidate of its
    // review
    String instance = register("dana", "browser-claim-" + System.nanoTime());
    String task = awaitTask(instance);
    Response widened =
        ApiClient.as(port, "admin")
            .post(
                "/engine-rest/task/" + task + "/identity-links",
                "{\"groupId\":\"data-scientists\",\"type\":\"candidate\"}");
    assertThat(widened.status()).as(widened.body()).isEqualTo(204);

    // when: dana claims it in Tasklist
    browser.viewport(1280, 900);
    Tasklist tasklist =
        new Tasklist(browser, port).login("dana", "dana").openFilter("My group tasks");
    tasklist.taskInList(task);
    tasklist.openTask(task).pressClaim();

    // then: Tasklist shows the refusal, and the task is nobody's
    assertThat(tasklist.errorNotification()).isNotBlank();
    browser.screenshot("claim-refused");
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
  }

  @Test
  void anOperatorCannotEditALifecycleVariableInCockpit(Browser browser) {
    // given: a lifecycle with a canary verdict
    String instance = register("ci-bot", "browser-edit-" + System.nanoTime());
    awaitTask(instance);
    runtimeService.setVariable(instance, "canaryVerdict", "HOLD");

    // when: oscar edits it in Cockpit
    browser.viewport(1280, 900);
    Cockpit cockpit =
        new Cockpit(browser, port)
            .login("oscar", "oscar")
            .openInstanceById(instance)
            .openTab("Variables");
    boolean offered = cockpit.tryEditVariable("canaryVerdict", "PROMOTE");

    // then: the edit fails (or is not offered), and the value is unchanged
    if (offered) {
      assertThat(cockpit.errorNotification()).isNotBlank();
    }
    browser.screenshot("edit-refused");
    assertThat(runtimeService.getVariable(instance, "canaryVerdict")).isEqualTo("HOLD");
  }

  private String register(String user, String model) {
    Response registered =
        ApiClient.as(port, user)
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    return registered.json().path("processInstanceId").asText();
  }

  private String awaitTask(String instance) {
    return Awaitility.await()
        .atMost(TIMEOUT)
        .until(
            () ->
                taskService.createTaskQuery().processInstanceId(instance).list().stream()
                    .findFirst()
                    .map(t -> t.getId())
                    .orElse(null),
            Objects::nonNull);
  }
}
