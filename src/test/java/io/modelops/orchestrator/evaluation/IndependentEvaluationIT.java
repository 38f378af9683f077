package io.modelops.orchestrator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Independent evaluation on PostgreSQL: a validator registers the model's dataset, an evaluator
 * (eval-bot, model-evaluators) scores the candidate and the champion on it, and validation gates on
 * the computed metrics. Nobody else posts results or works on the evaluation task, not through our
 * API and not through the engine's.
 */
@IntegrationTest
class IndependentEvaluationIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final String HASH = "c0ffee00".repeat(8);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldGateOnTheMetricsAnEvaluatorComputedForCandidateAndChampion() {
    // given: 1.0.0 in production, then a dataset registered by a validator
    String model = "indep-eval-" + MODELS.incrementAndGet();
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.toProduction(model, ModelReleases.registration(model, "1.0.0"));
    registerDataset(model);

    // when: 1.1.0 declares the same metrics as the champion (auc 0.91 passes the comparison)
    releases.register(model, ModelReleases.registration(model, "1.1.0"));
    JsonNode task = awaitEvaluationTask(model);
    String id = task.path("variables").path("evaluationRequestId").path("value").asText();
    String taskId = task.path("id").asText();

    // then: the request names candidate, champion and the dataset as registered
    JsonNode request = ApiClient.as(port, "eval-bot").get("/api/evaluations/" + id).json();
    assertThat(request.path("status").asText()).isEqualTo("OPEN");
    assertThat(request.path("candidate").path("version").asText()).isEqualTo("1.1.0");
    assertThat(request.path("candidate").path("artifactUri").asText())
        .isEqualTo("s3://models/" + model + "/1.1.0/model.pkl");
    assertThat(request.path("champion").path("version").asText()).isEqualTo("1.0.0");
    assertThat(request.path("datasetSha256").asText()).isEqualTo(HASH);

    // attacks: nobody but an evaluator posts results or completes the task, not even through the
    // engine; wrong hash, versions, shapes and sizes are refused; nothing is stored
    ObjectNode results = results("1.1.0", 0.905, "1.0.0", 0.93);
    for (String user : List.of("ci-bot", "dana", "victor", "rita", "oscar", "monty", "admin")) {
      Response answer = post(user, id, results);
      assertThat(answer.status()).as(user + ": " + answer.body()).isEqualTo(403);
      Response complete =
          ApiClient.as(port, user)
              .post(
                  "/engine-rest/external-task/" + taskId + "/complete",
                  Map.of("workerId", "evaluation-it"));
      assertThat(complete.status()).as(user + ": " + complete.body()).isEqualTo(403);
    }
    for (String user : List.of("ci-bot", "dana", "admin")) {
      Response lock = fetchAndLock(user, model);
      assertThat(lock.status()).as(user + ": " + lock.body()).isEqualTo(403);
    }
    Response completeAsEvaluator =
        ApiClient.as(port, "eval-bot")
            .post(
                "/engine-rest/external-task/" + taskId + "/complete",
                Map.of("workerId", "evaluation-it"));
    assertThat(completeAsEvaluator.status()).as(completeAsEvaluator.body()).isEqualTo(403);
    ObjectNode wrongHash = results.deepCopy().put("datasetSha256", "d".repeat(64));
    assertThat(post("eval-bot", id, wrongHash).status()).isEqualTo(400);
    assertThat(post("eval-bot", id, results("1.0.0", 0.905, "1.0.0", 0.93)).status())
        .isEqualTo(400);
    ObjectNode noChampion = results.deepCopy();
    noChampion.remove("champion");
    assertThat(post("eval-bot", id, noChampion).json().path("errors").findValuesAsText("field"))
        .contains("champion");
    assertThat(post("eval-bot", id, "{\"candidate\":").status()).isEqualTo(400);
    assertThat(post("eval-bot", id, "x".repeat(6_000_000)).status()).isEqualTo(413);
    assertThat(post("eval-bot", "00000000-0000-4000-8000-000000000000", results).status())
        .isEqualTo(404);
    assertThat(storedResults(id)).isZero();

    // when the evaluator posts what it computed: the champion is better on the holdout
    Response posted = post("eval-bot", id, results);

    // then: stored, audited, the task completed by the orchestrator; a second post is a conflict
    assertThat(posted.status()).as(posted.body()).isEqualTo(200);
    assertThat(posted.json().path("status").asText()).isEqualTo("COMPLETED");
    assertThat(posted.json().path("evaluatedBy").asText()).isEqualTo("eval-bot");
    assertThat(posted.json().path("champion").path("metrics").path("auc").asDouble())
        .isEqualTo(0.93);
    assertThat(post("eval-bot", id, results).status()).isEqualTo(409);
    assertThat(storedResults(id)).isEqualTo(2);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_event WHERE action = 'MODEL_EVALUATED' AND model = ?"
                        + " AND actor = 'eval-bot'")
                .param(model)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE evaluation_result SET metrics_json = '{}' WHERE request_id = ?")
                    .param(java.util.UUID.fromString(id))
                    .update())
        .hasMessageContaining("append-only");

    // and validation compared candidate and champion on the computed metrics: 0.905 is 0.025
    // worse than the champion's 0.93 (at most 0.01 allowed), although the declared ones are equal
    JsonNode rejected = releases.awaitStatus(model, "1.1.0", "REJECTED");
    JsonNode checks = rejected.path("validation").path("checks");
    assertThat(check(checks, "independent-evaluation").path("status").asText()).isEqualTo("PASS");
    assertThat(check(checks, "declared-metrics-match").path("status").asText()).isEqualTo("PASS");
    assertThat(check(checks, "metric:auc").path("observed").asText()).isEqualTo("0.905 (computed)");
    JsonNode champion = check(checks, "champion:auc");
    assertThat(champion.path("status").asText()).isEqualTo("FAIL");
    assertThat(champion.path("observed").asText())
        .contains("0.93")
        .endsWith("(computed, champion on the same dataset)");
  }

  @Test
  void shouldFailValidationWhenADeclaredMetricIsOffByMoreThanTheTolerance() {
    // given
    String model = "indep-eval-" + MODELS.incrementAndGet();
    ModelReleases releases = new ModelReleases(port, managementService);
    registerModelWithDataset(model, releases);
    JsonNode task = awaitEvaluationTask(model);
    String id = task.path("variables").path("evaluationRequestId").path("value").asText();

    // when: the holdout says auc 0.85, the registrant declared 0.91
    ObjectNode results = results("1.0.0", 0.85, null, 0);
    Response posted = post("eval-bot", id, results);

    // then
    assertThat(posted.status()).as(posted.body()).isEqualTo(200);
    JsonNode rejected = releases.awaitStatus(model, "1.0.0", "REJECTED");
    JsonNode match = check(rejected.path("validation").path("checks"), "declared-metrics-match");
    assertThat(match.path("status").asText()).isEqualTo("FAIL");
    assertThat(match.path("message").asText()).contains("auc declared 0.91, computed 0.85");
  }

  @Test
  void shouldWarnWhenTheModelHasNoEvaluationDataset() {
    String model = "indep-eval-" + MODELS.incrementAndGet();
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.register(model, ModelReleases.registration(model, "1.0.0"));

    JsonNode validated =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> releases.version(model, "1.0.0"),
                v -> v.path("validation").path("checks").size() > 0);

    JsonNode warning = check(validated.path("validation").path("checks"), "independent-evaluation");
    assertThat(warning.path("status").asText()).isEqualTo("WARN");
    assertThat(warning.path("message").asText())
        .isEqualTo("no evaluation dataset registered for " + model);
    assertThat(
            check(validated.path("validation").path("checks"), "metric:auc")
                .path("observed")
                .asText())
        .contains("declared, not independently evaluated");
  }

  /** The model's first version validated before its dataset exists, then 1.0.0 with it. */
  private void registerModelWithDataset(String model, ModelReleases releases) {
    releases.register(model, ModelReleases.registration(model, "0.9.0"));
    await()
        .atMost(TIMEOUT)
        .until(
            () -> releases.version(model, "0.9.0"),
            v -> v.path("validation").path("checks").size() > 0);
    registerDataset(model);
    releases.register(model, ModelReleases.registration(model, "1.0.0"));
  }

  private void registerDataset(String model) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("uri", "s3://holdouts/" + model + "/holdout.parquet");
    dataset.put("sha256", HASH);
    Response registered =
        ApiClient.as(port, "victor").post("/api/models/" + model + "/evaluation-datasets", dataset);
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
  }

  /** Fetches and locks the model's evaluation task as eval-bot, as a worker would. */
  private JsonNode awaitEvaluationTask(String model) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              Response answer = fetchAndLock("eval-bot", model);
              assertThat(answer.status()).as(answer.body()).isEqualTo(200);
              return answer.json();
            },
            tasks -> tasks.size() == 1)
        .get(0);
  }

  private Response fetchAndLock(String user, String model) {
    return ApiClient.as(port, user)
        .post(
            "/engine-rest/external-task/fetchAndLock",
            Map.of(
                "workerId",
                "evaluation-it",
                "maxTasks",
                1,
                "topics",
                List.of(
                    Map.of(
                        "topicName",
                        "model-evaluation",
                        "lockDuration",
                        600_000,
                        "processVariables",
                        Map.of("modelName", model),
                        "variables",
                        List.of("evaluationRequestId", "modelName")))));
  }

  private static ObjectNode results(
      String candidate, double candidateAuc, String champion, double championAuc) {
    ObjectNode body = new ObjectMapper().createObjectNode();
    body.put("datasetSha256", HASH);
    ObjectNode c = body.putObject("candidate");
    c.put("version", candidate);
    c.putObject("metrics").put("auc", candidateAuc).put("accuracy", 0.875).put("f1", 0.735);
    c.put("rows", 1000);
    if (champion != null) {
      ObjectNode p = body.putObject("champion");
      p.put("version", champion);
      p.putObject("metrics").put("auc", championAuc).put("accuracy", 0.88).put("f1", 0.74);
      p.put("rows", 1000);
    }
    return body;
  }

  private Response post(String user, String id, Object body) {
    return ApiClient.as(port, user).post("/api/evaluations/" + id + "/results", body);
  }

  private long storedResults(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM evaluation_result WHERE request_id = ?")
        .param(java.util.UUID.fromString(id))
        .query(Long.class)
        .single();
  }

  private static JsonNode check(JsonNode checks, String name) {
    for (JsonNode check : checks) {
      if (check.path("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("no check " + name + " in " + checks);
  }
}
