package io.modelops.orchestrator.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.process.ModelRetraining;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.CreditRiskScript;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import io.modelops.orchestrator.support.MonitoringScenario;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.TestJobs;
import io.modelops.orchestrator.support.TestWebhook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The closed loop on real PostgreSQL with the reference training worker running the allow-listed
 * test trainers (src/test/resources/trainers): drift or a request starts a retraining, the worker
 * trains, the candidate is registered with lineage and goes through its own lifecycle against the
 * champion.
 */
@IntegrationTest
class RetrainingIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired CatalogRepository catalog;
  @Autowired RetrainingRequests retrainingRequests;
  @Autowired JdbcClient jdbc;

  private ModelReleases releases;
  private MonitoringScenario monitoring;

  @BeforeEach
  void setUp() {
    releases = new ModelReleases(port, managementService);
    monitoring = new MonitoringScenario(port, managementService, releases);
  }

  @Test
  void shouldRetrainOnDriftAndPromoteTheBetterCandidateWithItsLineage() {
    // given a LOW-risk champion with auc 0.91 in production (the trainer reaches 0.93)
    String model = "retrain-better";
    releases.toProduction(model, MonitoringScenario.withProfile(model, "1.0.0"));

    // when its inputs drift and the health policy asks for retraining
    monitoring.postWindow(
        model,
        "1.0.0",
        MonitoringScenario.normal(11, 400, 115, 15),
        MonitoringScenario.normal(12, 400, 50, 10),
        Map.of("card", 280L, "transfer", 100L, "cash", 20L));
    JsonNode health = monitoring.evaluate(model, "1.0.0", 1);
    assertThat(health.path("latest").path("action").asText()).isEqualTo("retrain");

    // then, without manual steps, the worker trains and candidate 1.0.1 enters its lifecycle
    JsonNode candidate = releases.awaitStage(model, "1.0.1", "CANARY");
    JsonNode lineage = candidate.path("lineage");
    assertThat(lineage.path("parentVersion").asText()).isEqualTo("1.0.0");
    assertThat(lineage.path("retrainingReason").asText()).contains("DRIFTING");
    assertThat(lineage.path("trainingDataRef").asText())
        .isEqualTo("s3://datasets/retrain-better/latest/");
    String retrainingId = lineage.path("retrainingId").asText();
    assertThat(lineage.path("runId").asText()).isEqualTo("retraining-" + retrainingId);
    assertThat(candidate.path("artifactUri").asText())
        .startsWith("file:///")
        .endsWith("/model.json");
    // the worker's identity supplied it: it is the registrant of a retraining nobody asked for
    assertThat(candidate.path("registeredBy").asText()).isEqualTo("ci-bot");
    assertThat(candidate.path("validation").path("comparedWithChampion").asText())
        .isEqualTo("1.0.0");
    assertThat(candidate.path("metrics").path("auc").asDouble()).isEqualTo(0.93);
    // the candidate inherits the champion's reference profile
    assertThat(
            jdbc.sql("SELECT features FROM monitoring_profile WHERE model_version_id = ?")
                .param(java.util.UUID.fromString(candidate.path("id").asText()))
                .query(Integer.class)
                .single())
        .isEqualTo(3);
    assertThat(retraining(retrainingId).path("status").asText()).isEqualTo("CANDIDATE");

    // when the candidate's canary is healthy
    releases.postMetrics(model, "1.0.1", 0.01, 120, 6);
    releases.makeDue(model, "1.0.1", ModelLifecycle.TIMER_CANARY_WINDOW);

    // then it replaces the champion, and the retraining ends promoted
    releases.awaitStatus(model, "1.0.1", "IN_PRODUCTION");
    releases.awaitStatus(model, "1.0.0", "RETIRED");
    JsonNode run =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(
                () -> retraining(retrainingId), r -> r.path("status").asText().equals("PROMOTED"));
    assertThat(run.path("candidateVersion").asText()).isEqualTo("1.0.1");
    assertThat(run.path("outcome").asText()).contains("replaced the champion");
    assertThat(run.path("triggers").findValuesAsText("kind")).containsExactly("DRIFT");
    assertThat(audit(model, "RETRAINING_CANDIDATE_REGISTERED")).isEqualTo(1);
    assertThat(audit(model, "RETRAINING_FINISHED")).isEqualTo(1);
    assertThat(
            ApiClient.as(port, "oscar").get("/api/models/" + model + "/retraining").json().size())
        .isEqualTo(1);
  }

  @Test
  void shouldCarryTheExampleTrainersLineageIntoAHighRiskCandidateThatPassesTheDocumentationCheck()
      throws Exception {
    CreditRiskScript.assumeAvailable();
    // given a HIGH-risk champion in production, reviewed by a validator and by model risk
    String model = "retrain-lineage-" + System.nanoTime();
    ObjectNode champion =
        Registrations.example("1.0.0")
            .put("artifactUri", "s3://models/" + model + "/1.0.0/model.pkl");
    Response registered =
        ApiClient.as(port, "ci-bot").post("/api/models/" + model + "/versions", champion);
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    String instance = registered.json().path("processInstanceId").asText();
    decide("victor", instance, Map.of("reviewDecision", "APPROVE", "reviewComment", "Fine"));
    decide("rita", instance, Map.of("reviewDecision", "APPROVE", "reviewComment", "Accepted"));
    decide("oscar", instance, Map.of("releaseDecision", "APPROVE", "releaseComment", "Go"));
    releases.awaitStage(model, "1.0.0", "CANARY");
    releases.postMetrics(model, "1.0.0", 0.01, 120, 6);
    releases.makeDue(model, "1.0.0", ModelLifecycle.TIMER_CANARY_WINDOW);
    releases.awaitStatus(model, "1.0.0", "IN_PRODUCTION");

    // when a retraining is asked for, and a training worker runs the example trainer for it
    Response asked = retrain(model, "dana", "New labelled data");
    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    String retrainingId = asked.json().path("id").asText();
    ApiClient worker = ApiClient.as(port, "ci-bot");
    Map<String, Object> topic = new LinkedHashMap<>();
    topic.put("topicName", "model-training");
    topic.put("lockDuration", 120_000);
    topic.put("processVariables", Map.of("modelName", model));
    JsonNode task =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(
                () ->
                    worker
                        .post(
                            "/engine-rest/external-task/fetchAndLock",
                            Map.of(
                                "workerId",
                                "lineage-test",
                                "maxTasks",
                                1,
                                "topics",
                                List.of(topic)))
                        .json(),
                tasks -> tasks.size() == 1)
            .get(0);
    JsonNode result = JSON.readTree(exampleTrainer("retraining-" + retrainingId));
    Response completed =
        worker.post(
            "/engine-rest/external-task/" + task.path("id").asText() + "/complete",
            Map.of(
                "workerId",
                "lineage-test",
                "variables",
                Map.of(
                    ModelRetraining.TRAINING_RESULT,
                    Map.of("value", result.toString(), "type", "Json"))));
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);

    // then the candidate carries the trainer's lineage, and its documentation is complete
    JsonNode candidate =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .ignoreExceptions()
            .until(
                () -> releases.version(model, "1.0.1"),
                v -> v.path("validation").path("checks").size() > 0);
    assertThat(result.path("sourceCommit").asText()).isNotBlank();
    JsonNode lineage = candidate.path("lineage");
    assertThat(lineage.path("sourceCommit").asText())
        .isEqualTo(result.path("sourceCommit").asText());
    assertThat(lineage.path("trainingDataRef").asText())
        .isEqualTo(result.path("trainingDataRef").asText());
    assertThat(lineage.path("runId").asText()).isEqualTo("retraining-" + retrainingId);
    assertThat(candidate.path("riskTier").asText()).isEqualTo("HIGH");
    JsonNode documentation = check(candidate, "documentation");
    assertThat(documentation.path("status").asText())
        .as(documentation.toString())
        .isEqualTo("PASS");
  }

  /** {@code credit_risk.py train} of the credit-risk example, as the worker runs it. */
  private static String exampleTrainer(String runId) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(Path.of("target/training/lineage-" + System.nanoTime()));
    return CreditRiskScript.run(
            dir,
            Map.of("MODELOPS_OUTPUT_DIR", dir.resolve("out").toString(), "MODELOPS_RUN_ID", runId),
            "train",
            "--data",
            dir.resolve("data.csv").toString(),
            "--rows",
            "1000")
        .result();
  }

  private void decide(String user, String instance, Map<String, String> decision) {
    ApiClient client = ApiClient.as(port, user);
    String taskId =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(
                () -> {
                  JsonNode tasks =
                      client
                          .get("/engine-rest/task?maxResults=10&processInstanceId=" + instance)
                          .json();
                  return tasks.isEmpty() ? null : tasks.get(0).path("id").asText();
                },
                Objects::nonNull);
    Map<String, Object> variables = new LinkedHashMap<>();
    decision.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    Response response =
        client.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    assertThat(response.status()).as(response.body()).isEqualTo(204);
  }

  @Test
  void shouldRejectAWorseCandidateWithTheComparisonInItsReport() {
    // given a champion with auc 0.91; the trainer reaches 0.85 (LOW risk allows 0.01 less)
    String model = "retrain-worse";
    releases.toProduction(model, ModelReleases.registration(model, "1.0.0"));

    // when a data scientist asks for retraining
    Response started = retrain(model, "dana", "New labelled data for November");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json().path("triggerOutcome").asText()).isEqualTo("STARTED");
    String id = started.json().path("id").asText();

    // then the candidate is registered and rejected by its validation against the champion
    JsonNode candidate = releases.awaitStatus(model, "1.0.1", "REJECTED");
    assertThat(candidate.path("registeredBy").asText()).isEqualTo("dana");
    // with the risk questionnaire of the version it retrains
    JsonNode championRisk = releases.version(model, "1.0.0").path("riskClassification");
    assertThat(championRisk.path("assessment").isObject()).isTrue();
    assertThat(candidate.path("riskClassification").path("assessment"))
        .isEqualTo(championRisk.path("assessment"));
    assertThat(candidate.path("riskTier").asText()).isEqualTo("LOW");
    JsonNode comparison = check(candidate, "champion:auc");
    assertThat(comparison.path("status").asText()).isEqualTo("FAIL");
    assertThat(comparison.path("observed").asText()).contains("0.85", "vs champion 1.0.0");
    JsonNode report =
        ApiClient.as(port, "victor").get("/api/models/" + model + "/versions/1.0.1/report").json();
    assertThat(report.toString()).contains("champion:auc", "0.85", "1.0.0");
    JsonNode run =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(() -> retraining(id), r -> r.path("status").asText().equals("NOT_PROMOTED"));
    assertThat(run.path("outcome").asText()).contains("1.0.1", "REJECTED");
    assertThat(releases.version(model, "1.0.0").path("status").asText()).isEqualTo("IN_PRODUCTION");
  }

  @Test
  void shouldTellTheOwnerWhenTheTrainerFindsNoBetterModel() {
    // given
    String model = "retrain-no-better";
    releases.toProduction(model, ModelReleases.registration(model, "1.0.0"));

    // when
    String id = retrain(model, "oscar", "Quarterly refresh").json().path("id").asText();

    // then
    JsonNode run =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(() -> retraining(id), r -> r.path("status").asText().equals("NO_CANDIDATE"));
    assertThat(run.path("outcome").asText()).contains("no better model", "holdout AUC 0.6");
    assertThat(ApiClient.as(port, "oscar").get("/api/models/" + model + "/versions/1.0.1").status())
        .isEqualTo(404);
    await()
        .atMost(ModelReleases.TIMEOUT)
        .until(
            () -> MonitoringScenario.mail(model + ":1.0.0 retraining produced no candidate"),
            Objects::nonNull);
  }

  @Test
  void shouldRaiseAnIncidentWhenTheTrainerKeepsFailing() {
    // given
    String model = "retrain-broken";
    releases.toProduction(model, ModelReleases.registration(model, "1.0.0"));

    // when
    String instance = retrain(model, "oscar", "Refresh").json().path("processInstanceId").asText();

    // then: three attempts, then an incident on "Train model" for operations
    Incident incident =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(
                () ->
                    runtimeService.createIncidentQuery().processInstanceId(instance).singleResult(),
                Objects::nonNull);
    assertThat(incident.getActivityId()).isEqualTo(ModelRetraining.TASK_TRAIN_MODEL);
    assertThat(incident.getIncidentMessage()).contains("Training command failed (exit code 1)");
  }

  @Test
  void shouldRecordFurtherTriggersOnTheRunningRetraining() {
    // given a model no worker here trains, so its retraining keeps running
    String model = "retrain-waiting";
    releases.toProduction(model, ModelReleases.registration(model, "1.0.0"));
    ModelVersion champion = catalog.findVersion(model, "1.0.0").orElseThrow();

    // when two drift alerts, a repeated one and a manual request arrive
    RetrainingRequests.Request first =
        retrainingRequests.request(
            champion, Trigger.DRIFT, "Dataset drift", "system", "health:first-" + model);
    RetrainingRequests.Request second =
        retrainingRequests.request(
            champion, Trigger.DRIFT, "Dataset drift again", "system", "health:second-" + model);
    RetrainingRequests.Request repeated =
        retrainingRequests.request(
            champion, Trigger.DRIFT, "Dataset drift again", "system", "health:second-" + model);
    Response manual = retrain(model, "dana", "Please retrain");

    // then one retraining runs, with every trigger recorded on it
    assertThat(first.outcome()).isEqualTo(RetrainingRequests.Outcome.STARTED);
    assertThat(second.outcome()).isEqualTo(RetrainingRequests.Outcome.JOINED);
    assertThat(repeated.outcome()).isEqualTo(RetrainingRequests.Outcome.REPEATED);
    assertThat(List.of(second.id(), repeated.id())).containsOnly(first.id());
    assertThat(manual.status()).isEqualTo(202);
    assertThat(manual.json().path("triggerOutcome").asText()).isEqualTo("JOINED");
    assertThat(manual.json().path("id").asText()).isEqualTo(first.id().toString());
    assertThat(manual.json().path("triggers").findValuesAsText("kind"))
        .containsExactly("DRIFT", "DRIFT", "MANUAL");
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(ModelRetraining.KEY)
                .processInstanceBusinessKey(model)
                .count())
        .isEqualTo(1);
    await()
        .atMost(ModelReleases.TIMEOUT)
        .until(
            () ->
                runtimeService
                        .createExecutionQuery()
                        .processInstanceId(first.processInstanceId())
                        .activityId(ModelRetraining.TASK_TRAIN_MODEL)
                        .count()
                    == 1);
    assertThat(audit(model, "RETRAINING_TRIGGER_JOINED")).isEqualTo(2);
  }

  @Test
  void shouldTrainInThePipelineAndRegisterTheCandidateFromItsCallback() {
    // given a model trained by the organisation's pipeline
    String model = "retrain-pipeline";
    ObjectNode body = ModelReleases.registration(model, "1.0.0");
    body.set("retraining", JSON.valueToTree(Map.of("trainer", "PIPELINE")));
    releases.toProduction(model, body);

    // when retraining is requested
    String id = retrain(model, "dana", "Drift seen in the dashboard").json().path("id").asText();

    // then the pipeline is called, signed, with the callback URL
    TestWebhook.Call call =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(
                () ->
                    TestWebhook.calls().stream()
                        .filter(c -> ("retraining:" + id).equals(c.idempotencyKey()))
                        .findFirst()
                        .orElse(null),
                Objects::nonNull);
    assertThat(call.signature()).isNotBlank();
    assertThat(call.body())
        .contains(
            "\"callbackUrl\":\"/api/retraining/" + id + "/result\"",
            "\"candidateVersion\":\"1.0.1\"");
    await().atMost(ModelReleases.TIMEOUT).until(() -> waiting(id));

    // and a result without the model, or from a data scientist, is refused
    assertThat(report(id, Map.of("status", "SUCCEEDED")).status()).isEqualTo(400);
    assertThat(
            ApiClient.as(port, "dana")
                .post("/api/retraining/" + id + "/result", Map.of("status", "FAILED"))
                .status())
        .isEqualTo(403);

    // when the pipeline reports its model
    Map<String, Object> result =
        Map.of(
            "artifactUri",
            "s3://models/" + model + "/1.0.1/model.pkl",
            "metrics",
            Map.of("auc", 0.92, "accuracy", 0.9, "f1", 0.8),
            "runId",
            "airflow-run-42",
            "trainingDataRef",
            "s3://datasets/" + model + "/2026-12/");
    Response accepted = report(id, Map.of("status", "SUCCEEDED", "result", result));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

    // then the candidate enters its lifecycle with the pipeline's lineage; a second report is
    // refused
    JsonNode candidate = releases.awaitStage(model, "1.0.1", "CANARY");
    assertThat(candidate.path("lineage").path("runId").asText()).isEqualTo("airflow-run-42");
    assertThat(candidate.path("lineage").path("parentVersion").asText()).isEqualTo("1.0.0");
    assertThat(report(id, Map.of("status", "SUCCEEDED", "result", result)).status()).isEqualTo(409);
  }

  @Test
  void shouldRetrainOnTheModelsSchedule() {
    // given a version retrained every 30 days
    String model = "retrain-scheduled";
    ObjectNode body = ModelReleases.registration(model, "1.0.0");
    body.set("retraining", JSON.valueToTree(Map.of("schedule", "P30D")));
    releases.toProduction(model, body);
    String instance = releases.version(model, "1.0.0").path("processInstanceId").asText();
    await()
        .atMost(ModelReleases.TIMEOUT)
        .until(
            () ->
                managementService
                        .createJobQuery()
                        .processInstanceId(instance)
                        .activityId(ModelLifecycle.TIMER_RETRAINING_SCHEDULE)
                        .count()
                    == 1);

    // when the schedule is due
    TestJobs.makeDue(managementService, instance, ModelLifecycle.TIMER_RETRAINING_SCHEDULE);

    // then a retraining starts, and the schedule waits for its next time
    JsonNode runs =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(
                () ->
                    ApiClient.as(port, "oscar").get("/api/models/" + model + "/retraining").json(),
                r -> r.size() == 1);
    assertThat(runs.get(0).path("triggers").findValuesAsText("kind")).containsExactly("SCHEDULE");
    await()
        .atMost(ModelReleases.TIMEOUT)
        .until(
            () ->
                managementService
                    .createJobQuery()
                    .processInstanceId(instance)
                    .activityId(ModelLifecycle.TIMER_RETRAINING_SCHEDULE)
                    .singleResult(),
            job ->
                job != null
                    && job.getDuedate().getTime()
                        > System.currentTimeMillis() + 29L * 24 * 3600 * 1000);
  }

  @Test
  void shouldAnswerBadRetrainingRequestsWithProblems() {
    // given
    String model = "retrain-requests";
    releases.register(model, ModelReleases.registration(model, "1.0.0"));

    assertThat(retrain(model, "victor", "I validate").status()).isEqualTo(403);
    assertThat(retrain(model, "ci-bot", "I register").status()).isEqualTo(403);
    assertThat(retrain("no-such-model", "dana", "x").status()).isEqualTo(404);
    Response notInProduction = retrain(model, "dana", "Too early");
    assertThat(notInProduction.status()).isEqualTo(409);
    assertThat(notInProduction.header("Content-Type")).startsWith("application/problem+json");
    assertThat(notInProduction.json().path("detail").asText()).contains("no version in production");
    assertThat(
            ApiClient.as(port, "dana")
                .post("/api/models/" + model + "/retrain", Map.of("reason", " "))
                .status())
        .isEqualTo(400);
    assertThat(
            ApiClient.as(port, "dana")
                .post(
                    "/api/models/" + model + "/retrain",
                    Map.of("reason", "x", "command", "rm -rf /"))
                .status())
        .isEqualTo(400);
    assertThat(
            ApiClient.as(port, "oscar")
                .get("/api/retraining/00000000-0000-0000-0000-000000000000")
                .status())
        .isEqualTo(404);
    assertThat(report("00000000-0000-0000-0000-000000000000", Map.of("status", "FAILED")).status())
        .isEqualTo(404);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM retraining_request r JOIN model m ON m.id = r.model_id WHERE m.name = ?")
                .param(model)
                .query(Long.class)
                .single())
        .isZero();
  }

  // helpers

  private Response retrain(String model, String user, String reason) {
    return ApiClient.as(port, user)
        .post("/api/models/" + model + "/retrain", Map.of("reason", reason));
  }

  private Response report(String id, Map<String, ?> body) {
    return ApiClient.as(port, "ci-bot").post("/api/retraining/" + id + "/result", body);
  }

  private boolean waiting(String id) {
    String instance = retraining(id).path("processInstanceId").asText();
    return runtimeService
            .createExecutionQuery()
            .processInstanceId(instance)
            .activityId(ModelRetraining.TASK_WAIT_FOR_RESULT)
            .count()
        == 1;
  }

  private JsonNode retraining(String id) {
    return ApiClient.as(port, "oscar").get("/api/retraining/" + id).json();
  }

  private long audit(String model, String action) {
    return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE model = ? AND action = ?")
        .params(model, action)
        .query(Long.class)
        .single();
  }

  private static JsonNode check(JsonNode version, String name) {
    for (JsonNode check : version.path("validation").path("checks")) {
      if (check.path("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("No check " + name + " in " + version.path("validation"));
  }
}
