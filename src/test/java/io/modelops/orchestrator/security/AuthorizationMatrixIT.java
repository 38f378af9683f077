package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every group (and anonymous) against every endpoint family: the expected status of each cell.
 * Requests that pass authorization are built to fail validation or find nothing (400/404/409), so
 * the matrix changes no data; 401 and 403 are the answers of the security layer.
 */
@IntegrationTest
class AuthorizationMatrixIT {

  /** Users of each group (demo users) and anonymous. */
  private static final List<String> USERS =
      List.of(
          "anonymous", "admin", "dana", "victor", "rita", "oscar", "ci-bot", "monty", "eval-bot");

  @LocalServerPort int port;

  /** One endpoint family: a request, and which users may pass authorization. */
  private record Family(
      String name, Function<ApiClient, Integer> call, int allowed, List<String> allowedUsers) {}

  private static final String NO_RUN = "00000000-0000-0000-0000-000000000000";

  private static final List<String> ADMIN_ONLY = List.of("admin");

  /**
   * For requests whose answer past authorization is the engine's own (e.g. Camunda answers 500 for
   * some unknown ids): any status but 401 and 403.
   */
  private static final int PASSES = -1;

  /** Every authenticated user. */
  private static final List<String> EVERYONE =
      List.of("admin", "dana", "victor", "rita", "oscar", "ci-bot", "monty", "eval-bot");

  /** People who decide tasks (and administrators). */
  private static final List<String> TASK_WORKERS =
      List.of("admin", "dana", "victor", "rita", "oscar");

  private List<Family> families() {
    String missing = "/api/models/no-such-model";
    return List.of(
        new Family("GET /api/models", c -> c.get("/api/models").status(), 200, EVERYONE),
        new Family("GET /api/models/{m}", c -> c.get(missing).status(), 404, EVERYONE),
        new Family(
            "POST /api/models/{m}/versions",
            c -> c.post(missing + "/versions", "{}").status(),
            400,
            List.of("admin", "dana", "ci-bot")),
        // health evidence: monitoring identities only (model-monitors), nobody else
        new Family(
            "POST metrics",
            c -> c.post(missing + "/versions/1.0.0/metrics", "{}").status(),
            400,
            List.of("monty")),
        new Family(
            "POST feature-windows",
            c -> c.post(missing + "/versions/1.0.0/feature-windows", "{}").status(),
            400,
            List.of("monty")),
        new Family(
            "GET version health",
            c -> c.get(missing + "/versions/1.0.0/health").status(),
            404,
            EVERYONE),
        new Family(
            "POST rollback",
            c -> c.post(missing + "/rollback", "{\"reason\":\"x\"}").status(),
            404,
            List.of("admin", "oscar")),
        new Family(
            "POST stop",
            c -> c.post(missing + "/versions/1.0.0/stop", "{\"reason\":\"x\"}").status(),
            404,
            List.of("admin", "oscar")),
        new Family(
            "POST retrain",
            c -> c.post(missing + "/retrain", "{\"reason\":\"x\"}").status(),
            404,
            List.of("admin", "dana", "oscar")),
        // evaluation datasets: chosen by validation (model-validators, model-risk), read by all
        new Family(
            "POST evaluation dataset",
            c -> c.post(missing + "/evaluation-datasets", "{}").status(),
            400,
            List.of("victor", "rita")),
        new Family(
            "GET evaluation datasets",
            c -> c.get(missing + "/evaluation-datasets").status(),
            404,
            EVERYONE),
        // independent evaluations: read by all, results from evaluators only (the service also
        // excludes a registrant of the versions scored); past authorization {} is a bad body
        new Family(
            "GET /api/evaluations/{id}",
            c -> c.get("/api/evaluations/" + NO_RUN).status(),
            404,
            EVERYONE),
        new Family(
            "POST evaluation results",
            c -> c.post("/api/evaluations/" + NO_RUN + "/results", "{}").status(),
            400,
            List.of("eval-bot")),
        new Family(
            "GET /api/retraining/{id}",
            c -> c.get("/api/retraining/" + NO_RUN).status(),
            404,
            EVERYONE),
        // training results: training pipelines only (whoever supplies a candidate does not decide
        // it)
        new Family(
            "POST training result",
            c ->
                c.post("/api/retraining/" + NO_RUN + "/result", "{\"status\":\"FAILED\"}").status(),
            404,
            List.of("ci-bot")),
        // evidence: both sides of a review may attach (which kind: AttachmentsIT); a JSON body
        // past authorization is refused as not multipart
        new Family(
            "POST attachments",
            c -> c.post(missing + "/versions/1.0.0/attachments", "{}").status(),
            415,
            List.of("dana", "victor", "rita", "ci-bot")),
        new Family(
            "GET attachments",
            c -> c.get(missing + "/versions/1.0.0/attachments").status(),
            404,
            EVERYONE),
        new Family(
            "GET attachment",
            c -> c.get(missing + "/versions/1.0.0/attachments/" + NO_RUN).status(),
            404,
            EVERYONE),
        // findings: any signed-in user reads them; validators and model risk raise, close and
        // reopen (the service checks who holds the review task, owner and registrant); model
        // risk alone accepts risk; the owner (anyone) submits a remediation
        new Family(
            "GET findings of a version",
            c -> c.get(missing + "/versions/1.0.0/findings").status(),
            404,
            EVERYONE),
        new Family(
            "POST finding",
            c ->
                c.post(
                        missing + "/versions/1.0.0/findings",
                        "{\"title\":\"t\",\"description\":\"d\",\"severity\":\"LOW\"}")
                    .status(),
            404,
            List.of("victor", "rita")),
        new Family(
            "GET /api/findings/{id}",
            c -> c.get("/api/findings/" + NO_RUN).status(),
            404,
            EVERYONE),
        new Family(
            "POST finding remediation",
            c ->
                c.post("/api/findings/" + NO_RUN + "/remediation", "{\"remediation\":\"r\"}")
                    .status(),
            404,
            EVERYONE),
        new Family(
            "POST finding close",
            c -> c.post("/api/findings/" + NO_RUN + "/close", "{\"comment\":\"c\"}").status(),
            404,
            List.of("victor", "rita")),
        new Family(
            "POST finding reopen",
            c -> c.post("/api/findings/" + NO_RUN + "/reopen", "{\"comment\":\"c\"}").status(),
            404,
            List.of("victor", "rita")),
        new Family(
            "POST finding risk acceptance",
            c ->
                c.post(
                        "/api/findings/" + NO_RUN + "/risk-acceptance",
                        "{\"reason\":\"r\",\"expiresOn\":\"2030-01-01\"}")
                    .status(),
            404,
            List.of("rita")),
        new Family(
            "GET /api/audit",
            c -> c.get("/api/audit?size=1").status(),
            200,
            List.of("admin", "victor", "rita", "oscar")),
        new Family(
            "GET /api/audit/verify",
            c -> c.get("/api/audit/verify").status(),
            200,
            List.of("admin", "victor", "rita", "oscar")),
        new Family("DELETE /api/models/{m}", c -> c.delete(missing).status(), 403, List.of()),
        // /engine-rest: the allow-list of EngineRestAllowList, everything else for administrators
        new Family(
            "GET /engine-rest/process-definition",
            c -> c.get("/engine-rest/process-definition?maxResults=100").status(),
            200,
            ADMIN_ONLY),
        new Family(
            "POST /engine-rest/filter/create",
            AuthorizationMatrixIT::createAndDeleteFilter,
            200,
            ADMIN_ONLY),
        new Family(
            "GET /engine-rest/user",
            c -> c.get("/engine-rest/user?id=admin&maxResults=10").status(),
            200,
            ADMIN_ONLY),
        new Family(
            "GET /engine-rest/task",
            c -> c.get("/engine-rest/task?maxResults=1").status(),
            200,
            TASK_WORKERS),
        new Family(
            "POST /engine-rest/task (query)",
            c -> c.post("/engine-rest/task?maxResults=1", "{\"active\":true}").status(),
            200,
            TASK_WORKERS),
        new Family(
            "GET /engine-rest/task/count",
            c -> c.get("/engine-rest/task/count").status(),
            200,
            TASK_WORKERS),
        new Family(
            "POST /engine-rest/task/{id}/complete",
            c -> c.post("/engine-rest/task/" + NO_RUN + "/complete", "{}").status(),
            PASSES,
            TASK_WORKERS),
        new Family(
            "POST /engine-rest/task/{id}/claim",
            c -> c.post("/engine-rest/task/" + NO_RUN + "/claim", "{\"userId\":\"x\"}").status(),
            PASSES,
            TASK_WORKERS),
        new Family(
            "POST /engine-rest/task/{id}/assignee",
            c -> c.post("/engine-rest/task/" + NO_RUN + "/assignee", "{\"userId\":\"x\"}").status(),
            PASSES,
            ADMIN_ONLY),
        new Family(
            "POST /engine-rest/task/{id}/delegate",
            c -> c.post("/engine-rest/task/" + NO_RUN + "/delegate", "{\"userId\":\"x\"}").status(),
            PASSES,
            List.of()), // administrators too: nobody delegates (refused inside the engine)
        new Family(
            "POST /engine-rest/external-task/fetchAndLock",
            c ->
                c.post(
                        "/engine-rest/external-task/fetchAndLock",
                        "{\"workerId\":\"matrix\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"no-such-topic\",\"lockDuration\":1000}]}")
                    .status(),
            200,
            List.of(
                "ci-bot")), // administrators too: only training pipelines work on external tasks
        new Family(
            "POST /engine-rest/external-task/fetchAndLock (model-evaluation)",
            c ->
                c.post(
                        "/engine-rest/external-task/fetchAndLock",
                        "{\"workerId\":\"matrix\",\"maxTasks\":1,\"topics\":[{\"topicName\":"
                            + "\"model-evaluation\",\"lockDuration\":1000,"
                            + "\"processVariables\":{\"modelName\":\"no-such-model\"}}]}")
                    .status(),
            200,
            List.of("eval-bot")), // administrators and training pipelines too: evaluators only
        new Family(
            "POST /engine-rest/external-task/{id}/complete",
            c ->
                c.post(
                        "/engine-rest/external-task/" + NO_RUN + "/complete",
                        "{\"workerId\":\"matrix\"}")
                    .status(),
            PASSES,
            List.of(
                "ci-bot")), // administrators too: only training pipelines work on external tasks
        new Family(
            "GET /engine-rest/incident",
            c -> c.get("/engine-rest/incident?maxResults=1").status(),
            200,
            List.of("admin", "oscar")),
        new Family(
            "GET /engine-rest/job",
            c -> c.get("/engine-rest/job?maxResults=1").status(),
            200,
            List.of("admin", "oscar")),
        new Family(
            "PUT /engine-rest/job/{id}/retries",
            c -> c.put("/engine-rest/job/" + NO_RUN + "/retries", "{\"retries\":1}").status(),
            PASSES,
            List.of("admin", "oscar")),
        new Family(
            "POST /engine-rest/job/{id}/execute",
            c -> c.post("/engine-rest/job/" + NO_RUN + "/execute", "").status(),
            PASSES,
            ADMIN_ONLY),
        new Family(
            "POST decision evaluate",
            c ->
                c.post(
                        "/engine-rest/decision-definition/key/no-such-decision/evaluate",
                        "{\"variables\":{}}")
                    .status(),
            PASSES,
            List.of("admin", "dana", "oscar", "ci-bot")),
        new Family(
            "POST decision evaluate (tenant)",
            c ->
                c.post(
                        "/engine-rest/decision-definition/key/no-such-decision/tenant-id/staging/evaluate",
                        "{\"variables\":{}}")
                    .status(),
            PASSES,
            List.of("admin", "dana", "oscar", "ci-bot")),
        new Family(
            "GET /engine-rest/history/variable-instance",
            c -> c.get("/engine-rest/history/variable-instance?maxResults=1").status(),
            200,
            ADMIN_ONLY),
        new Family(
            "GET /engine-rest/history/user-operation",
            c -> c.get("/engine-rest/history/user-operation?maxResults=1").status(),
            200,
            ADMIN_ONLY),
        new Family(
            "GET /engine-rest/process-instance",
            c -> c.get("/engine-rest/process-instance?maxResults=1").status(),
            200,
            ADMIN_ONLY),
        new Family(
            "POST /engine-rest/process-instance/{id}/modification",
            c ->
                c.post(
                        "/engine-rest/process-instance/" + NO_RUN + "/modification",
                        "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"x\"}]}")
                    .status(),
            PASSES,
            ADMIN_ONLY),
        new Family(
            "PUT /engine-rest/process-instance/{id}/variables/{name}",
            c ->
                c.put(
                        "/engine-rest/process-instance/" + NO_RUN + "/variables/x",
                        "{\"value\":1,\"type\":\"Integer\"}")
                    .status(),
            PASSES,
            ADMIN_ONLY),
        new Family(
            "GET /engine-rest/engine/default/task (named engine)",
            c -> c.get("/engine-rest/engine/default/task?maxResults=1").status(),
            200,
            ADMIN_ONLY),
        new Family(
            "GET /engine-rest/task/ (trailing slash)",
            c -> c.get("/engine-rest/task/?maxResults=1").status(),
            200,
            ADMIN_ONLY),
        new Family("GET /actuator/health", c -> c.get("/actuator/health").status(), 200, USERS),
        new Family(
            "GET /actuator/prometheus",
            c -> c.get("/actuator/prometheus", java.util.Map.of("Accept", "text/plain")).status(),
            200,
            List.of("admin", "oscar")),
        new Family(
            "GET /actuator/env", c -> c.get("/actuator/env").status(), 404, List.of("admin")),
        new Family("GET /v3/api-docs", c -> c.get("/v3/api-docs").status(), 200, USERS),
        new Family(
            "GET /camunda/app/tasklist/default/",
            c -> c.get("/camunda/app/tasklist/default/").status(),
            200,
            USERS));
  }

  /** Creates a filter; when that is allowed, removes it again. */
  private static int createAndDeleteFilter(ApiClient client) {
    ApiClient.Response created =
        client.post(
            "/engine-rest/filter/create",
            "{\"resourceType\":\"Task\",\"name\":\"matrix\",\"query\":{}}");
    if (created.status() == 200) {
      client.delete("/engine-rest/filter/" + created.json().path("id").asText());
    }
    return created.status();
  }

  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;

  /**
   * ci-pipelines reads the catalog, not the engine: even through the Java API (as the webapps'
   * engine API would read for it) it sees no lifecycle instances, variables, history, operation log
   * or deployments, while an administrator sees them.
   */
  @Test
  void ciPipelinesReadNothingOfTheEngineButTheirRetrainings() {
    ApiClient.Response registered =
        ApiClient.as(port, "ci-bot")
            .post(
                "/api/models/matrix-ci-reads-" + System.nanoTime() + "/versions",
                Registrations.example("1.0.0"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    // an administrator's operation, so that the user operation log has an entry to hide
    String user = "matrix-op-" + System.nanoTime();
    ApiClient admin = ApiClient.as(port, "admin");
    ApiClient.Response created =
        admin.post(
            "/engine-rest/user/create",
            Map.of(
                "profile", Map.of("id", user, "firstName", "Op", "lastName", "Log"),
                "credentials", Map.of("password", user + "-Secret1")));
    assertThat(created.status()).as(created.body()).isEqualTo(204);
    assertThat(admin.delete("/engine-rest/user/" + user).status()).isEqualTo(204);
    Map<String, Long> asCi = engineReads("ci-bot", Groups.CI);
    Map<String, Long> asAdmin = engineReads("admin", Groups.ADMIN);

    assertThat(asAdmin).allSatisfy((what, count) -> assertThat(count).as(what).isPositive());
    assertThat(asCi).allSatisfy((what, count) -> assertThat(count).as(what).isZero());
  }

  private Map<String, Long> engineReads(String user, String group) {
    // read without authentication: the lifecycles whose variables are counted
    String[] lifecycles =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(ModelLifecycle.KEY)
            .listPage(0, 100)
            .stream()
            .map(instance -> instance.getId())
            .toArray(String[]::new);
    identityService.setAuthentication(user, List.of(group));
    try {
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put(
          "lifecycle instances",
          runtimeService
              .createProcessInstanceQuery()
              .processDefinitionKey(ModelLifecycle.KEY)
              .count());
      counts.put(
          "historic lifecycle instances",
          historyService
              .createHistoricProcessInstanceQuery()
              .processDefinitionKey(ModelLifecycle.KEY)
              .count());
      counts.put(
          "historic variables",
          historyService
              .createHistoricVariableInstanceQuery()
              .processDefinitionKey(ModelLifecycle.KEY)
              .count());
      counts.put(
          "lifecycle variables",
          runtimeService.createVariableInstanceQuery().processInstanceIdIn(lifecycles).count());
      counts.put("user operation log", historyService.createUserOperationLogQuery().count());
      counts.put("deployments", repositoryService.createDeploymentQuery().count());
      counts.put(
          "lifecycle definitions",
          repositoryService
              .createProcessDefinitionQuery()
              .processDefinitionKey(ModelLifecycle.KEY)
              .count());
      return counts;
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void everyGroupGetsExactlyTheAccessItsRoleGives() {
    Map<String, String> wrong = new LinkedHashMap<>();
    int cells = 0;
    for (Family family : families()) {
      for (String user : USERS) {
        ApiClient client =
            "anonymous".equals(user) ? ApiClient.anonymous(port) : ApiClient.as(port, user);
        int expected =
            family.allowedUsers().contains(user)
                ? family.allowed()
                : "anonymous".equals(user) ? 401 : 403;
        int actual = family.call().apply(client);
        cells++;
        boolean passed = expected == PASSES ? actual != 401 && actual != 403 : actual == expected;
        if (!passed) {
          wrong.put(family.name() + " as " + user, "expected " + expected + ", got " + actual);
        }
      }
    }
    assertThat(wrong).as("cells of the authorization matrix that differ").isEmpty();
    assertThat(cells).isEqualTo(families().size() * USERS.size());
    System.out.printf(
        "Authorization matrix: %d families x %d users = %d cells, all as expected%n",
        families().size(), USERS.size(), cells);
  }
}
