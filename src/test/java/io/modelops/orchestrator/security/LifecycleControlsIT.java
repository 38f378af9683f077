package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Only the orchestrator starts lifecycles and retrainings; operations operate, they do not decide;
 * administrators change a lifecycle only as break glass, with a reason; a lifecycle task is held
 * only by someone who may decide it. Attacks through {@code /engine-rest} and through the webapps'
 * own engine API (what Tasklist and Cockpit call).
 */
@IntegrationTest
class LifecycleControlsIT {

  private static final String ENGINE = "/camunda/api/engine/engine/default";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;

  @Test
  void nobodyStartsALifecycleOrRetrainingThroughTheEngineNotEvenAnAdministrator() {
    // given: a registered version, waiting for its review
    String model = "controls-start-" + System.nanoTime();
    String instance = register("ci-bot", model);
    awaitTask(instance);
    String businessKey = model + ":1.0.0";
    long before = lifecycles(businessKey);
    ApiClient admin = ApiClient.as(port, "admin");
    ApiClient dana = ApiClient.tasklistSession(port, "dana");
    String definitionId =
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey("model-lifecycle")
            .latestVersion()
            .singleResult()
            .getId();
    String fakeVariables =
        "\"variables\":{\"modelName\":{\"value\":\""
            + model
            + "\"},\"modelVersion\":{\"value\":\"1.0.0\"},"
            + "\"riskTier\":{\"value\":\"LOW\"},\"registeredBy\":{\"value\":\"dana\"}}";

    // when: an administrator and a data scientist start lifecycles in every way the engine offers
    List<Response> attempts =
        List.of(
            admin.post(
                "/engine-rest/process-definition/key/model-lifecycle/start",
                "{\"businessKey\":\"" + businessKey + "\"," + fakeVariables + "}"),
            admin.post(
                "/engine-rest/process-definition/key/model-lifecycle/start",
                "{\"businessKey\":\""
                    + businessKey
                    + "\","
                    + fakeVariables
                    + ","
                    + "\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_ApproveProductionRelease\"}]}"),
            admin.post(
                "/engine-rest/process-definition/" + definitionId + "/start",
                "{\"businessKey\":\"" + businessKey + "\"}"),
            admin.post(
                "/engine-rest/process-definition/" + definitionId + "/submit-form",
                "{\"businessKey\":\"" + businessKey + "\"}"),
            admin.post(
                "/engine-rest/process-definition/key/model-retraining/start",
                "{\"businessKey\":\"" + model + "\"}"),
            admin.post(
                "/engine-rest/message",
                "{\"messageName\":\"ModelVersionRestored\",\"businessKey\":\""
                    + businessKey
                    + "\"}"),
            dana.post(
                ENGINE + "/process-definition/key/model-lifecycle/start",
                Map.of("businessKey", businessKey),
                dana.xsrf()),
            dana.post(
                ENGINE + "/process-definition/key/model-lifecycle/start",
                Map.of(
                    "businessKey",
                    businessKey,
                    "startInstructions",
                    List.of(
                        Map.of(
                            "type", "startBeforeActivity", "activityId", "Task_TriageModelAlert"))),
                dana.xsrf()),
            dana.post(
                ENGINE + "/process-definition/" + definitionId + "/submit-form",
                Map.of("businessKey", businessKey),
                dana.xsrf()),
            dana.post(
                ENGINE + "/process-definition/key/model-retraining/start",
                Map.of("businessKey", model),
                dana.xsrf()));

    // then: every one is refused, and no instance was started
    for (Response attempt : attempts) {
      assertThat(attempt.status()).as(attempt.body()).isIn(403);
    }
    assertThat(attempts.get(0).body()).contains("only the orchestrator starts");
    assertThat(lifecycles(businessKey)).isEqualTo(before);
    assertThat(
            historyService
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey("model-retraining")
                .processInstanceBusinessKey(model)
                .count())
        .isZero();
  }

  @Test
  void aRestartOfALifecycleIsRefused() {
    // given: an administrator ended a lifecycle, with a reason
    String model = "controls-restart-" + System.nanoTime();
    String instance = register("ci-bot", model);
    awaitTask(instance);
    ApiClient admin = ApiClient.as(port, "admin");
    runtimeService.deleteProcessInstance(instance, "INC-1 withdrawn");
    String definitionId =
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceId(instance)
            .singleResult()
            .getProcessDefinitionId();

    // when
    Response restarted =
        admin.post(
            "/engine-rest/process-definition/" + definitionId + "/restart",
            "{\"processInstanceIds\":[\""
                + instance
                + "\"],"
                + "\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_ApproveProductionRelease\"}]}");
    Response restartedAsync =
        admin.post(
            "/engine-rest/process-definition/" + definitionId + "/restart-async",
            "{\"processInstanceIds\":[\""
                + instance
                + "\"],"
                + "\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_ApproveProductionRelease\"}]}");

    // then
    assertThat(restarted.status()).as(restarted.body()).isEqualTo(403);
    assertThat(restartedAsync.status()).as(restartedAsync.body()).isEqualTo(403);
    assertThat(lifecycles(model + ":1.0.0")).isEqualTo(1);
  }

  @Test
  void theReportFollowsTheCatalogsInstanceNotABusinessKey() {
    // given: a registered version and a second instance with its business key (started through the
    // Java API without a user, as anything that got around the start check would)
    String model = "controls-report-" + System.nanoTime();
    String instance = register("ci-bot", model);
    awaitTask(instance);
    String fake =
        runtimeService
            .createProcessInstanceByKey("model-lifecycle")
            .businessKey(model + ":1.0.0")
            .startBeforeActivity("Gateway_AwaitNewVersion")
            .setVariables(runtimeService.getVariables(instance))
            .execute(true, true)
            .getId();

    // when
    JsonNode report =
        ApiClient.as(port, "rita").get("/api/models/" + model + "/versions/1.0.0/report").json();

    // then
    List<String> ids =
        StreamSupport.stream(report.path("lifecycleInstances").spliterator(), false)
            .map(i -> i.path("id").asText())
            .toList();
    assertThat(ids).containsExactly(instance).doesNotContain(fake);
    runtimeService.deleteProcessInstance(fake, "test clean-up");
  }

  @Test
  void operationsCannotEditModifySuspendMigrateOrDeleteALifecycleButRetryItsJobs() {
    // given: a lifecycle waiting for its review, and the canary verdict a decision would read
    String model = "controls-ops-" + System.nanoTime();
    String instance = register("ci-bot", model);
    String task = awaitTask(instance);
    runtimeService.setVariable(instance, "canaryVerdict", "HOLD");
    String definitionId =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceId(instance)
            .singleResult()
            .getProcessDefinitionId();
    Job timer =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    managementService
                        .createJobQuery()
                        .processInstanceId(instance)
                        .timers()
                        .listPage(0, 1)
                        .stream()
                        .findFirst()
                        .orElse(null),
                Objects::nonNull);
    ApiClient cockpit = ApiClient.tasklistSession(port, "oscar");
    ApiClient rest = ApiClient.as(port, "oscar");
    String modification =
        "{\"annotation\":\"ops\",\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"SubProcess_ReviewByGroup\"},"
            + "{\"type\":\"startBeforeActivity\",\"activityId\":\"Event_ModelVersionApproved\"}]}";

    // when: operations try every way to change the lifecycle through Cockpit's engine API
    List<Response> attempts =
        List.of(
            cockpit.put(
                ENGINE + "/process-instance/" + instance + "/variables/canaryVerdict",
                Map.of("value", "PROMOTE", "type", "String"),
                cockpit.xsrf()),
            cockpit.post(
                ENGINE + "/process-instance/" + instance + "/variables",
                Map.of("modifications", Map.of("canaryVerdict", Map.of("value", "PROMOTE"))),
                cockpit.xsrf()),
            cockpit.delete(
                ENGINE + "/process-instance/" + instance + "/variables/canaryVerdict",
                cockpit.xsrf()),
            cockpit.put(
                ENGINE + "/execution/" + instance + "/localVariables/canaryVerdict",
                Map.of("value", "PROMOTE", "type", "String"),
                cockpit.xsrf()),
            cockpit.post(
                ENGINE + "/process-instance/" + instance + "/modification",
                json(modification),
                cockpit.xsrf()),
            cockpit.post(
                ENGINE + "/process-instance/" + instance + "/modification-async",
                json(modification),
                cockpit.xsrf()),
            cockpit.put(
                ENGINE + "/process-instance/" + instance + "/suspended",
                Map.of("suspended", true),
                cockpit.xsrf()),
            cockpit.put(
                ENGINE + "/process-instance/suspended",
                Map.of("processDefinitionKey", "model-lifecycle", "suspended", true),
                cockpit.xsrf()),
            cockpit.put(
                ENGINE + "/process-definition/key/model-lifecycle/suspended",
                Map.of("suspended", true, "includeProcessInstances", true),
                cockpit.xsrf()),
            cockpit.post(
                ENGINE + "/process-instance/delete",
                Map.of("processInstanceIds", List.of(instance), "deleteReason", "ops"),
                cockpit.xsrf()),
            cockpit.post(
                ENGINE + "/migration/execute",
                Map.of(
                    "migrationPlan",
                    Map.of(
                        "sourceProcessDefinitionId",
                        definitionId,
                        "targetProcessDefinitionId",
                        definitionId,
                        "instructions",
                        List.of()),
                    "processInstanceIds",
                    List.of(instance)),
                cockpit.xsrf()),
            cockpit.put(
                ENGINE + "/job/" + timer.getId() + "/duedate",
                Map.of("duedate", "2020-01-01T00:00:00.000+0000"),
                cockpit.xsrf()),
            cockpit.put(
                ENGINE + "/task/" + task + "/variables/reviewDecision",
                Map.of("value", "APPROVE", "type", "String"),
                cockpit.xsrf()),
            rest.put(
                "/engine-rest/process-instance/" + instance + "/variables/canaryVerdict",
                "{\"value\":\"PROMOTE\",\"type\":\"String\"}"),
            rest.post("/engine-rest/process-instance/" + instance + "/modification", modification),
            rest.delete("/engine-rest/process-instance/" + instance + "?deleteReason=ops"));
    Response retried =
        cockpit.put(
            ENGINE + "/job/" + timer.getId() + "/retries", Map.of("retries", 3), cockpit.xsrf());
    Response retriedRest =
        rest.put("/engine-rest/job/" + timer.getId() + "/retries", "{\"retries\":3}");

    // then: each is refused, nothing changed; retrying a job still works
    for (Response attempt : attempts) {
      assertThat(attempt.status()).as(attempt.body()).isIn(401, 403);
    }
    assertThat(runtimeService.getVariable(instance, "canaryVerdict")).isEqualTo("HOLD");
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceId(instance)
                .singleResult()
                .isSuspended())
        .isFalse();
    assertThat(repositoryService.getProcessDefinition(definitionId).isSuspended()).isFalse();
    assertThat(taskService.createTaskQuery().taskId(task).singleResult()).isNotNull();
    assertThat(managementService.createJobQuery().jobId(timer.getId()).singleResult().getDuedate())
        .isEqualTo(timer.getDuedate());
    assertThat(retried.status()).as(retried.body()).isEqualTo(204);
    assertThat(retriedRest.status()).as(retriedRest.body()).isEqualTo(204);
  }

  @Test
  void anAdministratorChangesALifecycleOnlyWithAReason() {
    // given
    String model = "controls-admin-" + System.nanoTime();
    String instance = register("ci-bot", model);
    String task = awaitTask(instance);
    runtimeService.setVariable(instance, "canaryVerdict", "HOLD");
    ApiClient admin = ApiClient.as(port, "admin");
    ApiClient cockpit = ApiClient.tasklistSession(port, "admin");
    String skipReview =
        "\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"SubProcess_ReviewByGroup\"},"
            + "{\"type\":\"startBeforeActivity\",\"activityId\":\"Event_ModelVersionApproved\"}]";

    // when: without a reason, or with operations that carry none
    Response modified =
        admin.post(
            "/engine-rest/process-instance/" + instance + "/modification", "{" + skipReview + "}");
    Response modifiedBlank =
        admin.post(
            "/engine-rest/process-instance/" + instance + "/modification",
            "{\"annotation\":\" \"," + skipReview + "}");
    Response variable =
        admin.put(
            "/engine-rest/process-instance/" + instance + "/variables/canaryVerdict",
            "{\"value\":\"PROMOTE\"}");
    Response cockpitVariable =
        cockpit.put(
            ENGINE + "/process-instance/" + instance + "/variables/canaryVerdict",
            Map.of("value", "PROMOTE", "type", "String"),
            cockpit.xsrf());
    Response suspended =
        admin.put(
            "/engine-rest/process-instance/" + instance + "/suspended", "{\"suspended\":true}");
    Response deleted = admin.delete("/engine-rest/process-instance/" + instance);

    // then
    assertThat(modified.status()).as(modified.body()).isEqualTo(400);
    assertThat(modified.body()).contains("annotation");
    assertThat(modifiedBlank.status()).as(modifiedBlank.body()).isEqualTo(400);
    assertThat(variable.status()).as(variable.body()).isEqualTo(403);
    assertThat(variable.body()).contains("modification with an annotation");
    assertThat(cockpitVariable.status()).as(cockpitVariable.body()).isEqualTo(403);
    assertThat(suspended.status()).as(suspended.body()).isEqualTo(403);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(403);
    assertThat(deleted.body()).contains("evidence");
    assertThat(runtimeService.getVariable(instance, "canaryVerdict")).isEqualTo("HOLD");
    assertThat(taskService.createTaskQuery().taskId(task).singleResult()).isNotNull();
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceId(instance)
                .singleResult()
                .isSuspended())
        .isFalse();

    // when: a deletion names its reason, or a batch modification does (Camunda records both
    // without the instances they touched, so no version's report could show them)
    Response deletedWithReason =
        admin.post(
            "/engine-rest/process-instance/delete",
            "{\"processInstanceIds\":[\"" + instance + "\"],\"deleteReason\":\"INC-42 cleanup\"}");
    String definitionId =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceId(instance)
            .singleResult()
            .getProcessDefinitionId();
    Response batchModified =
        admin.post(
            "/engine-rest/modification/execute",
            "{\"processDefinitionId\":\""
                + definitionId
                + "\",\"processInstanceIds\":[\""
                + instance
                + "\"],\"annotation\":\"INC-42\","
                + skipReview
                + "}");
    // then
    assertThat(deletedWithReason.status()).as(deletedWithReason.body()).isEqualTo(403);
    assertThat(batchModified.status()).as(batchModified.body()).isEqualTo(403);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count())
        .isOne();
    assertThat(taskService.createTaskQuery().taskId(task).singleResult()).isNotNull();

    // when: break glass with a reason, setting a variable in the same modification
    Response breakGlass =
        admin.post(
            "/engine-rest/process-instance/" + instance + "/modification",
            "{\"annotation\":\"INC-42 correct the verdict\",\"instructions\":[{\"type\":\"startBeforeActivity\","
                + "\"activityId\":\"Task_ReviewModelVersion\",\"variables\":{}}]}");
    // then
    assertThat(breakGlass.status()).as(breakGlass.body()).isEqualTo(204);
  }

  @Test
  void aTaskIsHeldOnlyBySomeoneWhoMayDecideIt() {
    // given: dana registered a version; its review waits for the validators
    String model = "controls-assign-" + System.nanoTime();
    String instance = register("dana", model);
    String task = awaitTask(instance);
    ApiClient admin = ApiClient.as(port, "admin");
    ApiClient victorSession = ApiClient.tasklistSession(port, "victor");
    ApiClient danaSession = ApiClient.tasklistSession(port, "dana");

    // when: the task is handed to the registrant, or to someone outside its candidate group
    List<Response> attempts =
        List.of(
            admin.post("/engine-rest/task/" + task + "/assignee", "{\"userId\":\"dana\"}"),
            admin.post("/engine-rest/task/" + task + "/claim", "{\"userId\":\"dana\"}"),
            admin.post(
                "/engine-rest/task/" + task + "/identity-links",
                "{\"userId\":\"dana\",\"type\":\"assignee\"}"),
            admin.post(
                "/engine-rest/task/" + task + "/identity-links",
                "{\"userId\":\"dana\",\"type\":\"owner\"}"),
            admin.put(
                "/engine-rest/task/" + task,
                "{\"name\":\"Review model version\",\"assignee\":\"dana\",\"priority\":50}"),
            admin.post("/engine-rest/task/" + task + "/assignee", "{\"userId\":\"oscar\"}"),
            victorSession.post(
                ENGINE + "/task/" + task + "/assignee",
                Map.of("userId", "dana"),
                victorSession.xsrf()),
            danaSession.post(
                ENGINE + "/task/" + task + "/claim", Map.of("userId", "dana"), danaSession.xsrf()));

    // then
    for (Response attempt : attempts) {
      assertThat(attempt.status()).as(attempt.body()).isEqualTo(403);
    }
    assertThat(attempts.get(0).body()).contains("registered");
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getOwner()).isNull();

    // and a candidate may still hold it, and give it back
    assertThat(
            admin
                .post("/engine-rest/task/" + task + "/assignee", "{\"userId\":\"victor\"}")
                .status())
        .isEqualTo(204);
    assertThat(admin.post("/engine-rest/task/" + task + "/assignee", "{\"userId\":null}").status())
        .isEqualTo(204);

    // when: an administrator widens the candidates; a validator tries the same
    Response widened =
        admin.post(
            "/engine-rest/task/" + task + "/identity-links",
            "{\"groupId\":\"ml-ops\",\"type\":\"candidate\"}");
    Response narrowed =
        victorSession.post(
            ENGINE + "/task/" + task + "/identity-links/delete",
            Map.of("groupId", "ml-ops", "type", "candidate"),
            victorSession.xsrf());

    // then: the administrator's change is allowed and audited, the validator's is not
    assertThat(widened.status()).as(widened.body()).isEqualTo(204);
    assertThat(taskService.getIdentityLinksForTask(task))
        .extracting(IdentityLink::getGroupId)
        .contains("ml-ops");
    JsonNode audit =
        ApiClient.as(port, "rita")
            .get("/api/audit?model=" + model + "&action=ENGINE_OPERATION&size=50")
            .json()
            .path("items");
    assertThat(audit.findValuesAsText("operationType")).contains("AddGroupLink");
    assertThat(audit.findValuesAsText("actor")).contains("admin");
    assertThat(narrowed.status()).as(narrowed.body()).isIn(403);
    Response removedByVictor =
        victorSession.post(
            ENGINE + "/task/" + task + "/identity-links/delete",
            Map.of("groupId", "ml-ops", "type", "candidate"),
            victorSession.xsrf());
    assertThat(removedByVictor.status()).as(removedByVictor.body()).isEqualTo(403);
    assertThat(taskService.getIdentityLinksForTask(task))
        .extracting(IdentityLink::getGroupId)
        .contains("ml-ops");
  }

  @Test
  void aReviewerWhoDecidedCannotBeGivenTheNextReview() {
    // given: victor approved the validators' review of a HIGH-risk version
    String model = "controls-twice-" + System.nanoTime();
    String instance = register("ci-bot", model);
    String review = awaitTask(instance);
    Response approved =
        ApiClient.as(port, "victor")
            .post(
                "/engine-rest/task/" + review + "/complete",
                Map.of("variables", Map.of("reviewDecision", Map.of("value", "APPROVE"))));
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);
    String riskReview =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    taskService
                        .createTaskQuery()
                        .processInstanceId(instance)
                        .taskCandidateGroup("model-risk")
                        .list()
                        .stream()
                        .findFirst()
                        .map(t -> t.getId())
                        .orElse(null),
                Objects::nonNull);
    ApiClient admin = ApiClient.as(port, "admin");
    assertThat(
            admin
                .post(
                    "/engine-rest/task/" + riskReview + "/identity-links",
                    "{\"groupId\":\"model-validators\",\"type\":\"candidate\"}")
                .status())
        .isEqualTo(204);

    // when: the model-risk review is handed to him
    Response assigned =
        admin.post("/engine-rest/task/" + riskReview + "/assignee", "{\"userId\":\"victor\"}");
    Response claimed =
        ApiClient.tasklistSession(port, "victor")
            .post(
                ENGINE + "/task/" + riskReview + "/claim",
                Map.of("userId", "victor"),
                ApiClient.tasklistSession(port, "victor").xsrf());

    // then
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(403);
    assertThat(assigned.body()).contains("already decided");
    assertThat(claimed.status()).as(claimed.body()).isIn(403);
    assertThat(taskService.createTaskQuery().taskId(riskReview).singleResult().getAssignee())
        .isNull();
  }

  @Test
  void nobodySteersALifecycleByErrorsSignalsMessagesOrExtraVariables() {
    // given: a lifecycle waiting for its review
    String model = "controls-steer-" + System.nanoTime();
    String instance = register("ci-bot", model);
    String task = awaitTask(instance);
    String execution = taskService.createTaskQuery().taskId(task).singleResult().getExecutionId();
    ApiClient tasklist = ApiClient.tasklistSession(port, "victor");
    ApiClient admin = ApiClient.as(port, "admin");

    // when: the reviewer and an administrator try to move it without a decision, or to write
    // lifecycle variables along with a decision
    List<Response> attempts =
        List.of(
            tasklist.post(
                ENGINE + "/task/" + task + "/bpmnError",
                Map.of("errorCode", "ROLLBACK_REQUIRED"),
                tasklist.xsrf()),
            tasklist.post(
                ENGINE + "/task/" + task + "/bpmnEscalation",
                Map.of("escalationCode", "OVERDUE"),
                tasklist.xsrf()),
            admin.post(
                "/engine-rest/task/" + task + "/bpmnError",
                Map.of("errorCode", "ROLLBACK_REQUIRED")),
            admin.post(
                "/engine-rest/execution/" + execution + "/signal", Map.of("variables", Map.of())),
            admin.post(
                "/engine-rest/execution/"
                    + instance
                    + "/messageSubscriptions/ModelVersionRollbackRequested/trigger",
                Map.of("variables", Map.of())),
            admin.post(
                "/engine-rest/message",
                Map.of("messageName", "ModelVersionStopRequested", "processInstanceId", instance)),
            admin.post(
                "/engine-rest/message",
                Map.of(
                    "messageName",
                    "ModelVersionStopRequested",
                    "all",
                    true,
                    "businessKey",
                    model + ":1.0.0")),
            tasklist.post(
                ENGINE + "/task/" + task + "/complete",
                Map.of(
                    "variables",
                    Map.of(
                        "reviewDecision",
                        Map.of("value", "APPROVE"),
                        "requestedBy",
                        Map.of("value", "rita"))),
                tasklist.xsrf()),
            tasklist.post(
                ENGINE + "/task/" + task + "/submit-form",
                Map.of(
                    "variables",
                    Map.of(
                        "reviewDecision",
                        Map.of("value", "APPROVE"),
                        "registeredBy",
                        Map.of("value", "victor"))),
                tasklist.xsrf()));

    // then: every attempt is refused and the review still waits, nothing decided
    assertThat(attempts).extracting(Response::status).containsOnly(403);
    assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(instance, "requestedBy")).isNull();

    // and a decision that sends the form's read-only fields back unchanged (as Tasklist does)
    // is recorded
    Object registeredBy = runtimeService.getVariable(instance, "registeredBy");
    Response decided =
        tasklist.post(
            ENGINE + "/task/" + task + "/submit-form",
            Map.of(
                "variables",
                Map.of(
                    "reviewDecision",
                    Map.of("value", "APPROVE"),
                    "reviewComment",
                    Map.of("value", "Evidence sufficient"),
                    "registeredBy",
                    Map.of("value", registeredBy))),
            tasklist.xsrf());
    assertThat(decided.status()).as(decided.body()).isEqualTo(204);
  }

  private long lifecycles(String businessKey) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey("model-lifecycle")
        .processInstanceBusinessKey(businessKey)
        .count();
  }

  private String register(String user, String model) {
    Response registered =
        ApiClient.as(port, user)
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    return registered.json().path("processInstanceId").asText();
  }

  private String awaitTask(String instance) {
    return Awaitility.await()
        .atMost(TIMEOUT)
        .until(
            () ->
                taskService.createTaskQuery().processInstanceId(instance).list().stream()
                    .findFirst()
                    .map(t -> t.getId())
                    .orElse(null),
            Objects::nonNull);
  }

  private static JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
