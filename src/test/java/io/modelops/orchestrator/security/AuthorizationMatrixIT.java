package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
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
      List.of("anonymous", "admin", "dana", "victor", "rita", "oscar", "ci-bot");

  @LocalServerPort int port;

  /** One endpoint family: a request, and which users may pass authorization. */
  private record Family(
      String name, Function<ApiClient, Integer> call, int allowed, List<String> allowedUsers) {}

  private static final String NO_RUN = "00000000-0000-0000-0000-000000000000";

  private List<Family> families() {
    String missing = "/api/models/no-such-model";
    return List.of(
        new Family("GET /api/models", c -> c.get("/api/models").status(), 200,
            List.of("admin", "dana", "victor", "rita", "oscar", "ci-bot")),
        new Family("GET /api/models/{m}", c -> c.get(missing).status(), 404,
            List.of("admin", "dana", "victor", "rita", "oscar", "ci-bot")),
        new Family("POST /api/models/{m}/versions", c -> c.post(missing + "/versions", "{}").status(), 400,
            List.of("admin", "dana", "ci-bot")),
        new Family("POST metrics", c -> c.post(missing + "/versions/1.0.0/metrics", "{}").status(), 400,
            List.of("admin", "oscar", "ci-bot")),
        new Family("POST feature-windows", c -> c.post(missing + "/versions/1.0.0/feature-windows", "{}").status(), 400,
            List.of("admin", "oscar", "ci-bot")),
        new Family("GET version health", c -> c.get(missing + "/versions/1.0.0/health").status(), 404,
            List.of("admin", "dana", "victor", "rita", "oscar", "ci-bot")),
        new Family("POST rollback", c -> c.post(missing + "/rollback", "{\"reason\":\"x\"}").status(), 404,
            List.of("admin", "oscar")),
        new Family("POST stop", c -> c.post(missing + "/versions/1.0.0/stop", "{\"reason\":\"x\"}").status(), 404,
            List.of("admin", "oscar")),
        new Family("POST retrain", c -> c.post(missing + "/retrain", "{\"reason\":\"x\"}").status(), 404,
            List.of("admin", "dana", "oscar")),
        new Family("GET /api/retraining/{id}", c -> c.get("/api/retraining/" + NO_RUN).status(), 404,
            List.of("admin", "dana", "victor", "rita", "oscar", "ci-bot")),
        new Family("POST training result", c -> c.post("/api/retraining/" + NO_RUN + "/result", "{\"status\":\"FAILED\"}").status(), 404,
            List.of("admin", "oscar", "ci-bot")),
        new Family("GET /api/audit", c -> c.get("/api/audit?size=1").status(), 200,
            List.of("admin", "victor", "rita", "oscar")),
        new Family("GET /api/audit/verify", c -> c.get("/api/audit/verify").status(), 200,
            List.of("admin", "victor", "rita", "oscar")),
        new Family("DELETE /api/models/{m}", c -> c.delete(missing).status(), 403, List.of()),
        new Family("GET /engine-rest/process-definition", c -> c.get("/engine-rest/process-definition?maxResults=100").status(), 200,
            List.of("admin", "dana", "victor", "rita", "oscar", "ci-bot")),
        new Family("POST /engine-rest/filter/create", AuthorizationMatrixIT::createAndDeleteFilter, 200,
            List.of("admin")),
        new Family("GET /engine-rest/user", c -> c.get("/engine-rest/user?id=admin&maxResults=10").status(), 200,
            List.of("admin", "dana", "victor", "rita", "oscar", "ci-bot")),
        new Family("GET /actuator/health", c -> c.get("/actuator/health").status(), 200, USERS),
        new Family("GET /actuator/prometheus", c -> c.get("/actuator/prometheus", java.util.Map.of("Accept", "text/plain")).status(), 200,
            List.of("admin", "oscar")),
        new Family("GET /actuator/env", c -> c.get("/actuator/env").status(), 404, List.of("admin")),
        new Family("GET /v3/api-docs", c -> c.get("/v3/api-docs").status(), 200, USERS),
        new Family("GET /camunda/app/tasklist/default/", c -> c.get("/camunda/app/tasklist/default/").status(), 200, USERS));
  }

  /** Creates a filter; when that is allowed, removes it again. */
  private static int createAndDeleteFilter(ApiClient client) {
    ApiClient.Response created =
        client.post("/engine-rest/filter/create", "{\"resourceType\":\"Task\",\"name\":\"matrix\",\"query\":{}}");
    if (created.status() == 200) {
      client.delete("/engine-rest/filter/" + created.json().path("id").asText());
    }
    return created.status();
  }

  @Test
  void everyGroupGetsExactlyTheAccessItsRoleGives() {
    Map<String, String> wrong = new LinkedHashMap<>();
    int cells = 0;
    for (Family family : families()) {
      for (String user : USERS) {
        ApiClient client = "anonymous".equals(user) ? ApiClient.anonymous(port) : ApiClient.as(port, user);
        int expected =
            family.allowedUsers().contains(user)
                ? family.allowed()
                : "anonymous".equals(user) ? 401 : 403;
        int actual = family.call().apply(client);
        cells++;
        if (actual != expected) {
          wrong.put(family.name() + " as " + user, "expected " + expected + ", got " + actual);
        }
      }
    }
    assertThat(wrong).as("cells of the authorization matrix that differ").isEmpty();
    assertThat(cells).isEqualTo(families().size() * USERS.size());
    System.out.printf("Authorization matrix: %d families x %d users = %d cells, all as expected%n",
        families().size(), USERS.size(), cells);
  }

}
