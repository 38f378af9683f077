package io.modelops.orchestrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registrant does not decide their own risk: the questionnaire raises a declared tier, a model
 * keeps its current tier, and only model-risk lowers it ("Decide risk tier"), never the registrant.
 */
@IntegrationTest
class RiskClassificationIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String ENGINE = "/camunda/api/engine/engine/default";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  /**
   * Before: a version declared LOW by a registrant who answered "automated credit decisions" was
   * approved by policy with no human at all.
   */
  @Test
  void shouldReviewALowDeclarationWhoseQuestionnaireImpliesHighTwice() {
    // given: declared LOW, but automated decisions about people in an Annex III area
    String model = newModel();
    ObjectNode body = Registrations.example("1.0.0", "LOW");
    ((ObjectNode) body.path("riskAssessment"))
        .put("automatedDecisions", true)
        .put("personalData", true)
        .put("annexIIIArea", "ESSENTIAL_SERVICES");

    // when
    String instance = register(model, "ci-bot", body);

    // then: effectively HIGH, and why
    JsonNode version = version(model, "1.0.0");
    assertThat(version.path("riskTier").asText()).isEqualTo("HIGH");
    JsonNode risk = version.path("riskClassification");
    assertThat(risk.path("declared").asText()).isEqualTo("LOW");
    assertThat(risk.path("computed").asText()).isEqualTo("HIGH");
    assertThat(risk.path("effective").asText()).isEqualTo("HIGH");
    assertThat(risk.path("reason").asText())
        .isEqualTo(
            "raised to HIGH by the questionnaire: automated decisions about people +"
                + " ESSENTIAL_SERVICES");
    assertThat(risk.path("assessment").path("annexIIIArea").asText())
        .isEqualTo("ESSENTIAL_SERVICES");

    // and both reviews: model-validators, then model-risk
    String validatorTask = awaitTask(instance, "victor", "Review model version");
    assertThat(complete("victor", validatorTask, review("APPROVE", "Evidence is sufficient")))
        .isEqualTo(204);
    String riskTask = awaitTask(instance, "rita", "Review model version");
    assertThat(complete("rita", riskTask, review("APPROVE", "Risk accepted"))).isEqualTo(204);
    awaitStatus(model, "1.0.0", "APPROVED");
    assertThat(version(model, "1.0.0").path("approvals").findValuesAsText("decidedBy"))
        .containsExactly("victor", "rita");
  }

  /**
   * Before: version 2 of a HIGH model was LOW because its registrant said so, and was approved
   * without any review.
   */
  @Test
  void shouldKeepTheModelsTierUntilModelRiskDecidesAndLetThemKeepIt() {
    // given a HIGH model, and version 2 declared LOW with a LOW questionnaire by dana
    String model = newModel();
    register(model, "ci-bot", Registrations.example("1.0.0"));
    String instance = register(model, "dana", Registrations.example("2.0.0", "LOW"));

    // then: still HIGH, waiting for model-risk's decision
    String task = awaitTask(instance, "rita", "Decide risk tier");
    JsonNode version = version(model, "2.0.0");
    assertThat(version.path("riskTier").asText()).isEqualTo("HIGH");
    assertThat(version.path("riskClassification").path("declared").asText()).isEqualTo("LOW");
    assertThat(version.path("riskClassification").path("computed").asText()).isEqualTo("LOW");
    assertThat(version.path("riskClassification").path("reason").asText())
        .contains("kept at HIGH", "version 1.0.0", "model-risk");
    assertThat(
            historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instance)
                .activityId(ModelLifecycle.TASK_VALIDATE)
                .count())
        .as("validation waits for the decision")
        .isZero();

    // the registrant cannot decide (REST and Tasklist), nor can a validator
    assertThat(complete("dana", task, riskDecision("LOWER", "my model, my call"))).isEqualTo(403);
    ApiClient danaInTasklist = ApiClient.tasklistSession(port, "dana");
    assertThat(
            danaInTasklist
                .post(
                    ENGINE + "/task/" + task + "/submit-form",
                    Map.of("variables", riskDecision("LOWER", "my model, my call")),
                    danaInTasklist.xsrf())
                .status())
        .isEqualTo(403);
    assertThat(complete("victor", task, riskDecision("LOWER", "looks low"))).isEqualTo(403);
    // nor when someone hands the task to the registrant
    int assigned =
        ApiClient.as(port, "rita")
            .post("/engine-rest/task/" + task + "/assignee", Map.of("userId", "dana"))
            .status();
    assertThat(assigned).isIn(204, 403);
    assertThat(complete("dana", task, riskDecision("LOWER", "assigned to me"))).isEqualTo(403);
    taskService.setAssignee(task, null);
    // a decision needs a comment
    assertThat(complete("rita", task, riskDecision("KEEP", " "))).isEqualTo(400);
    assertThat(version(model, "2.0.0").path("riskTier").asText()).isEqualTo("HIGH");

    // when model-risk keeps the tier
    assertThat(complete("rita", task, riskDecision("KEEP", "Same use as version 1")))
        .isEqualTo(204);

    // then: the HIGH path, two reviews
    String validatorTask = awaitTask(instance, "victor", "Review model version");
    JsonNode kept = version(model, "2.0.0");
    assertThat(kept.path("riskTier").asText()).isEqualTo("HIGH");
    assertThat(kept.path("riskClassification").path("reason").asText())
        .isEqualTo("kept at HIGH by rita (model-risk): Same use as version 1");
    JsonNode decision = kept.path("approvals").get(0);
    assertThat(decision.path("step").asText()).isEqualTo(ModelLifecycle.TASK_DECIDE_RISK_TIER);
    assertThat(decision.path("decision").asText()).isEqualTo("KEEP");
    assertThat(decision.path("decidedBy").asText()).isEqualTo("rita");
    assertThat(decision.path("reviewGroup").asText()).isEqualTo("model-risk");
    assertThat(auditActions(model, "2.0.0")).contains("DECISION_RECORDED", "RISK_TIER_DECIDED");
    assertThat(complete("victor", validatorTask, review("APPROVE", "Evidence is sufficient")))
        .isEqualTo(204);
    // deciding the tier is not a review: model risk still reviews the version
    String riskReview = awaitTask(instance, "rita", "Review model version");
    assertThat(complete("rita", riskReview, review("APPROVE", "Risk accepted"))).isEqualTo(204);
    awaitStatus(model, "2.0.0", "APPROVED");
    assertThat(version(model, "2.0.0").path("approvals").findValuesAsText("step"))
        .containsExactly(
            ModelLifecycle.TASK_DECIDE_RISK_TIER,
            ModelLifecycle.TASK_REVIEW,
            ModelLifecycle.TASK_REVIEW);
  }

  @Test
  void shouldFollowTheLowPathWhenModelRiskLowersTheTier() {
    // given
    String model = newModel();
    register(model, "ci-bot", Registrations.example("1.0.0"));
    String instance = register(model, "dana", Registrations.example("2.0.0", "LOW"));
    String task = awaitTask(instance, "rita", "Decide risk tier");

    // when
    assertThat(complete("rita", task, riskDecision("LOWER", "Now only used for internal reports")))
        .isEqualTo(204);

    // then: LOW, approved by policy without a review
    awaitStatus(model, "2.0.0", "APPROVED");
    JsonNode lowered = version(model, "2.0.0");
    assertThat(lowered.path("riskTier").asText()).isEqualTo("LOW");
    assertThat(lowered.path("riskClassification").path("reason").asText())
        .isEqualTo("lowered to LOW by rita (model-risk): Now only used for internal reports");
    assertThat(lowered.path("approvals").findValuesAsText("step"))
        .contains(ModelLifecycle.TASK_DECIDE_RISK_TIER)
        .doesNotContain(ModelLifecycle.TASK_REVIEW);
    // the lowered tier is now the model's: the next LOW version needs no decision
    String next = register(model, "dana", Registrations.example("2.1.0", "LOW"));
    awaitStatus(model, "2.1.0", "APPROVED");
    assertThat(version(model, "2.1.0").path("riskTier").asText()).isEqualTo("LOW");
    assertThat(
            historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(next)
                .activityId(ModelLifecycle.TASK_DECIDE_RISK_TIER)
                .count())
        .isZero();
  }

  /** An administrator passes every engine authorization; the listener still refuses. */
  @Test
  void shouldRefuseAnAdministratorWhoRegisteredOrIsNotInModelRisk() {
    String model = newModel();
    register(model, "ci-bot", Registrations.example("1.0.0"));
    String instance = register(model, "admin", Registrations.example("2.0.0", "MEDIUM"));
    String task = awaitTask(instance, "rita", "Decide risk tier");

    ApiClient admin = ApiClient.tasklistSession(port, "admin");
    Response asRegistrant =
        admin.post(
            ENGINE + "/task/" + task + "/submit-form",
            Map.of("variables", riskDecision("LOWER", "my call")),
            admin.xsrf());
    assertThat(asRegistrant.status()).as(asRegistrant.body()).isEqualTo(403);
    assertThat(asRegistrant.body()).contains("cannot decide on its risk tier");

    assertThat(version(model, "2.0.0").path("riskTier").asText()).isEqualTo("HIGH");

    // an administrator who did not register the version is still not the risk function
    String otherModel = newModel();
    register(otherModel, "ci-bot", Registrations.example("1.0.0"));
    String otherInstance = register(otherModel, "ci-bot", Registrations.example("2.0.0", "LOW"));
    String otherTask = awaitTask(otherInstance, "rita", "Decide risk tier");
    Response notRisk =
        admin.post(
            ENGINE + "/task/" + otherTask + "/submit-form",
            Map.of("variables", riskDecision("LOWER", "admin says so")),
            admin.xsrf());
    assertThat(notRisk.status()).as(notRisk.body()).isEqualTo(403);
    assertThat(notRisk.body()).contains("Only members of model-risk");
    assertThat(version(otherModel, "2.0.0").path("riskTier").asText()).isEqualTo("HIGH");
    assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
  }

  @Test
  void shouldLetTheMediumQuestionnaireRaiseTheDeclaredTierOfANewModel() {
    String model = newModel();
    ObjectNode body = Registrations.example("1.0.0", "LOW");
    ((ObjectNode) body.path("riskAssessment")).put("specialCategoryData", true);

    register(model, "ci-bot", body);

    JsonNode version = version(model, "1.0.0");
    assertThat(version.path("riskTier").asText()).isEqualTo("MEDIUM");
    assertThat(version.path("riskClassification").path("reason").asText())
        .isEqualTo("raised to MEDIUM by the questionnaire: special-category data");
    assertThat(
            ApiClient.as(port, "ci-bot")
                .get("/api/models/" + model)
                .json()
                .path("versions")
                .get(0)
                .path("riskTier")
                .asText())
        .isEqualTo("MEDIUM");
  }

  private List<String> auditActions(String model, String version) {
    return jdbc.sql("SELECT action FROM audit_event WHERE model = ? AND version = ?")
        .params(model, version)
        .query(String.class)
        .list();
  }

  private String register(String model, String user, ObjectNode body) {
    body.put(
        "artifactUri", "s3://models/" + model + "/" + body.path("version").asText() + "/m.pkl");
    Response response = ApiClient.as(port, user).post("/api/models/" + model + "/versions", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("processInstanceId").asText();
  }

  private JsonNode version(String model, String version) {
    return ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/" + version).json();
  }

  private void awaitStatus(String model, String version, String status) {
    await()
        .atMost(TIMEOUT)
        .until(() -> version(model, version).path("status").asText(), status::equals);
  }

  private String awaitTask(String instance, String user, String name) {
    ApiClient client = ApiClient.as(port, user);
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              JsonNode tasks =
                  client
                      .get("/engine-rest/task?maxResults=50&processInstanceId=" + instance)
                      .json();
              for (JsonNode t : tasks) {
                if (name.equals(t.path("name").asText())) {
                  return t.path("id").asText();
                }
              }
              return null;
            },
            java.util.Objects::nonNull);
  }

  private int complete(String user, String taskId, Map<String, Object> variables) {
    return ApiClient.as(port, user)
        .post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables))
        .status();
  }

  private static Map<String, Object> review(String decision, String comment) {
    return Map.of(
        "reviewDecision", Map.of("value", decision), "reviewComment", Map.of("value", comment));
  }

  private static Map<String, Object> riskDecision(String decision, String comment) {
    return Map.of(
        "riskTierDecision", Map.of("value", decision), "riskTierComment", Map.of("value", comment));
  }

  private static String newModel() {
    return "risk-model-" + MODELS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }
}
