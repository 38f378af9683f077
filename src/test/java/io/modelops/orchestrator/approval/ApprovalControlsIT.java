package io.modelops.orchestrator.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.Tasks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Approvals recorded in the catalog are the source of truth: a lifecycle that reaches "Model
 * version approved", staging, the canary or the promotion without the approvals of its frozen
 * policy stops with an incident and a CONTROL_VIOLATION in the audit chain, whatever path it took
 * (a modification, edited variables); the frozen policy decides, not the variables; and one person
 * never holds two of the roles registrant, reviewer and releaser for a version.
 */
@IntegrationTest
class ApprovalControlsIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(40);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired IdentityService identityService;

  @ParameterizedTest
  @ValueSource(
      strings = {
        ModelLifecycle.EVENT_APPROVED,
        ModelLifecycle.TASK_DEPLOY_STAGING,
        ModelLifecycle.TASK_START_CANARY,
        ModelLifecycle.TASK_PROMOTE
      })
  void shouldStopAModificationThatSkipsTheReviewWithAnIncidentAndAControlViolation(String target) {
    // given: a HIGH-risk version waiting for its first review
    String model = newModel();
    String instance = register(model);
    awaitTask(instance, "victor");

    // when: someone who may modify instances skips the review
    Response modified =
        admin()
            .post(
                "/engine-rest/process-instance/" + instance + "/modification",
                "{\"skipCustomListeners\":false,\"annotation\":\"Break glass: skip review\","
                    + "\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"SubProcess_ReviewByGroup\"},"
                    + "{\"type\":\"startBeforeActivity\",\"activityId\":\""
                    + target
                    + "\"}]}");
    assertThat(modified.status()).as(modified.body()).isEqualTo(204);

    // then: an incident at once, with the violation, and one CONTROL_VIOLATION in the audit chain
    JsonNode incident = awaitIncident(instance);
    assertThat(incident.path("activityId").asText()).isEqualTo(target);
    assertThat(incident.path("incidentMessage").asText())
        .contains("Control violation", "model-validators", "model-risk");
    JsonNode violations = awaitViolations(model, 1);
    JsonNode violation = violations.get(0);
    assertThat(violation.path("actor").asText()).isEqualTo("system");
    assertThat(violation.path("processInstanceId").asText()).isEqualTo(instance);
    assertThat(violation.path("details").path("activityId").asText()).isEqualTo(target);
    assertThat(violation.path("details").path("missing").toString()).contains("model-validators");
    assertNeverDeployed(model, instance);
    assertThat(auditor().get("/api/audit/verify").json().path("valid").asBoolean()).isTrue();

    // when: the incident is retried, the guard runs again and refuses again
    String jobId = incident.path("configuration").asText();
    Response retried = admin().put("/engine-rest/job/" + jobId + "/retries", "{\"retries\":1}");
    assertThat(retried.status()).as(retried.body()).isEqualTo(204);

    // then
    awaitViolations(model, 2);
    awaitIncident(instance);
    assertNeverDeployed(model, instance);
    assertThat(auditor().get("/api/audit/verify").json().path("valid").asBoolean()).isTrue();
  }

  @Test
  void shouldNotStartACanaryForAReleaseApprovedAfterTheReviewWasSkipped() {
    // given: the review is skipped to the release approval
    String model = newModel();
    String instance = register(model);
    awaitTask(instance, "victor");
    Response modified =
        admin()
            .post(
                "/engine-rest/process-instance/" + instance + "/modification",
                "{\"annotation\":\"Break glass\",\"instructions\":["
                    + "{\"type\":\"cancel\",\"activityId\":\"SubProcess_ReviewByGroup\"},"
                    + "{\"type\":\"startBeforeActivity\",\"activityId\":\""
                    + ModelLifecycle.TASK_APPROVE_RELEASE
                    + "\"}]}");
    assertThat(modified.status()).as(modified.body()).isEqualTo(204);

    // when: operations approve the release
    String release = awaitTask(instance, "oscar");
    Response approved =
        ApiClient.as(port, "oscar")
            .post(
                "/engine-rest/task/" + release + "/complete",
                Map.of("variables", Map.of("releaseDecision", Map.of("value", "APPROVE"))));
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);

    // then: the canary never starts
    JsonNode incident = awaitIncident(instance);
    assertThat(incident.path("activityId").asText()).isEqualTo(ModelLifecycle.TASK_START_CANARY);
    assertThat(awaitViolations(model, 1).get(0).path("details").path("activityId").asText())
        .isEqualTo(ModelLifecycle.TASK_START_CANARY);
    assertNeverDeployed(model, instance);
  }

  @Test
  void shouldDecideOnTheFrozenPolicyNotOnRewrittenVariables() {
    // given: a HIGH-risk version in review
    String model = newModel();
    String instance = register(model);
    String validation = awaitTask(instance, "victor");

    // when: the policy and the registrant are rewritten in the variables: an edit of the
    // instance's variables is refused outright (even an administrator's: break glass goes through
    // a modification with a reason), but completing a task may still carry any variables
    String rewritten =
        "{\"reviewGroups\":\"\",\"productionApprovalRequired\":false,\"canaryPercent\":100,"
            + "\"canaryWindow\":\"PT1M\",\"reviewDeadline\":\"P1D\",\"escalationDeadline\":\"P2D\","
            + "\"monitoringInterval\":\"PT1H\"}";
    Response policy =
        admin()
            .put(
                "/engine-rest/process-instance/" + instance + "/variables/approvalPolicy",
                objectValue(rewritten));
    assertThat(policy.status()).as(policy.body()).isEqualTo(403);
    Response registrant =
        admin()
            .put(
                "/engine-rest/process-instance/" + instance + "/variables/registeredBy",
                Map.of("value", "victor", "type", "String"));
    assertThat(registrant.status()).as(registrant.body()).isEqualTo(403);

    // and the reviewers complete their tasks with extra variables
    complete("victor", validation, rewritten);
    String risk = awaitTask(instance, "rita");
    complete("rita", risk, rewritten);

    // then: the release approval the frozen policy requires is still asked for, in staging
    String release = awaitTask(instance, "oscar");
    assertThat(
            ApiClient.as(port, "oscar")
                .get("/engine-rest/task/" + release)
                .json()
                .path("taskDefinitionKey")
                .asText())
        .isEqualTo(ModelLifecycle.TASK_APPROVE_RELEASE);
    assertThat(version(model).path("stage").asText()).isEqualTo("STAGING");
    assertThat(
            jdbc.sql(
                    "SELECT production_approval_required FROM approval_policy p JOIN model_version v"
                        + " ON v.id = p.model_version_id WHERE v.process_instance_id = ?")
                .param(instance)
                .query(Boolean.class)
                .single())
        .isTrue();

    // and after it, the canary gets the frozen share of traffic, not 100 %
    Response approved =
        ApiClient.as(port, "oscar")
            .post(
                "/engine-rest/task/" + release + "/complete",
                Map.of("variables", Map.of("releaseDecision", Map.of("value", "APPROVE"))));
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);
    await().atMost(TIMEOUT).until(() -> version(model).path("stage").asText(), "CANARY"::equals);
    assertThat(canaryPercents(instance)).containsExactly(5);
  }

  @Test
  void shouldRefuseTheReleaseApprovalOfAPersonWhoReviewedTheVersion() {
    // given: a person who is both a validator and in operations reviews the version
    String user = validatorInOperations();
    try {
      reviewerApprovesRelease(user);
    } finally {
      // other tests of the shared context count the members of ml-ops (mail recipients)
      identityService.deleteUser(user);
    }
  }

  private void reviewerApprovesRelease(String user) {
    String model = newModel();
    String instance = register(model);
    String validation = awaitTask(instance, "victor");
    Response reviewed =
        ApiClient.as(port, user, PASSWORD)
            .post(
                "/engine-rest/task/" + validation + "/complete",
                Map.of("variables", Map.of("reviewDecision", Map.of("value", "APPROVE"))));
    assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(204);
    complete("rita", awaitTask(instance, "rita"), null);
    String release = awaitTask(instance, "oscar");

    // when: the same person approves its release
    Response own =
        ApiClient.as(port, user, PASSWORD)
            .post(
                "/engine-rest/task/" + release + "/complete",
                Map.of("variables", Map.of("releaseDecision", Map.of("value", "APPROVE"))));

    // then
    assertThat(own.status()).as(own.body()).isEqualTo(403);
    assertThat(own.json().path("detail").asText()).contains(user, "reviewed");
    assertThat(version(model).path("stage").asText()).isEqualTo("STAGING");
    Response byOps =
        ApiClient.as(port, "oscar")
            .post(
                "/engine-rest/task/" + release + "/complete",
                Map.of("variables", Map.of("releaseDecision", Map.of("value", "APPROVE"))));
    assertThat(byOps.status()).as(byOps.body()).isEqualTo(204);
    await().atMost(TIMEOUT).until(() -> version(model).path("stage").asText(), "CANARY"::equals);
  }

  @Test
  void shouldKeepTheFrozenPolicyAndTheRegistrantUnchangeableInTheDatabase() {
    // given: a version whose policy is frozen
    String model = newModel();
    String instance = register(model);
    awaitTask(instance, "victor");

    // when / then: PostgreSQL refuses to change the policy, the registrant or a decision
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                jdbc.sql(
                        "UPDATE approval_policy SET production_approval_required = FALSE,"
                            + " canary_percent = 100 WHERE process_instance_id = ?")
                    .param(instance)
                    .update())
        .hasMessageContaining("append-only");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                jdbc.sql("DELETE FROM approval_policy WHERE process_instance_id = ?")
                    .param(instance)
                    .update())
        .hasMessageContaining("append-only");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                jdbc.sql(
                        "UPDATE model_version SET registered_by = 'victor' WHERE process_instance_id = ?")
                    .param(instance)
                    .update())
        .hasMessageContaining("registered_by");
    assertThat(version(model).path("registeredBy").asText()).isEqualTo("ci-bot");
  }

  private static final String PASSWORD = "Sod-Test-Passw0rd!";

  /** A user in model-validators and ml-ops (created once). */
  private String validatorInOperations() {
    String id = "val-ops";
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName("Val");
      user.setLastName("Ops");
      user.setEmail("val-ops@example.com");
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(id, Groups.VALIDATORS);
      identityService.createMembership(id, Groups.OPS);
    }
    return id;
  }

  /**
   * Completes a review with an approval; with {@code extraPolicy}, first tries to carry the
   * rewritten policy and registrant along with the decision, which is refused (a completion sets
   * only its decision fields) and leaves the task open.
   */
  private void complete(String user, String taskId, String extraPolicy) {
    Map<String, Object> approve = Map.of("reviewDecision", Map.of("value", "APPROVE"));
    if (extraPolicy != null) {
      Response rewriting =
          ApiClient.as(port, user)
              .post(
                  "/engine-rest/task/" + taskId + "/complete",
                  Map.of(
                      "variables",
                      Map.of(
                          "reviewDecision", Map.of("value", "APPROVE"),
                          "approvalPolicy", objectValue(extraPolicy),
                          "registeredBy", Map.of("value", user, "type", "String"))));
      assertThat(rewriting.status()).as(rewriting.body()).isEqualTo(403);
      assertThat(rewriting.body()).contains("may not set '");
    }
    Response response =
        ApiClient.as(port, user)
            .post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", approve));
    assertThat(response.status()).as(response.body()).isEqualTo(204);
  }

  private void assertNeverDeployed(String model, String instance) {
    assertThat(version(model).path("stage").asText()).isEqualTo("NONE");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM stage_event e JOIN model_version v"
                        + " ON v.id = e.model_version_id WHERE v.process_instance_id = ?")
                .param(instance)
                .query(Long.class)
                .single())
        .isZero();
  }

  private List<Integer> canaryPercents(String instance) {
    return jdbc.sql(
            "SELECT traffic_percent FROM stage_event e JOIN model_version v"
                + " ON v.id = e.model_version_id WHERE v.process_instance_id = ? AND e.stage = 'CANARY'")
        .param(instance)
        .query(Integer.class)
        .list();
  }

  private JsonNode awaitIncident(String instance) {
    return Tasks.awaitIncident(port, instance, TIMEOUT);
  }

  private JsonNode awaitViolations(String model, int count) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () ->
                auditor()
                    .get("/api/audit?model=" + model + "&action=CONTROL_VIOLATION")
                    .json()
                    .path("items"),
            items -> items.size() == count);
  }

  private String register(String model) {
    Response response =
        ApiClient.as(port, "ci-bot")
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0"));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("processInstanceId").asText();
  }

  private String awaitTask(String instance, String user) {
    return Tasks.awaitTask(port, instance, user, TIMEOUT);
  }

  private JsonNode version(String model) {
    return ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/1.0.0").json();
  }

  private ApiClient admin() {
    return ApiClient.as(port, "admin");
  }

  private ApiClient auditor() {
    return ApiClient.as(port, "rita");
  }

  private static Map<String, Object> objectValue(String json) {
    return Map.of(
        "type",
        "Object",
        "value",
        json,
        "valueInfo",
        Map.of(
            "objectTypeName", "java.util.HashMap<java.lang.Object,java.lang.Object>",
            "serializationDataFormat", "application/json"));
  }

  private static String newModel() {
    return "controls-" + MODELS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }
}
