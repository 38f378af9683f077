package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Regression tests for the hardening of the engine APIs and the webapps. */
@IntegrationTest
class SecurityHardeningIT {

  private static final String EXPRESSION = "${execution.getProcessEngineServices()}";

  /** Tasklist lists its filters in pages of 2000 (the limit is set to exactly that). */
  private static final String TASKLIST_FILTER_PAGE =
      "/camunda/api/engine/engine/default/filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void shouldKeepTheAdminSetupClosedWhileAnAdministratorExists() {
    Response setup =
        ApiClient.browser(port)
            .post(
                "/camunda/api/admin/setup/default/user/create",
                Map.of(
                    "profile", Map.of("id", "intruder", "firstName", "I", "lastName", "X"),
                    "credentials", Map.of("password", "intruder-password")));

    assertThat(setup.status()).isEqualTo(403);
    assertThat(setup.body()).contains("administrator exists");
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"victor", "admin"})
  void shouldRejectExpressionsInAdHocTaskQueriesOverTheEngineRestApi(String user) {
    ApiClient client = ApiClient.as(port, user);

    Response inParameter =
        client.get("/engine-rest/task?maxResults=15&assigneeExpression=" + encode(EXPRESSION));
    Response nested =
        client.post(
            "/engine-rest/task?firstResult=0&maxResults=15",
            Map.of("orQueries", List.of(Map.of("candidateGroupsExpression", EXPRESSION))));
    Response count =
        client.post("/engine-rest/task/count", Map.of("dueBeforeExpression", EXPRESSION));

    for (Response response : List.of(inParameter, nested, count)) {
      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(nested.json().path("detail").asText())
        .contains("orQueries[0].candidateGroupsExpression");
    assertThat(
            client
                .post(
                    "/engine-rest/task?firstResult=0&maxResults=15",
                    Map.of("candidateGroup", "model-validators"))
                .status())
        .as("queries without expressions still work")
        .isEqualTo(200);
  }

  @Test
  void shouldRejectExpressionsThroughTheWebappsEngineApiButKeepTasklistFiltersWorking() {
    ApiClient tasklist = ApiClient.tasklistSession(port, "victor");
    Map<String, String> csrf =
        Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN")));
    String filterId = tasklist.get(TASKLIST_FILTER_PAGE).json().get(0).path("id").asText();

    Response nested =
        tasklist.post(
            "/camunda/api/engine/engine/default/task?firstResult=0&maxResults=15",
            Map.of("orQueries", List.of(Map.of("assigneeExpression", EXPRESSION))),
            csrf);
    Response viaFilter =
        tasklist.post(
            "/camunda/api/engine/engine/default/filter/"
                + filterId
                + "/list?firstResult=0&maxResults=15",
            Map.of("orQueries", List.of(Map.of("candidateUserExpression", EXPRESSION))),
            csrf);
    Response plainFilter =
        tasklist.post(
            "/camunda/api/engine/engine/default/filter/"
                + filterId
                + "/list?firstResult=0&maxResults=15",
            Map.of(),
            csrf);

    assertThat(nested.status()).as(nested.body()).isEqualTo(400);
    assertThat(viaFilter.status()).as(viaFilter.body()).isEqualTo(400);
    assertThat(plainFilter.status()).as(plainFilter.body()).isEqualTo(200);
  }

  @Test
  void shouldBoundTheResultsOfEngineQueriesMadeByAuthenticatedUsers() {
    // administrators are bound too (other groups do not reach /engine-rest/process-instance)
    ApiClient client = ApiClient.as(port, "admin");

    Response unbounded = client.get("/engine-rest/process-instance");
    Response tooMany = client.get("/engine-rest/process-instance?maxResults=5000");
    Response tooManyByPost =
        client.post("/engine-rest/process-instance?firstResult=0&maxResults=2001", Map.of());
    Response page = client.get("/engine-rest/process-instance?firstResult=0&maxResults=100");
    Response largestPage =
        client.get("/engine-rest/process-instance?firstResult=0&maxResults=2000");
    Response count = client.get("/engine-rest/process-instance/count");

    assertThat(unbounded.status()).as(unbounded.body()).isEqualTo(400);
    assertThat(unbounded.body()).contains("An unbound number of results is forbidden");
    assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
    assertThat(tooMany.body()).contains("Max results limit of 2000 exceeded");
    assertThat(tooManyByPost.status()).as(tooManyByPost.body()).isEqualTo(400);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.json().isArray()).isTrue();
    assertThat(largestPage.status()).as(largestPage.body()).isEqualTo(200);
    assertThat(count.status()).as("counting is not limited").isEqualTo(200);
  }

  @Test
  void shouldBoundTheWebappsEngineApiButKeepTasklistsFilterListWorking() {
    ApiClient tasklist = ApiClient.tasklistSession(port, "victor");
    Map<String, String> csrf =
        Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN")));

    // what Tasklist itself sends: the number of filters, then pages of 2000
    Response count =
        tasklist.get(
            "/camunda/api/engine/engine/default/filter/count?itemCount=false&resourceType=Task");
    Response filters = tasklist.get(TASKLIST_FILTER_PAGE);
    Response unbounded =
        tasklist.get("/camunda/api/engine/engine/default/filter?resourceType=Task");
    Response tooMany =
        tasklist.post(
            "/camunda/api/engine/engine/default/task?firstResult=0&maxResults=2001",
            Map.of(),
            csrf);

    assertThat(count.status()).as(count.body()).isEqualTo(200);
    assertThat(filters.status()).as(filters.body()).isEqualTo(200);
    assertThat(filters.json().findValuesAsText("name")).contains("My tasks", "My group tasks");
    assertThat(unbounded.status()).as(unbounded.body()).isEqualTo(400);
    assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
    assertThat(tooMany.body()).contains("Max results limit of 2000 exceeded");
  }

  @Test
  void shouldBoundJavaQueriesOfAnAuthenticatedUserButNotTheApplicationsOwnReads() {
    identityService.setAuthentication("oscar", List.of("ml-ops"));
    try {
      assertThatThrownBy(() -> runtimeService.createProcessInstanceQuery().list())
          .isInstanceOf(BadUserRequestException.class)
          .hasMessageContaining("unbound number of results");
      assertThatThrownBy(() -> runtimeService.createProcessInstanceQuery().listPage(0, 2001))
          .isInstanceOf(BadUserRequestException.class);
      assertThat(runtimeService.createProcessInstanceQuery().listPage(0, 100)).isNotNull();
      // governance views and the inventory read as the engine, without the caller's authentication
      assertThat(
              EngineInternals.withoutAuthorization(
                  identityService, () -> runtimeService.createProcessInstanceQuery().list()))
          .isNotNull();
      assertThat(identityService.getCurrentAuthentication().getUserId()).isEqualTo("oscar");
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void shouldLetOnlyAdministratorsCreateFilters() {
    Map<String, Object> filter =
        Map.of(
            "resourceType", "Task",
            "name", "Sneaky filter",
            "query", Map.of("assigneeExpression", "${currentUser()}"));

    Response byValidator = ApiClient.as(port, "victor").post("/engine-rest/filter/create", filter);
    Response byAdmin = ApiClient.as(port, "admin").post("/engine-rest/filter/create", filter);

    assertThat(byValidator.status()).as(byValidator.body()).isEqualTo(403);
    assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
    ApiClient.as(port, "admin")
        .post("/engine-rest/filter/" + byAdmin.json().path("id").asText() + "/delete", Map.of());
  }

  @Test
  void shouldRefuseOversizedBodies() {
    String huge = "{\"version\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";

    Response response = ApiClient.as(port, "ci-bot").post("/api/models/huge/versions", huge);

    assertThat(response.status()).isEqualTo(413);
  }

  @Test
  void shouldIssueHttpOnlySessionCookiesAndMarkThemSecureBehindTls() {
    Response plain = ApiClient.browser(port).get("/camunda/app/tasklist/");
    Response behindTls =
        ApiClient.browser(port).get("/camunda/app/tasklist/", Map.of("X-Forwarded-Proto", "https"));

    assertThat(plain.raw().headers().allValues("Set-Cookie"))
        .filteredOn(c -> c.startsWith("JSESSIONID="))
        .isNotEmpty()
        .allMatch(
            c -> c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
    assertThat(behindTls.raw().headers().allValues("Set-Cookie"))
        .filteredOn(c -> c.startsWith("JSESSIONID="))
        .isNotEmpty()
        .allMatch(c -> c.contains("HttpOnly") && c.contains("Secure"));
  }

  /**
   * Segregation of duties and missing decisions through the webapps' engine API (what Tasklist
   * sends) and the engine REST API: 403 or 400 with the reason, the task stays open, nothing is
   * recorded. The refusal comes from the engine's task listener on every path.
   */
  @Test
  void shouldAnswerRefusedReviewDecisionsWith403Or400OnEveryPath() {
    String model = "sod-model-" + System.nanoTime() % 100_000;
    Response registered =
        ApiClient.as(port, "admin")
            .post(
                "/api/models/" + model + "/versions",
                io.modelops.orchestrator.support.Registrations.example("1.0.0", "MEDIUM"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    String instance = registered.json().path("processInstanceId").asText();
    ApiClient victor = ApiClient.as(port, "victor");
    String taskId =
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(30))
            .until(
                () -> {
                  var tasks =
                      victor
                          .get("/engine-rest/task?maxResults=5&processInstanceId=" + instance)
                          .json();
                  return tasks.isArray() && !tasks.isEmpty()
                      ? tasks.get(0).path("id").asText()
                      : null;
                },
                java.util.Objects::nonNull);
    Map<String, Object> approve =
        Map.of("variables", Map.of("reviewDecision", Map.of("value", "APPROVE")));
    Map<String, Object> rejectWithoutComment =
        Map.of("variables", Map.of("reviewDecision", Map.of("value", "REJECT")));
    Map<String, Object> noDecision = Map.of("variables", Map.of());
    String webapp = "/camunda/api/engine/engine/default/task/" + taskId;

    ApiClient adminTasklist = ApiClient.tasklistSession(port, "admin");
    Map<String, String> adminXsrf = Map.of("X-XSRF-TOKEN", adminTasklist.cookie("XSRF-TOKEN"));
    ApiClient victorTasklist = ApiClient.tasklistSession(port, "victor");
    Map<String, String> victorXsrf = Map.of("X-XSRF-TOKEN", victorTasklist.cookie("XSRF-TOKEN"));
    List<Response> forbidden =
        List.of(
            adminTasklist.post(webapp + "/submit-form", approve, adminXsrf),
            adminTasklist.post(webapp + "/complete", approve, adminXsrf),
            ApiClient.as(port, "admin")
                .post("/engine-rest/task/" + taskId + "/submit-form", approve),
            ApiClient.as(port, "admin")
                .post("/engine-rest/engine/default/task/" + taskId + "/complete", approve));
    List<Response> invalid =
        List.of(
            victorTasklist.post(webapp + "/submit-form", noDecision, victorXsrf),
            victorTasklist.post(webapp + "/submit-form", rejectWithoutComment, victorXsrf),
            victorTasklist.post(webapp + "/complete", rejectWithoutComment, victorXsrf),
            victor.post("/engine-rest/task/" + taskId + "/complete", noDecision),
            victor.post("/engine-rest/task/" + taskId + "/submit-form", rejectWithoutComment));

    System.out.printf(
        "Refused review decisions: %d requests, statuses %s%n",
        forbidden.size() + invalid.size(),
        java.util.stream.Stream.concat(forbidden.stream(), invalid.stream())
            .map(Response::status)
            .toList());
    assertThat(forbidden)
        .allSatisfy(
            r -> {
              assertThat(r.status()).as(r.body()).isEqualTo(403);
              assertThat(r.body())
                  .contains("Segregation of duties")
                  .contains("registered " + model);
            });
    assertThat(invalid)
        .allSatisfy(
            r -> {
              assertThat(r.status()).as(r.body()).isEqualTo(400);
              assertThat(r.body()).containsAnyOf("reviewDecision", "reviewComment");
            });
    assertThat(victor.get("/engine-rest/task/" + taskId).status()).isEqualTo(200);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM approval WHERE task_id = ?")
                .param(taskId)
                .query(Long.class)
                .single())
        .isZero();

    // a valid decision of another validator still goes through Tasklist
    Response approved =
        victorTasklist.post(
            webapp + "/submit-form",
            Map.of(
                "variables",
                Map.of(
                    "reviewDecision",
                    Map.of("value", "APPROVE"),
                    "reviewComment",
                    Map.of("value", "Fine"))),
            victorXsrf);
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
