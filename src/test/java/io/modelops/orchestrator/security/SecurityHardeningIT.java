package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Regression tests for the hardening of the engine APIs and the webapps. */
@IntegrationTest
class SecurityHardeningIT {

  private static final String EXPRESSION = "${execution.getProcessEngineServices()}";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

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

    Response inParameter = client.get("/engine-rest/task?assigneeExpression=" + encode(EXPRESSION));
    Response nested =
        client.post(
            "/engine-rest/task",
            Map.of("orQueries", List.of(Map.of("candidateGroupsExpression", EXPRESSION))));
    Response count =
        client.post("/engine-rest/task/count", Map.of("dueBeforeExpression", EXPRESSION));

    for (Response response : List.of(inParameter, nested, count)) {
      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(nested.json().path("detail").asText()).contains("orQueries[0].candidateGroupsExpression");
    assertThat(client.post("/engine-rest/task", Map.of("candidateGroup", "model-validators")).status())
        .as("queries without expressions still work")
        .isEqualTo(200);
  }

  @Test
  void shouldRejectExpressionsThroughTheWebappsEngineApiButKeepTasklistFiltersWorking() {
    ApiClient tasklist = tasklistSession("victor");
    Map<String, String> csrf = Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN")));
    String filterId =
        tasklist.get("/camunda/api/engine/engine/default/filter?resourceType=Task").json().get(0).path("id").asText();

    Response nested =
        tasklist.post(
            "/camunda/api/engine/engine/default/task",
            Map.of("orQueries", List.of(Map.of("assigneeExpression", EXPRESSION))),
            csrf);
    Response viaFilter =
        tasklist.post(
            "/camunda/api/engine/engine/default/filter/" + filterId + "/list",
            Map.of("orQueries", List.of(Map.of("candidateUserExpression", EXPRESSION))),
            csrf);
    Response plainFilter =
        tasklist.post(
            "/camunda/api/engine/engine/default/filter/" + filterId + "/list?firstResult=0&maxResults=15",
            Map.of(),
            csrf);

    assertThat(nested.status()).as(nested.body()).isEqualTo(400);
    assertThat(viaFilter.status()).as(viaFilter.body()).isEqualTo(400);
    assertThat(plainFilter.status()).as(plainFilter.body()).isEqualTo(200);
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
    ApiClient.as(port, "admin").post("/engine-rest/filter/" + byAdmin.json().path("id").asText() + "/delete", Map.of());
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
        .allMatch(c -> c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
    assertThat(behindTls.raw().headers().allValues("Set-Cookie"))
        .filteredOn(c -> c.startsWith("JSESSIONID="))
        .isNotEmpty()
        .allMatch(c -> c.contains("HttpOnly") && c.contains("Secure"));
  }

  private ApiClient tasklistSession(String user) {
    ApiClient tasklist = ApiClient.browser(port);
    tasklist.get("/camunda/app/tasklist/");
    Response login =
        tasklist.postForm(
            "/camunda/api/admin/auth/user/default/login/tasklist",
            Map.of("username", user, "password", user),
            Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN"))));
    assertThat(login.status()).isEqualTo(200);
    tasklist.get("/camunda/api/admin/auth/user/default");
    return tasklist;
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
