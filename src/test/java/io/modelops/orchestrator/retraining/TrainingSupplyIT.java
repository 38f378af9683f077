package io.modelops.orchestrator.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelRetraining;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Only training pipelines supply a retrained candidate, and the one who supplied it is its
 * registrant: operations (who approve releases and decide canaries) cannot report a training
 * result, neither through the API nor through the webapps' engine API, nor edit a retraining.
 */
@IntegrationTest
class TrainingSupplyIT {

  private static final String ENGINE = "/camunda/api/engine/engine/default";

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired ExternalTaskService externalTaskService;
  @Autowired RuntimeService runtimeService;
  @Autowired RetrainingRequests requests;
  @Autowired CatalogRepository catalog;
  @Autowired JdbcClient jdbc;

  @Test
  void operationsCannotSupplyARetrainedCandidateAndThePipelineThatDoesIsItsRegistrant() {
    // given a production model whose automatic (system) retraining waits for its training worker
    String model = "supply-" + System.nanoTime();
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.toProduction(model, ModelReleases.registration(model, "1.0.0"));
    ModelVersion champion = catalog.findVersion(model, "1.0.0").orElseThrow();
    RetrainingRequests.Request run =
        requests.request(
            champion, Trigger.SCHEDULE, "Quarterly refresh", "system", "supply:" + model);
    String instance = run.processInstanceId();
    ExternalTask task =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(
                () ->
                    externalTaskService
                        .createExternalTaskQuery()
                        .processInstanceId(instance)
                        .topicName(ModelRetraining.TOPIC_TRAINING)
                        .singleResult(),
                Objects::nonNull);
    String artifact = "s3://models/" + model + "/1.0.1/oscars-model.pkl";
    Map<String, Object> result = Map.of("artifactUri", artifact, "metrics", Map.of("auc", 0.99));
    String resultJson = "{\"artifactUri\":\"" + artifact + "\",\"metrics\":{\"auc\":0.99}}";

    // when operations (oscar) try to supply the candidate: the pipeline callback of the API ...
    Response callback =
        ApiClient.as(port, "oscar")
            .post(
                "/api/retraining/" + run.id() + "/result",
                Map.of("status", "SUCCEEDED", "result", result));
    // ... and, in Cockpit's session, the engine API a worker uses, a variable edit, the result
    // message
    ApiClient cockpit = ApiClient.tasklistSession(port, "oscar");
    // (the engine refuses the fetch; Camunda's fetch-and-lock handler answers that refusal with
    // 500)
    Response fetched =
        cockpit.post(
            ENGINE + "/external-task/fetchAndLock",
            Map.of(
                "workerId",
                "oscar",
                "maxTasks",
                1,
                "topics",
                List.of(
                    Map.of(
                        "topicName",
                        ModelRetraining.TOPIC_TRAINING,
                        "lockDuration",
                        60000,
                        "businessKey",
                        model))),
            cockpit.xsrf());
    List<Response> attempts =
        List.of(
            cockpit.post(
                ENGINE + "/external-task/" + task.getId() + "/complete",
                Map.of(
                    "workerId",
                    "oscar",
                    "variables",
                    Map.of(
                        ModelRetraining.TRAINING_RESULT,
                        Map.of("value", resultJson, "type", "String"))),
                cockpit.xsrf()),
            cockpit.post(
                ENGINE + "/external-task/" + task.getId() + "/failure",
                Map.of("workerId", "oscar", "errorMessage", "x", "retries", 0, "retryTimeout", 0),
                cockpit.xsrf()),
            cockpit.post(
                ENGINE + "/external-task/" + task.getId() + "/unlock", Map.of(), cockpit.xsrf()),
            cockpit.put(
                ENGINE
                    + "/process-instance/"
                    + instance
                    + "/variables/"
                    + ModelRetraining.TRAINING_RESULT,
                Map.of("value", resultJson, "type", "String"),
                cockpit.xsrf()),
            cockpit.post(
                ENGINE + "/process-instance/" + instance + "/variables",
                Map.of("modifications", Map.of("requestId", Map.of("value", "x"))),
                cockpit.xsrf()),
            cockpit.delete(
                ENGINE + "/process-instance/" + instance + "/variables/championVersionId",
                cockpit.xsrf()),
            cockpit.post(
                ENGINE + "/message",
                Map.of(
                    "messageName",
                    ModelRetraining.MESSAGE_RESULT_REPORTED,
                    "processInstanceId",
                    instance,
                    "processVariables",
                    Map.of("trainingSucceeded", Map.of("value", true))),
                cockpit.xsrf()),
            cockpit.post(
                ENGINE + "/process-instance/" + instance + "/modification",
                Map.of(
                    "instructions",
                    List.of(
                        Map.of(
                            "type",
                            "startBeforeActivity",
                            "activityId",
                            ModelRetraining.TASK_REGISTER_CANDIDATE))),
                cockpit.xsrf()));

    // then every way is refused (403, problem+json from the API), and nothing moved
    assertThat(callback.status()).as(callback.body()).isEqualTo(403);
    assertThat(callback.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fetched.status()).as(fetched.body()).isNotEqualTo(200);
    assertThat(fetched.body()).doesNotContain(task.getId());
    assertThat(attempts).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(403));
    assertThat(
            externalTaskService
                .createExternalTaskQuery()
                .externalTaskId(task.getId())
                .singleResult()
                .getWorkerId())
        .isNull();
    assertThat(runtimeService.getVariable(instance, ModelRetraining.TRAINING_RESULT)).isNull();
    assertThat(runtimeService.getVariable(instance, "championVersionId"))
        .isEqualTo(champion.id().toString());

    // but operations still retry a failed training
    Response retry =
        cockpit.put(
            ENGINE + "/external-task/" + task.getId() + "/retries",
            Map.of("retries", 2),
            cockpit.xsrf());
    assertThat(retry.status()).as(retry.body()).isEqualTo(204);

    // when the training pipeline (ci-bot) fetches and completes the training
    ApiClient ci = ApiClient.as(port, "ci-bot");
    Response locked =
        ci.post(
            "/engine-rest/external-task/fetchAndLock",
            Map.of(
                "workerId",
                "pipeline",
                "maxTasks",
                1,
                "topics",
                List.of(
                    Map.of(
                        "topicName",
                        ModelRetraining.TOPIC_TRAINING,
                        "lockDuration",
                        60000,
                        "businessKey",
                        model))));
    assertThat(locked.status()).as(locked.body()).isEqualTo(200);
    assertThat(locked.json().findValuesAsText("id")).containsExactly(task.getId());
    Response completed =
        ci.post(
            "/engine-rest/external-task/" + task.getId() + "/complete",
            Map.of(
                "workerId",
                "pipeline",
                "variables",
                Map.of(
                    ModelRetraining.TRAINING_RESULT,
                    Map.of("value", resultJson, "type", "String"))));
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);

    // then the candidate's registrant is the pipeline that supplied it, on record in the audit log
    JsonNode candidate =
        await()
            .atMost(ModelReleases.TIMEOUT)
            .until(() -> releases.version(model, "1.0.1"), v -> v.path("registeredBy").isTextual());
    assertThat(candidate.path("registeredBy").asText()).isEqualTo("ci-bot");
    assertThat(candidate.path("artifactUri").asText()).isEqualTo(artifact);
    assertThat(
            jdbc.sql("SELECT actor FROM audit_event WHERE process_instance_id = ? AND action = ?")
                .params(instance, "TRAINING_RESULT_REPORTED")
                .query(String.class)
                .list())
        .containsExactly("ci-bot");
    assertThat(
            jdbc.sql("SELECT details FROM audit_event WHERE model = ? AND action = ?")
                .params(model, "RETRAINING_CANDIDATE_REGISTERED")
                .query(String.class)
                .single())
        .contains("\"suppliedBy\":\"ci-bot\"", "\"requestedBy\":\"system\"");
  }
}
