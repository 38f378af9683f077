package io.modelops.orchestrator.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.process.FindingRemediation;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.Tasks;
import io.modelops.orchestrator.support.TestJobs;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The model risk workflow end to end on PostgreSQL: a validator governs the evaluation dataset of a
 * new model; a HIGH-risk version passes validation on the metrics an evaluator computed; it is
 * approved with a HIGH finding, and its release is blocked until another validator closes the
 * finding; it goes to production; a year later its revalidation waits for a new independent
 * evaluation and then opens for a validator who neither registered nor reviewed it.
 */
@IntegrationTest
class ModelRiskWorkflowIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String HASH = "5eed1e55".repeat(8);
  private static final String FINDING = "Calibration not shown for applicants under 25";

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired TaskService taskService;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldReleaseAConditionallyApprovedVersionOnlyAfterItsFindingIsClosedAndRevalidateIt() {
    String model = "model-risk-" + System.nanoTime() % 1_000_000;
    ModelReleases releases = new ModelReleases(port, managementService);

    // given: a new model (its first draft failed validation) and its holdout, registered by victor
    ObjectNode draft = Registrations.example("0.9.0");
    draft.with("metrics").put("auc", 0.6);
    assertThat(register(model, draft).status()).isEqualTo(201);
    releases.awaitStatus(model, "0.9.0", "REJECTED");
    Response dataset =
        ApiClient.as(port, "victor")
            .post(
                "/api/models/" + model + "/evaluation-datasets",
                Map.of("uri", "s3://holdouts/" + model + "/holdout.parquet", "sha256", HASH));
    assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);

    // when: dana registers a HIGH-risk version declaring auc 0.91
    Response registered = register(model, Registrations.example("1.0.0"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    String instance = registered.json().path("processInstanceId").asText();

    // then: an evaluation request waits for eval-bot, naming the version and the holdout
    String first = awaitEvaluationRequest(model);
    JsonNode request = ApiClient.as(port, "eval-bot").get("/api/evaluations/" + first).json();
    assertThat(request.path("status").asText()).isEqualTo("OPEN");
    assertThat(request.path("candidate").path("version").asText()).isEqualTo("1.0.0");
    assertThat(request.path("datasetSha256").asText()).isEqualTo(HASH);
    assertThat(visibleTasks(instance, "victor")).isZero();

    // when: eval-bot posts what it computed on the holdout
    Response evaluated = postResults(first, 0.905);
    assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);

    // then: validation passed on the computed metrics, and the review waits for victor
    String review = Tasks.awaitTask(port, instance, "victor", TIMEOUT);
    JsonNode checks = releases.version(model, "1.0.0").path("validation").path("checks");
    assertThat(check(checks, "independent-evaluation").path("status").asText()).isEqualTo("PASS");
    assertThat(check(checks, "declared-metrics-match").path("status").asText()).isEqualTo("PASS");
    assertThat(check(checks, "metric:auc").path("observed").asText()).isEqualTo("0.905 (computed)");
    assertThat(check(checks, "metric:auc").path("status").asText()).isEqualTo("PASS");

    // when: victor approves with conditions, raising a HIGH finding; rita approves
    assertThat(claim(review, "victor").status()).isEqualTo(204);
    Response raised =
        ApiClient.as(port, "victor")
            .post(
                "/api/models/" + model + "/versions/1.0.0/findings",
                Map.of(
                    "title",
                    FINDING,
                    "description",
                    "Found in the validation memo",
                    "severity",
                    "HIGH"));
    assertThat(raised.status()).as(raised.body()).isEqualTo(201);
    String finding = raised.json().path("id").asText();
    assertThat(raised.json().path("owner").asText()).isEqualTo("dana");
    assertThat(raised.json().path("blocksRelease").asBoolean()).isTrue();
    assertThat(review(review, "victor", "APPROVE_WITH_CONDITIONS").status()).isEqualTo(204);
    String risk = Tasks.awaitTask(port, instance, "rita", TIMEOUT);
    assertThat(review(risk, "rita", "APPROVE").status()).isEqualTo(204);

    // and: oscar approves the release
    String release = Tasks.awaitTask(port, instance, "oscar", TIMEOUT);
    Response approved =
        complete(release, "oscar", Map.of("releaseDecision", Map.of("value", "APPROVE")));
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);

    // then: the canary's guard refuses to start it, naming the open finding
    JsonNode incident = Tasks.awaitIncident(port, instance, TIMEOUT);
    assertThat(incident.path("activityId").asText()).isEqualTo(ModelLifecycle.TASK_START_CANARY);
    assertThat(incident.path("incidentMessage").asText())
        .contains(FINDING, "blocks the production release");
    assertThat(releases.version(model, "1.0.0").path("stage").asText()).isEqualTo("STAGING");
    assertThat(audit(model, "CONTROL_VIOLATION")).isGreaterThanOrEqualTo(1);

    // when: dana remediates in her task, and vera (neither owner nor raiser) closes it in hers
    Task remediate = remediationTask(finding, FindingRemediation.TASK_REMEDIATE);
    assertThat(remediate.getAssignee()).isEqualTo("dana");
    Response submitted =
        complete(
            remediate.getId(),
            "dana",
            Map.of(
                "remediation",
                Map.of("value", "Calibration plot per age band added, section 4.2"),
                "evidenceUri",
                Map.of("value", "https://wiki.example.com/memo#4.2")));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(204);
    Task verify = remediationTask(finding, FindingRemediation.TASK_VERIFY);
    assertThat(claim(verify.getId(), "victor").status()).isEqualTo(403);
    assertThat(claim(verify.getId(), "vera").status()).isEqualTo(204);
    Response verified =
        complete(
            verify.getId(),
            "vera",
            Map.of(
                "verdict",
                Map.of("value", "CLOSE"),
                "verdictComment",
                Map.of("value", "Calibration fine in every band")));
    assertThat(verified.status()).as(verified.body()).isEqualTo(204);

    // then: the finding is closed by vera
    JsonNode closed = ApiClient.as(port, "ci-bot").get("/api/findings/" + finding).json();
    assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.path("blocksRelease").asBoolean()).isFalse();
    assertThat(closed.path("history").get(closed.path("history").size() - 1).path("actor").asText())
        .isEqualTo("vera");

    // when: operations retry the guarded step; the canary is healthy
    Response retried =
        ApiClient.as(port, "admin")
            .put(
                "/engine-rest/job/" + incident.path("configuration").asText() + "/retries",
                "{\"retries\":1}");
    assertThat(retried.status()).as(retried.body()).isEqualTo(204);
    releases.awaitStage(model, "1.0.0", "CANARY");
    releases.postMetrics(model, "1.0.0", 0.01, 120, 6);
    releases.makeDue(model, "1.0.0", ModelLifecycle.TIMER_CANARY_WINDOW);

    // then: in production, revalidation due in a year
    JsonNode production = releases.awaitStatus(model, "1.0.0", "IN_PRODUCTION");
    assertThat(production.path("revalidation").path("interval").asText()).isEqualTo("P1Y");

    // when: a year has passed and the revalidation timer fires
    jdbc.sql(
            "UPDATE revalidation_schedule SET revalidation_due_at = ? WHERE model_version_id ="
                + " (SELECT id FROM model_version WHERE process_instance_id = ?)")
        .params(OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), instance)
        .update();
    TestJobs.makeDue(managementService, instance, ModelLifecycle.TIMER_REVALIDATION_DUE);

    // then: a new evaluation request opens for the production version; no review yet
    String second = awaitEvaluationRequest(model);
    assertThat(second).isNotEqualTo(first);
    JsonNode again = ApiClient.as(port, "eval-bot").get("/api/evaluations/" + second).json();
    assertThat(again.path("status").asText()).isEqualTo("OPEN");
    assertThat(again.path("candidate").path("version").asText()).isEqualTo("1.0.0");
    assertThat(again.path("datasetSha256").asText()).isEqualTo(HASH);
    JsonNode opened = releases.version(model, "1.0.0").path("revalidation");
    assertThat(opened.path("overdue").asBoolean()).isTrue();
    assertThat(opened.path("openSince").isMissingNode()).isFalse();
    assertThat(opened.path("evaluationRequestedAt").isMissingNode()).isFalse();
    assertThat(visibleTasks(instance, "vera")).isZero();

    // when: eval-bot posts the new results
    Response reevaluated = postResults(second, 0.897);
    assertThat(reevaluated.status()).as(reevaluated.body()).isEqualTo(200);

    // then: the revalidation review opens for vera, not for the registrant or a reviewer
    String revalidation = Tasks.awaitTask(port, instance, "vera", TIMEOUT);
    assertThat(
            taskService
                .createTaskQuery()
                .taskId(revalidation)
                .singleResult()
                .getTaskDefinitionKey())
        .isEqualTo(ModelLifecycle.TASK_REVALIDATE);
    assertThat(claim(revalidation, "dana").status()).isIn(403, 404);
    assertThat(claim(revalidation, "victor").status()).isEqualTo(403);
    assertThat(claim(revalidation, "rita").status()).isIn(403, 404);

    // and: its form summary shows the metrics eval-bot computed on the holdout
    assertThat(taskService.getVariable(revalidation, ModelLifecycle.REVALIDATION_SUMMARY.name()))
        .asString()
        .contains("computed {accuracy=0.875, auc=0.897, f1=0.735} on 1000 rows", HASH, "eval-bot");

    // and: the version shows the open revalidation, the new evaluation its own
    JsonNode version = releases.version(model, "1.0.0");
    assertThat(version.path("status").asText()).isEqualTo("IN_PRODUCTION");
    JsonNode open = version.path("revalidation");
    assertThat(open.path("overdue").asBoolean()).isTrue();
    assertThat(open.path("openSince").isMissingNode()).isFalse();
    JsonNode newEvaluation = ApiClient.as(port, "ci-bot").get("/api/evaluations/" + second).json();
    assertThat(newEvaluation.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(newEvaluation.path("evaluatedBy").asText()).isEqualTo("eval-bot");
    assertThat(newEvaluation.path("candidate").path("metrics").path("auc").asDouble())
        .isEqualTo(0.897);
    assertThat(OffsetDateTime.parse(newEvaluation.path("requestedAt").asText()))
        .isAfterOrEqualTo(
            OffsetDateTime.parse(open.path("evaluationRequestedAt").asText()).minusSeconds(1));
    assertThat(audit(model, "MODEL_EVALUATED")).isEqualTo(2);
    assertThat(audit(model, "REVALIDATION_EVALUATION_REQUESTED")).isEqualTo(1);
    assertThat(audit(model, "REVALIDATION_OPENED")).isEqualTo(1);

    // when: vera confirms
    Response confirmed =
        complete(
            revalidation,
            "vera",
            Map.of(
                "revalidationDecision",
                Map.of("value", "CONFIRM"),
                "revalidationComment",
                Map.of("value", "Computed metrics as validated; inputs stable")));

    // then: the next revalidation is a year away
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(204);
    JsonNode done =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> releases.version(model, "1.0.0").path("revalidation"),
                r -> "CONFIRM".equals(r.path("lastOutcome").asText()));
    assertThat(done.path("overdue").asBoolean()).isFalse();
    assertThat(done.path("decisions").get(0).path("decidedBy").asText()).isEqualTo("vera");
    assertThat(ApiClient.as(port, "rita").get("/api/audit/verify").json().path("valid").asBoolean())
        .isTrue();
  }

  private Response register(String model, ObjectNode body) {
    body.put(
        "artifactUri", "s3://models/" + model + "/" + body.path("version").asText() + "/m.pkl");
    return ApiClient.as(port, "dana").post("/api/models/" + model + "/versions", body);
  }

  /** Fetches and locks the model's evaluation task as eval-bot; the id of its request. */
  private String awaitEvaluationRequest(String model) {
    JsonNode task =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> {
                  Response answer =
                      ApiClient.as(port, "eval-bot")
                          .post(
                              "/engine-rest/external-task/fetchAndLock",
                              Map.of(
                                  "workerId",
                                  "model-risk-it",
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
                                          List.of("evaluationRequestId")))));
                  assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                  return answer.json();
                },
                tasks -> tasks.size() == 1)
            .get(0);
    return task.path("variables").path("evaluationRequestId").path("value").asText();
  }

  private Response postResults(String request, double auc) {
    ObjectNode body = new ObjectMapper().createObjectNode();
    body.put("datasetSha256", HASH);
    ObjectNode candidate = body.putObject("candidate");
    candidate.put("version", "1.0.0");
    candidate.putObject("metrics").put("auc", auc).put("accuracy", 0.875).put("f1", 0.735);
    candidate.put("rows", 1000);
    return ApiClient.as(port, "eval-bot").post("/api/evaluations/" + request + "/results", body);
  }

  private int visibleTasks(String instance, String user) {
    return ApiClient.as(port, user)
        .get("/engine-rest/task?maxResults=50&processInstanceId=" + instance)
        .json()
        .size();
  }

  private Task remediationTask(String finding, String key) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () ->
                taskService
                    .createTaskQuery()
                    .processInstanceBusinessKey(finding)
                    .taskDefinitionKey(key)
                    .singleResult(),
            Objects::nonNull);
  }

  private Response claim(String task, String user) {
    return ApiClient.as(port, user)
        .post("/engine-rest/task/" + task + "/claim", Map.of("userId", user));
  }

  private Response review(String task, String user, String decision) {
    return complete(
        task,
        user,
        Map.of(
            "reviewDecision",
            Map.of("value", decision),
            "reviewComment",
            Map.of("value", "Reviewed on the computed metrics")));
  }

  private Response complete(String task, String user, Map<String, Object> variables) {
    return ApiClient.as(port, user)
        .post("/engine-rest/task/" + task + "/complete", Map.of("variables", variables));
  }

  private int audit(String model, String action) {
    return ApiClient.as(port, "rita")
        .get("/api/audit?model=" + model + "&action=" + action)
        .json()
        .path("items")
        .size();
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
