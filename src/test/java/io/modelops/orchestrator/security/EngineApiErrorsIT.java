package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad requests to Camunda's engine REST API and to the webapps' engine API are the caller's fault:
 * they are answered with 4xx in Camunda's own error shape, never with 500 and internal exception
 * names.
 */
@IntegrationTest
class EngineApiErrorsIT {

  private static final String WEBAPP_API = "/camunda/api/engine/engine/default";

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  /** A JSON value nested deeper than the parser allows (1000 levels). */
  private static String deep() {
    int depth = 1_500;
    return "[".repeat(depth) + "]".repeat(depth);
  }

  /** Variables of which one holds a deeply nested value. */
  private static String deepVariables() {
    return "{\"variables\":{\"x\":{\"value\":" + deep() + "}}}";
  }

  @Test
  void shouldAnswerDeeplyNestedJsonWith400OnEveryEngineRestPost() {
    String unknown = UUID.randomUUID().toString();
    List<Response> answers = new ArrayList<>();
    answers.add(
        ApiClient.as(port, "ci-bot")
            .post(
                "/engine-rest/external-task/fetchAndLock",
                "{\"workerId\":\"w\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"t\",\"lockDuration\":1000,"
                    + "\"processVariables\":{\"x\":"
                    + deep()
                    + "}}]}"));
    answers.add(
        ApiClient.as(port, "victor")
            .post("/engine-rest/task/" + unknown + "/complete", deepVariables()));
    answers.add(
        ApiClient.as(port, "dana")
            .post("/engine-rest/decision-definition/key/metric-gates/evaluate", deepVariables()));
    answers.add(
        ApiClient.as(port, "admin")
            .post(
                "/engine-rest/message",
                "{\"messageName\":\"x\",\"processVariables\":{\"x\":{\"value\":" + deep() + "}}}"));
    answers.add(
        ApiClient.as(port, "admin")
            .post(
                "/engine-rest/process-instance/" + unknown + "/modification",
                "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"x\","
                    + "\"variables\":{\"x\":{\"value\":"
                    + deep()
                    + "}}}]}"));

    for (Response answer : answers) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertCamundaShape(answer);
    }
  }

  @Test
  void shouldAnswerDeeplyNestedJsonWith400ThroughTheWebappsEngineApi() {
    ApiClient tasklist = ApiClient.tasklistSession(port, "victor");
    Map<String, String> csrf =
        Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN")));

    Response answer =
        tasklist.post(
            WEBAPP_API + "/task/" + UUID.randomUUID() + "/submit-form", deepVariables(), csrf);

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertNoInternals(answer);
  }

  @Test
  void shouldAnswerUnknownIdsWith404OnTheEngineRestApi() {
    String unknown = UUID.randomUUID().toString();
    Map<String, Object> retries = Map.of("retries", 1);
    Map<String, Object> variable = Map.of("value", "x", "type", "String");
    Map<String, Object> modification =
        Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "x")));

    List<Response> answers =
        List.of(
            ApiClient.as(port, "victor")
                .post("/engine-rest/task/" + unknown + "/claim", Map.of("userId", "victor")),
            ApiClient.as(port, "victor")
                .post("/engine-rest/task/" + unknown + "/complete", Map.of()),
            ApiClient.as(port, "oscar").put("/engine-rest/job/" + unknown + "/retries", retries),
            ApiClient.as(port, "admin")
                .put("/engine-rest/process-instance/" + unknown + "/variables/x", variable),
            ApiClient.as(port, "admin").get("/engine-rest/task/" + unknown + "/identity-links"),
            ApiClient.as(port, "admin")
                .post("/engine-rest/process-instance/" + unknown + "/modification", modification));

    for (Response answer : answers) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(404);
      assertCamundaShape(answer);
      assertThat(answer.json().path("message").asText())
          .as("the engine's message")
          .contains(unknown);
    }
  }

  @Test
  void shouldAnswerUnknownIdsWith404ThroughTheWebappsEngineApi() {
    String unknown = UUID.randomUUID().toString();
    ApiClient tasklist = ApiClient.tasklistSession(port, "victor");
    Map<String, String> csrf =
        Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN")));

    List<Response> answers =
        List.of(
            tasklist.post(
                WEBAPP_API + "/task/" + unknown + "/claim", Map.of("userId", "victor"), csrf),
            tasklist.post(
                WEBAPP_API + "/task/" + unknown + "/submit-form",
                Map.of("variables", Map.of()),
                csrf),
            tasklist.get(WEBAPP_API + "/task/" + unknown + "/identity-links"));

    for (Response answer : answers) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(404);
      assertCamundaShape(answer);
      assertThat(answer.json().path("message").asText()).contains(unknown);
    }
  }

  @Test
  void shouldKeepCamundasOwn4xxAnswers() {
    Response unknownTask =
        ApiClient.as(port, "victor").get("/engine-rest/task/" + UUID.randomUUID());
    Response malformed =
        ApiClient.as(port, "ci-bot")
            .post("/engine-rest/external-task/fetchAndLock", "{\"workerId\":");

    assertThat(unknownTask.status()).isEqualTo(404);
    assertThat(unknownTask.json().path("type").asText()).isEqualTo("InvalidRequestException");
    assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
  }

  @Test
  void shouldKeepAGenuineServerErrorA500AndShowItsInternalsOnlyToAdministrators() {
    // a decision whose next step cannot run: the server's fault, not the caller's
    BpmnModelInstance failing =
        Bpmn.createExecutableProcess("engine-errors-failing-step")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .userTask("decide")
            .camundaCandidateGroups("model-validators")
            .serviceTask("broken")
            .camundaExpression("${noSuchBean}")
            .endEvent()
            .done();
    repositoryService
        .createDeployment()
        .addModelInstance("engine-errors-failing-step.bpmn", failing)
        .deploy();
    String instance =
        runtimeService.startProcessInstanceByKey("engine-errors-failing-step").getId();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

    Response asValidator =
        ApiClient.as(port, "victor").post("/engine-rest/task/" + task + "/complete", Map.of());
    Response asAdmin =
        ApiClient.as(port, "admin").post("/engine-rest/task/" + task + "/complete", Map.of());

    assertThat(asValidator.status()).as(asValidator.body()).isEqualTo(500);
    assertThat(asValidator.json().path("type").asText()).isEqualTo("ServerError");
    assertThat(asValidator.json().path("message").asText()).contains("noSuchBean");
    assertThat(asAdmin.status()).as(asAdmin.body()).isEqualTo(500);
    assertThat(asAdmin.json().path("type").asText()).endsWith("Exception");
    assertThat(taskService.createTaskQuery().taskId(task).count())
        .as("nothing was completed")
        .isOne();
  }

  @Test
  void shouldWriteOurOwnProblemsWithoutNullMembers() {
    Response refused =
        ApiClient.as(port, "victor")
            .post("/engine-rest/task", Map.of("assigneeExpression", "${1}"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.body()).doesNotContain("null");
  }

  private static void assertNoInternals(Response answer) {
    assertThat(answer.body())
        .doesNotContain("Constraints")
        .doesNotContain("com.fasterxml")
        .doesNotContain("\tat ");
  }

  private static void assertCamundaShape(Response answer) {
    assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/json");
    assertThat(answer.json().path("type").asText())
        .as(answer.body())
        .isNotBlank()
        .doesNotContain("Constraints")
        .doesNotContain("Null");
    // Camunda's own 400 for a body it cannot bind may carry an empty message; it is kept as it is
    assertThat(answer.json().has("message")).as(answer.body()).isTrue();
    assertThat(answer.body())
        .doesNotContain("\"properties\"")
        .doesNotContain("com.fasterxml")
        .doesNotContain("\tat ");
  }
}
