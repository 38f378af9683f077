package io.modelops.orchestrator.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.Tasks;
import io.modelops.orchestrator.support.TestMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The approval policy end to end: automatic approval, overdue reviews, comparison with a real
 * champion in the catalog, and change requests answered by a new version.
 */
@IntegrationTest
class ApprovalPolicyIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldApproveALowRiskVersionWithoutAnyHumanTask() {
    // given
    String model = newModel();
    ObjectNode body = Registrations.example("1.0.0", "LOW");

    // when
    String instance = register(model, body);

    // then
    JsonNode version = awaitStatus(model, "1.0.0", "APPROVED");
    assertThat(version.path("approvals")).hasSize(1);
    assertThat(version.path("approvals").get(0).path("decidedBy").asText())
        .isEqualTo(RecordAutomaticApprovalDelegate.POLICY_ACTOR);
    assertThat(version.path("approvals").get(0).path("comment").asText()).contains("LOW risk");
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance).count())
        .isZero();
  }

  @Test
  void shouldRemindTheGroupOnceAndEscalateToOperationsOnce() {
    // given: a MEDIUM-risk version waiting for its validation review
    String model = newModel();
    String instance = register(model, Registrations.example("1.0.0", "MEDIUM"));
    String taskId = awaitTask(instance, "victor");

    // when: the review deadline passes (the policy's P3D, brought forward)
    makeDue(instance, ModelLifecycle.TIMER_REVIEW_OVERDUE);

    // then: one reminder to every validator with an address
    String reminder = model + ":1.0.0 review overdue";
    await().atMost(TIMEOUT).until(() -> mails(reminder).size() == 1);
    assertThat(recipients(mails(reminder).get(0)))
        .contains("victor@example.com", "vera@example.com")
        .doesNotContain("oscar@example.com", "rita@example.com");

    // when: the escalation deadline passes too
    makeDue(instance, ModelLifecycle.TIMER_ESCALATION_DUE);

    // then: operations get one escalation, and nothing is sent twice
    String escalation = model + ":1.0.0 review escalated";
    await().atMost(TIMEOUT).until(() -> mails(escalation).size() == 1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> mails(reminder).size() == 1 && mails(escalation).size() == 1);
    assertThat(recipients(mails(escalation).get(0))).containsExactly("oscar@example.com");
    assertThat(GreenMailUtil.getBody(mails(escalation).get(0))).contains("model-validators");

    // and the review is still open
    assertThat(ApiClient.as(port, "victor").get("/engine-rest/task/" + taskId).status())
        .isEqualTo(200);
  }

  @Test
  void shouldCompareACandidateWithTheChampionInProduction() {
    // given: version 1.0.0 is approved and in production (its canary is running; promotion is
    // simulated in the catalog, the release path has its own test)
    String model = newModel();
    register(model, Registrations.example("1.0.0", "LOW"));
    ApiClient ci = ApiClient.as(port, "ci-bot");
    await()
        .atMost(TIMEOUT)
        .until(
            () -> ci.get("/api/models/" + model + "/versions/1.0.0").json().path("stage").asText(),
            "CANARY"::equals);
    jdbc.sql(
            "UPDATE model_version SET stage = 'PRODUCTION' WHERE version = '1.0.0'"
                + " AND model_id = (SELECT id FROM model WHERE name = ?)")
        .param(model)
        .update();

    // when: 1.1.0 has a worse AUC and drops an input
    ObjectNode candidate = Registrations.example("1.1.0", "MEDIUM");
    ((ObjectNode) candidate.path("metrics")).put("auc", 0.85);
    ((ArrayNode) candidate.path("signature").path("inputs")).remove(2);
    register(model, candidate);

    // then
    JsonNode version = awaitStatus(model, "1.1.0", "REJECTED");
    JsonNode validation = version.path("validation");
    assertThat(validation.path("comparedWithChampion").asText()).isEqualTo("1.0.0");
    JsonNode auc = check(validation, "champion:auc");
    assertThat(auc.path("status").asText()).isEqualTo("FAIL");
    assertThat(auc.path("observed").asText())
        .isEqualTo(
            "0.85 vs champion 1.0.0 0.91 (worse by 0.06) (declared, not independently evaluated)");
    assertThat(check(validation, "metric:auc").path("status").asText()).isEqualTo("PASS");
    JsonNode signature = check(validation, "signature");
    assertThat(signature.path("status").asText()).as("MEDIUM risk: a warning").isEqualTo("WARN");
    assertThat(signature.path("observed").asText()).isEqualTo("input card_age_days removed");
    assertThat(version.path("statusReason").asText()).contains("champion:auc");
  }

  @Test
  void shouldSupersedeAVersionWithRequestedChangesByTheNextVersion() {
    // given: a reviewer requests changes
    String model = newModel();
    String instance = register(model, Registrations.example("1.0.0", "MEDIUM"));
    String taskId = awaitTask(instance, "victor");
    Response requested =
        ApiClient.as(port, "victor")
            .post(
                "/engine-rest/task/" + taskId + "/complete",
                Map.of(
                    "variables",
                    Map.of(
                        "reviewDecision", Map.of("value", "REQUEST_CHANGES"),
                        "reviewComment", Map.of("value", "Document the limitations for SMEs"))));
    assertThat(requested.status()).as(requested.body()).isEqualTo(204);

    // then: the owner is told, and the version waits
    JsonNode waiting = awaitStatus(model, "1.0.0", "CHANGES_REQUESTED");
    assertThat(waiting.path("statusReason").asText())
        .isEqualTo("Changes requested by victor: Document the limitations for SMEs");
    String subject = model + ":1.0.0 needs changes";
    await().atMost(TIMEOUT).until(() -> mails(subject).size() == 1);
    assertThat(recipients(mails(subject).get(0))).contains("fraud-analytics@example.com");
    assertThat(GreenMailUtil.getBody(mails(subject).get(0)))
        .contains("Document the limitations for SMEs", "Register a new version");

    // when: the owner registers the next version
    register(model, Registrations.example("1.0.1", "MEDIUM"));

    // then
    JsonNode superseded = awaitStatus(model, "1.0.0", "SUPERSEDED");
    assertThat(superseded.path("statusReason").asText()).isEqualTo("Superseded by version 1.0.1");
    awaitStatus(model, "1.0.1", "IN_REVIEW");
  }

  private void makeDue(String instance, String timerActivity) {
    io.modelops.orchestrator.support.TestJobs.makeDue(managementService, instance, timerActivity);
  }

  private String register(String model, ObjectNode body) {
    Response response =
        ApiClient.as(port, "ci-bot").post("/api/models/" + model + "/versions", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("processInstanceId").asText();
  }

  private JsonNode awaitStatus(String model, String version, String status) {
    ApiClient ci = ApiClient.as(port, "ci-bot");
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> ci.get("/api/models/" + model + "/versions/" + version).json(),
            v -> v.path("status").asText().equals(status));
  }

  private String awaitTask(String instance, String user) {
    return Tasks.awaitTask(port, instance, user, TIMEOUT);
  }

  private static JsonNode check(JsonNode validation, String name) {
    for (JsonNode check : validation.path("checks")) {
      if (check.path("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("no check " + name + " in " + validation);
  }

  /**
   * Mails sent with a subject: GreenMail keeps one copy per recipient, so copies with the same
   * Message-ID count once.
   */
  private static List<MimeMessage> mails(String subjectPart) {
    Map<String, MimeMessage> byId = new java.util.LinkedHashMap<>();
    for (MimeMessage m : TestMail.server().getReceivedMessages()) {
      try {
        if (m.getSubject().contains(subjectPart)) {
          byId.putIfAbsent(m.getMessageID(), m);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return List.copyOf(byId.values());
  }

  private static List<String> recipients(MimeMessage message) {
    try {
      return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String newModel() {
    return "policy-model-" + MODELS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }
}
