package io.modelops.orchestrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The lifecycle end to end, as CI pipelines and reviewers use it: real REST API, real engine with
 * its job executor, real PostgreSQL, real SMTP.
 */
@IntegrationTest
class ModelLifecycleIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;

  @BeforeAll
  static void createUsersInTwoRoles(@Autowired IdentityService identityService) {
    // A data scientist who is also a validator: allowed to register and to review, but never
    // their own version.
    createUser(identityService, "sam", Groups.DATA_SCIENTISTS, Groups.VALIDATORS);
    // A validator who is also in model risk: may give either review of a version, never both.
    createUser(identityService, "max", Groups.VALIDATORS, Groups.RISK);
  }

  private static void createUser(IdentityService identityService, String id, String... groups) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setPassword(id + "-password");
      user.setEmail(id + "@example.com");
      identityService.saveUser(user);
      for (String group : groups) {
        identityService.createMembership(id, group);
      }
    }
  }

  @Test
  void shouldRegisterIdempotentlyAndRefuseDifferentContentForTheSameVersion() {
    // given
    String model = newModel();
    ObjectNode body = Registrations.example("1.0.0");

    // when
    Response created = ci().post(versionsOf(model), body);
    Response repeated = ci().post(versionsOf(model), body);
    Response changed = ci().post(versionsOf(model), body.deepCopy().put("owner", "someone-else"));

    // then
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/models/" + model + "/versions/1.0.0");
    assertThat(created.json().path("registeredBy").asText()).isEqualTo("ci-bot");
    assertThat(created.json().path("processInstanceId").asText()).isNotBlank();
    assertThat(repeated.status()).isEqualTo(200);
    assertThat(repeated.json().path("id")).isEqualTo(created.json().path("id"));
    assertThat(repeated.json().path("processInstanceId"))
        .isEqualTo(created.json().path("processInstanceId"));
    assertThat(changed.status()).isEqualTo(409);
    assertThat(changed.header("Content-Type")).startsWith("application/problem+json");
    assertThat(changed.json().path("detail").asText()).contains("already registered");
    assertThat(
            historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(model + ":1.0.0")
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldTakeAVersionThroughValidationAndReviewToApproved() {
    // given: CI registers a version
    String model = newModel();
    JsonNode registered = ci().post(versionsOf(model), Registrations.example("2.1.0")).json();
    String instance = registered.path("processInstanceId").asText();

    // when: it has passed validation, the review task is visible to a validator
    String taskId = awaitReviewTask(instance, "victor");
    JsonNode inReview = ci().get(versionsOf(model) + "/2.1.0").json();
    assertThat(inReview.path("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(inReview.path("validation").path("passed").asBoolean()).isTrue();
    assertThat(inReview.path("validation").path("checks").size()).isGreaterThanOrEqualTo(3);
    assertThat(
            ApiClient.as(port, "oscar")
                .get("/engine-rest/task?maxResults=50&processInstanceId=" + instance)
                .json())
        .as("ml-ops does not see review tasks")
        .isEmpty();

    // a data scientist may not decide
    Response byDataScientist = complete("dana", "dana", taskId, "APPROVE", "fine by me");
    assertThat(byDataScientist.status()).isEqualTo(403);
    // the CI user may not decide either
    assertThat(complete("ci-bot", "ci-bot", taskId, "APPROVE", "ok").status()).isEqualTo(403);
    // a validator approves
    Response approved = complete("victor", "victor", taskId, "APPROVE", "Evidence is sufficient");
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);

    // HIGH risk: then model risk reviews
    String riskTaskId = awaitReviewTask(instance, "rita");
    assertThat(riskTaskId).isNotEqualTo(taskId);
    assertThat(ApiClient.as(port, "victor").get("/engine-rest/task/" + riskTaskId).status())
        .as("validators do not see the risk review")
        .isEqualTo(404);
    assertThat(complete("rita", "rita", riskTaskId, "APPROVE", "Risk accepted").status())
        .isEqualTo(204);

    // then
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ci().get(versionsOf(model) + "/2.1.0").json().path("status").asText())
                    .isEqualTo("APPROVED"));
    JsonNode version = ci().get(versionsOf(model) + "/2.1.0").json();
    JsonNode approvals = version.path("approvals");
    assertThat(approvals.findValuesAsText("decidedBy")).containsExactly("victor", "rita");
    assertThat(approvals.findValuesAsText("reviewGroup"))
        .containsExactly(Groups.VALIDATORS, Groups.RISK);
    assertThat(approvals.findValuesAsText("decision")).containsExactly("APPROVE", "APPROVE");
    assertThat(approvals.findValuesAsText("comment"))
        .containsExactly("Evidence is sufficient", "Risk accepted");
    assertThat(approvals.get(0).path("evidenceHash").asText()).hasSize(64);
    assertThat(approvals.get(0).path("decidedAt").asText()).isNotBlank();
    assertThat(version.path("validation").path("checks").findValuesAsText("name"))
        .contains("documentation", "metric:auc", "fairness:gender", "fairness:age_band");
    assertThat(
            historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(instance)
                .singleResult()
                .getStartUserId())
        .as("only the orchestrator starts lifecycles (the registrant is in the catalog)")
        .isNull();
    assertThat(
            historyService
                .createHistoricTaskInstanceQuery()
                .processInstanceId(instance)
                .taskDefinitionKey("Task_ReviewModelVersion")
                .count())
        .as("two reviews")
        .isEqualTo(2);
  }

  @Test
  void shouldRefuseTheRegistrantsOwnReviewOverRestAndTasklist() {
    // given: sam registers a version and can see its review task as a validator
    String model = newModel();
    ApiClient sam = ApiClient.as(port, "sam", "sam-password");
    Response registered = sam.post(versionsOf(model), Registrations.example("1.0.0"));
    assertThat(registered.status()).isEqualTo(201);
    String instance = registered.json().path("processInstanceId").asText();
    String taskId = awaitReviewTask(instance, "sam", "sam-password");

    // when: sam approves over the engine REST API
    Response overRest = complete("sam", "sam-password", taskId, "APPROVE", "my own work is great");

    // then
    assertThat(overRest.status()).isEqualTo(403);
    assertThat(overRest.header("Content-Type")).startsWith("application/problem+json");
    assertThat(overRest.json().path("detail").asText())
        .contains("Segregation of duties", "sam registered " + model + ":1.0.0");

    // when: sam approves in Tasklist (its API, with a login session and CSRF token)
    ApiClient tasklist = ApiClient.tasklistSession(port, "sam", "sam-password");
    assertThat(tasklist.get("/camunda/api/engine/engine/default/task/" + taskId).status())
        .isEqualTo(200);
    Response inTasklist =
        tasklist.post(
            "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form",
            decision("APPROVE", "my own work is great"),
            Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN"))));

    // then: refused with the reason, and the task stays open
    assertThat(inTasklist.status()).isGreaterThanOrEqualTo(400);
    assertThat(inTasklist.body()).contains("Segregation of duties");
    assertThat(ApiClient.as(port, "victor").get("/engine-rest/task/" + taskId).status())
        .isEqualTo(200);

    // and another validator may decide
    assertThat(complete("victor", "victor", taskId, "REJECT", "Not independent").status())
        .isEqualTo(204);
  }

  @Test
  void shouldRefuseTheSamePersonForBothReviewsOfAVersion() {
    // given: max (validator and model risk) gives the validation review
    String model = newModel();
    String instance = registerAsCi(model, "1.0.0");
    String first = awaitReviewTask(instance, "max", "max-password");
    assertThat(complete("max", "max-password", first, "APPROVE", "Validated").status())
        .isEqualTo(204);

    // when: max also tries the model risk review
    String second = awaitReviewTask(instance, "rita");
    Response again = complete("max", "max-password", second, "APPROVE", "Risk fine too");

    // then
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.json().path("detail").asText())
        .contains("max already decided on " + model + ":1.0.0");
    assertThat(complete("rita", "rita", second, "APPROVE", "Risk accepted").status())
        .isEqualTo(204);
  }

  @Test
  void shouldListTheReviewInTheValidatorsTasklistFilter() {
    // given
    String model = newModel();
    String instance = registerAsCi(model, "3.0.0");
    String taskId = awaitReviewTask(instance, "victor");

    // when: victor logs into Tasklist and opens the filter "My group tasks"
    ApiClient tasklist = ApiClient.tasklistSession(port, "victor", "victor");
    JsonNode filters =
        tasklist
            .get(
                "/camunda/api/engine/engine/default/filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task")
            .json();
    String filterId =
        java.util.stream.StreamSupport.stream(filters.spliterator(), false)
            .filter(f -> f.path("name").asText().equals("My group tasks"))
            .findFirst()
            .orElseThrow()
            .path("id")
            .asText();
    JsonNode tasks =
        tasklist
            .post(
                "/camunda/api/engine/engine/default/filter/"
                    + filterId
                    + "/list?firstResult=0&maxResults=200",
                Map.of(),
                Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN"))))
            .json();
    JsonNode form =
        tasklist.get("/camunda/api/engine/engine/default/task/" + taskId + "/deployed-form").json();

    // then
    assertThat(tasks.findValuesAsText("id")).contains(taskId);
    assertThat(form.path("id").asText()).isEqualTo("review-model-version");
    assertThat(
            ApiClient.tasklistSession(port, "oscar", "oscar")
                .get("/camunda/api/engine/engine/default/task/" + taskId)
                .status())
        .as("ml-ops cannot open review tasks")
        .isIn(403, 404);
  }

  @Test
  void shouldRequireADecisionAndAComment() {
    String model = newModel();
    String instance = registerAsCi(model, "1.0.0");
    String taskId = awaitReviewTask(instance, "victor");

    Response noComment = complete("victor", "victor", taskId, "REJECT", null);
    Response changesWithoutComment = complete("victor", "victor", taskId, "REQUEST_CHANGES", " ");
    Response badDecision = complete("victor", "victor", taskId, "MAYBE", "hmm");

    assertThat(noComment.status()).isEqualTo(400);
    assertThat(changesWithoutComment.status()).isEqualTo(400);
    assertThat(noComment.json().path("field").asText()).isEqualTo("reviewComment");
    assertThat(badDecision.status()).isEqualTo(400);
    assertThat(badDecision.json().path("field").asText()).isEqualTo("reviewDecision");
    assertThat(ApiClient.as(port, "victor").get("/engine-rest/task/" + taskId).status())
        .isEqualTo(200);
  }

  @Test
  void shouldRejectAndMailTheOwnerWhenValidationFails() {
    // given: a HIGH-risk version without documentation and with a poor AUC
    String model = newModel();
    ObjectNode body = Registrations.example("0.9.0");
    body.remove("limitations");
    body.remove("modelCardUri");
    ((ObjectNode) body.path("metrics")).put("auc", 0.61);
    body.put("ownerEmail", model + "-owner@example.com");

    // when
    Response registered = ci().post(versionsOf(model), body);

    // then
    assertThat(registered.status()).isEqualTo(201);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ci().get(versionsOf(model) + "/0.9.0").json().path("status").asText())
                    .isEqualTo("REJECTED"));
    JsonNode version = ci().get(versionsOf(model) + "/0.9.0").json();
    assertThat(version.path("statusReason").asText()).contains("documentation", "metric:auc");
    assertThat(version.path("validation").path("passed").asBoolean()).isFalse();

    MimeMessage mail =
        await()
            .atMost(TIMEOUT)
            .until(() -> mailTo(model + "-owner@example.com"), java.util.Objects::nonNull);
    assertThat(GreenMailUtil.getBody(mail)).contains("metric:auc", "limitations");
    assertThat(GreenMailUtil.getHeaders(mail)).contains(model + ":0.9.0 was rejected");
  }

  @Test
  void shouldAnswer401WithoutCredentials() {
    ApiClient anonymous = ApiClient.anonymous(port);

    Response models = anonymous.get("/api/models");
    Response tasks = anonymous.get("/engine-rest/task");
    // (not a real user: wrong passwords lock a user out for a while, as they should)
    Response wrongPassword = ApiClient.as(port, "nobody", "wrong").get("/api/models");

    assertThat(models.status()).isEqualTo(401);
    assertThat(models.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(models.header("Content-Type")).startsWith("application/problem+json");
    assertThat(tasks.status()).isEqualTo(401);
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
  }

  @Test
  void shouldLetOnlyRegistrantsRegister() {
    String model = newModel();

    assertThat(
            ApiClient.as(port, "oscar")
                .post(versionsOf(model), Registrations.example("1.0.0"))
                .status())
        .isEqualTo(403);
    assertThat(
            ApiClient.as(port, "victor")
                .post(versionsOf(model), Registrations.example("1.0.0"))
                .status())
        .isEqualTo(403);
    assertThat(ApiClient.as(port, "victor").get("/api/models").status()).isEqualTo(200);
  }

  /** Registers the example as the CI user; returns the lifecycle instance id. */
  private String registerAsCi(String model, String version) {
    Response response = ci().post(versionsOf(model), Registrations.example(version));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("processInstanceId").asText();
  }

  private ApiClient ci() {
    return ApiClient.as(port, "ci-bot");
  }

  private String awaitReviewTask(String instance, String user) {
    return awaitReviewTask(instance, user, user);
  }

  private String awaitReviewTask(String instance, String user, String password) {
    ApiClient client = ApiClient.as(port, user, password);
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              Response response =
                  client.get("/engine-rest/task?maxResults=50&processInstanceId=" + instance);
              assertThat(response.status()).as(response.body()).isEqualTo(200);
              JsonNode tasks = response.json();
              return tasks.isEmpty() ? null : tasks.get(0).path("id").asText();
            },
            java.util.Objects::nonNull);
  }

  private Response complete(
      String user, String password, String taskId, String decision, String comment) {
    return ApiClient.as(port, user, password)
        .post("/engine-rest/task/" + taskId + "/complete", decision(decision, comment));
  }

  private static Map<String, Object> decision(String decision, String comment) {
    Map<String, Object> variables = new java.util.HashMap<>();
    variables.put("reviewDecision", Map.of("value", decision));
    if (comment != null) {
      variables.put("reviewComment", Map.of("value", comment));
    }
    return Map.of("variables", variables);
  }

  private static MimeMessage mailTo(String address) {
    return Arrays.stream(TestMail.server().getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getAllRecipients())
                    .anyMatch(r -> r.toString().equals(address));
              } catch (jakarta.mail.MessagingException e) {
                return false;
              }
            })
        .findFirst()
        .orElse(null);
  }

  private static String versionsOf(String model) {
    return "/api/models/" + model + "/versions";
  }

  private static String newModel() {
    return "lifecycle-model-" + MODELS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }
}
