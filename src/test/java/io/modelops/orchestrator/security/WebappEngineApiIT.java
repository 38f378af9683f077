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
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The webapps' own engine API ({@code /camunda/api/engine/...}, a Tasklist or Cockpit session) is
 * the same engine REST code as {@code /engine-rest}, outside its allow-list: what a person may do
 * there is decided by Camunda's authorizations. People decide their tasks there; they may not
 * rewrite the lifecycle from them.
 */
@IntegrationTest
class WebappEngineApiIT {

  private static final String ENGINE = "/camunda/api/engine/engine/default";

  /** What a reviewer would like the policy to say: no release approval, a 100 % canary. */
  private static final String REWRITTEN_POLICY =
      "{\"canaryPercent\":100,\"canaryWindow\":\"PT1S\",\"monitoringInterval\":\"PT30M\","
          + "\"reviewGroups\":\"model-validators,model-validators\",\"reviewDeadline\":\"P2D\","
          + "\"escalationDeadline\":\"P4D\",\"productionApprovalRequired\":false}";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  /**
   * Tasklist's API let the candidate of a review task set variables on it, and a task's variables
   * are the process instance's: a validator switched off the production release approval (the
   * gateway reads {@code approvalPolicy.productionApprovalRequired}) and changed the remaining
   * review groups, with no trace in the audit.
   */
  @Test
  void aReviewerCannotRewriteTheLifecycleFromTheirTask() {
    String instance = register("webapp-policy");
    String task = awaitReviewTask(instance);
    ApiClient victor = ApiClient.tasklistSession(port, "victor");

    Response policy =
        victor.post(
            ENGINE + "/task/" + task + "/variables",
            Map.of("modifications", Map.of("approvalPolicy", objectValue(REWRITTEN_POLICY))),
            victor.xsrf());
    Response tier =
        victor.put(
            ENGINE + "/task/" + task + "/variables/riskTier",
            Map.of("value", "LOW"),
            victor.xsrf());
    Response local =
        victor.put(
            ENGINE + "/task/" + task + "/localVariables/reviewDecision",
            Map.of("value", "APPROVE"),
            victor.xsrf());

    assertThat(List.of(policy.status(), tier.status(), local.status())).containsOnly(403);
    @SuppressWarnings("unchecked")
    Map<String, Object> stored =
        (Map<String, Object>) runtimeService.getVariable(instance, "approvalPolicy");
    assertThat(stored).containsEntry("productionApprovalRequired", true);
    assertThat(stored.get("reviewGroups")).isEqualTo("model-validators,model-risk");
    assertThat(runtimeService.getVariable(instance, "riskTier")).isEqualTo("HIGH");
    assertThat(taskService.getVariableLocal(task, "reviewDecision")).isNull();
  }

  /** A candidate claims a task for themselves; they do not hand it to others or widen it. */
  @Test
  void aReviewerCannotReassignDelegateResolveOrWidenTheirTask() {
    String instance = register("webapp-assign");
    String task = awaitReviewTask(instance);
    ApiClient victor = ApiClient.tasklistSession(port, "victor");

    Response assignee =
        victor.post(
            ENGINE + "/task/" + task + "/assignee", Map.of("userId", "dana"), victor.xsrf());
    Response candidates =
        victor.post(
            ENGINE + "/task/" + task + "/identity-links",
            Map.of("groupId", "data-scientists", "type", "candidate"),
            victor.xsrf());
    Response claimed =
        victor.post(ENGINE + "/task/" + task + "/claim", Map.of("userId", "victor"), victor.xsrf());
    Response delegated =
        victor.post(
            ENGINE + "/task/" + task + "/delegate", Map.of("userId", "vera"), victor.xsrf());
    Response resolved =
        victor.post(
            ENGINE + "/task/" + task + "/resolve",
            Map.of("variables", Map.of("reviewDecision", Map.of("value", "APPROVE"))),
            victor.xsrf());

    assertThat(assignee.status()).as(assignee.body()).isEqualTo(403);
    assertThat(candidates.status()).as(candidates.body()).isEqualTo(403);
    assertThat(claimed.status())
        .as("claiming for oneself still works: " + claimed.body())
        .isEqualTo(204);
    assertThat(delegated.status()).as(delegated.body()).isEqualTo(403);
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee())
        .isEqualTo("victor");
    assertThat(taskService.getIdentityLinksForTask(task))
        .extracting(IdentityLink::getGroupId)
        .doesNotContain("data-scientists");
    assertThat(runtimeService.getVariable(instance, "reviewDecision")).isNull();
  }

  /**
   * Resolving set variables without completing the task, past the rules checked at completion: a
   * registrant wrote a review decision into their own lifecycle. Nobody resolves, not even an
   * administrator.
   */
  @Test
  void aRegistrantCannotResolveTheirOwnReview() {
    Response registered =
        ApiClient.as(port, "admin")
            .post(
                "/api/models/webapp-resolve-" + System.nanoTime() + "/versions",
                Registrations.example("1.0.0"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    String instance = registered.json().path("processInstanceId").asText();
    String task = awaitReviewTask(instance);
    ApiClient admin = ApiClient.tasklistSession(port, "admin");

    Response resolved =
        admin.post(
            ENGINE + "/task/" + task + "/resolve",
            Map.of("variables", Map.of("reviewDecision", Map.of("value", "APPROVE"))),
            admin.xsrf());

    assertThat(resolved.status()).as(resolved.body()).isEqualTo(403);
    assertThat(runtimeService.getVariable(instance, "reviewDecision")).isNull();
  }

  /**
   * Operations retry what failed; they do not edit, suspend or modify lifecycles (Cockpit's API
   * answered 204 to a rewritten approval policy, and the HIGH-risk version went to its canary
   * without the release approval).
   */
  @Test
  void anOperatorCannotEditSuspendOrModifyALifecycle() {
    String instance = register("webapp-ops");
    awaitReviewTask(instance);
    ApiClient oscar = ApiClient.tasklistSession(port, "oscar");

    Response variable =
        oscar.put(
            ENGINE + "/process-instance/" + instance + "/variables/approvalPolicy",
            objectValue(REWRITTEN_POLICY),
            oscar.xsrf());
    Response suspended =
        oscar.put(
            ENGINE + "/process-instance/" + instance + "/suspended",
            Map.of("suspended", true),
            oscar.xsrf());
    Response modified =
        oscar.post(
            ENGINE + "/process-instance/" + instance + "/modification",
            Map.of(
                "instructions",
                List.of(
                    Map.of(
                        "type",
                        "startBeforeActivity",
                        "activityId",
                        "Event_ModelVersionApproved"))),
            oscar.xsrf());

    assertThat(List.of(variable.status(), suspended.status(), modified.status())).containsOnly(403);
    @SuppressWarnings("unchecked")
    Map<String, Object> stored =
        (Map<String, Object>) runtimeService.getVariable(instance, "approvalPolicy");
    assertThat(stored).containsEntry("productionApprovalRequired", true);
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceId(instance)
                .singleResult()
                .isSuspended())
        .isFalse();
  }

  /** CI pipelines and training workers are machine users: no webapp session, not even "welcome". */
  @ParameterizedTest
  @ValueSource(strings = {"welcome", "tasklist", "cockpit", "admin"})
  void machineUsersCannotSignInToTheWebapps(String app) {
    ApiClient browser = ApiClient.browser(port);
    browser.get("/camunda/app/tasklist/");
    Response login =
        browser.postForm(
            "/camunda/api/admin/auth/user/default/login/" + app,
            Map.of("username", "ci-bot", "password", "ci-bot"),
            browser.xsrf());

    assertThat(login.status()).as(login.body()).isEqualTo(403);
    assertThat(browser.get(ENGINE + "/process-instance/count").status()).isIn(401, 403);
  }

  /** People still sign in to the webapps their groups open: Admin for administrators. */
  @ParameterizedTest
  @ValueSource(strings = {"admin:admin", "tasklist:victor", "cockpit:oscar", "welcome:dana"})
  void peopleStillSignInToTheirWebapps(String appAndUser) {
    String app = appAndUser.substring(0, appAndUser.indexOf(':'));
    String user = appAndUser.substring(appAndUser.indexOf(':') + 1);
    ApiClient browser = ApiClient.browser(port);
    browser.get("/camunda/app/tasklist/");
    Response login =
        browser.postForm(
            "/camunda/api/admin/auth/user/default/login/" + app,
            Map.of("username", user, "password", user),
            browser.xsrf());

    assertThat(login.status()).as(login.body()).isEqualTo(200);
  }

  /** A sign-in form that names two users is refused (the check and Camunda read it alike). */
  @Test
  void aSignInFormWithTwoUserNamesIsRefused() {
    ApiClient browser = ApiClient.browser(port);
    browser.get("/camunda/app/tasklist/");
    Response login =
        browser.postRawForm(
            "/camunda/api/admin/auth/user/default/login/tasklist",
            "username=victor&password=victor&user%6Eame=ci-bot",
            browser.xsrf());

    assertThat(login.status()).as(login.body()).isEqualTo(403);
  }

  private String register(String prefix) {
    Response registered =
        ApiClient.as(port, "ci-bot")
            .post(
                "/api/models/" + prefix + "-" + System.nanoTime() + "/versions",
                Registrations.example("1.0.0"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    return registered.json().path("processInstanceId").asText();
  }

  private String awaitReviewTask(String instance) {
    ApiClient victor = ApiClient.as(port, "victor");
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode tasks =
                  victor.get("/engine-rest/task?maxResults=5&processInstanceId=" + instance).json();
              return tasks.isEmpty() ? null : tasks.get(0).path("id").asText();
            },
            Objects::nonNull);
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
}
