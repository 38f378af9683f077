package io.modelops.orchestrator.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.Tasks;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Approval with conditions on PostgreSQL: a HIGH-risk version approved with a HIGH finding stays
 * out of production until the finding is closed by a validator who neither raised nor owns it, or
 * model risk accepts its risk; every role that may not act on a finding is refused.
 */
@IntegrationTest
class FindingsIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(40);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ManagementService managementService;
  @Autowired org.camunda.bpm.engine.TaskService taskService;

  @Test
  void shouldBlockTheReleaseOfAConditionalApprovalUntilAnotherValidatorClosesTheFinding() {
    // given: dana registers a HIGH-risk version; victor reviews it
    String model = newModel();
    String instance = register(model);
    String review = awaitTask(instance, "victor");

    // then: nobody but the holder of the review task raises findings
    Map<String, Object> finding = finding("Calibration not shown for applicants under 25", "HIGH");
    assertThat(raise(model, "dana", finding).status()).isEqualTo(403); // the registrant
    assertThat(raise(model, "ci-bot", finding).status()).isEqualTo(403);
    assertThat(raise(model, "oscar", finding).status()).isEqualTo(403);
    Response unclaimed = raise(model, "victor", finding);
    assertThat(unclaimed.status()).as(unclaimed.body()).isEqualTo(403);
    assertThat(unclaimed.json().path("detail").asText()).contains("claim the task first");
    claim(review, "victor");
    assertThat(raise(model, "vera", finding).status()).isEqualTo(403); // does not hold it

    // when: victor raises a HIGH finding while holding the review
    Response raised = raise(model, "victor", finding);

    // then: owned by the registrant, due by the DMN (HIGH finding, HIGH tier: 45 days)
    assertThat(raised.status()).as(raised.body()).isEqualTo(201);
    JsonNode created = raised.json();
    String id = created.path("id").asText();
    assertThat(created.path("owner").asText()).isEqualTo("dana");
    assertThat(created.path("raisedBy").asText()).isEqualTo("victor");
    assertThat(created.path("status").asText()).isEqualTo("OPEN");
    assertThat(created.path("blocksRelease").asBoolean()).isTrue();
    assertThat(created.path("dueDate").asText())
        .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(45).toString());

    // and: duplicates, oversized and malformed findings are refused
    assertThat(raise(model, "victor", finding).status()).isEqualTo(409);
    assertThat(raise(model, "victor", finding("x".repeat(201), "HIGH")).status()).isEqualTo(400);
    Map<String, Object> longText = finding("Long", "LOW");
    longText.put("description", "d".repeat(4001));
    assertThat(raise(model, "victor", longText).status()).isEqualTo(400);
    assertThat(raise(model, "victor", finding("No severity", null)).status()).isEqualTo(400);
    assertThat(raise(model, "victor", finding("Wrong severity", "SEVERE")).status()).isEqualTo(400);
    Map<String, Object> stranger = finding("Unknown owner", "LOW");
    stranger.put("owner", "nobody-" + System.nanoTime());
    assertThat(raise(model, "victor", stranger).status()).isEqualTo(400);
    assertThat(
            ApiClient.as(port, "victor")
                .post("/api/models/" + model + "/versions/1.0.0/findings", "x".repeat(6_000_000))
                .status())
        .isEqualTo(413);

    // when: victor approves plainly, with a finding of his open
    Response plain = decide(review, "victor", "APPROVE");

    // then: refused; approve with conditions
    assertThat(plain.status()).as(plain.body()).isEqualTo(400);
    assertThat(plain.json().path("detail").asText()).contains("approve with conditions");
    assertThat(decide(review, "victor", "APPROVE_WITH_CONDITIONS").status()).isEqualTo(204);

    // and: model risk cannot approve with conditions without a finding of its own
    String risk = awaitTask(instance, "rita");
    Response noConditions = decide(risk, "rita", "APPROVE_WITH_CONDITIONS");
    assertThat(noConditions.status()).as(noConditions.body()).isEqualTo(400);
    assertThat(decide(risk, "rita", "APPROVE").status()).isEqualTo(204);

    // when: operations approve the release (the form shows the finding)
    String release = awaitTask(instance, "oscar");
    assertThat(taskService.getVariable(release, ModelLifecycle.FINDINGS_SUMMARY.name()))
        .asString()
        .contains("BLOCKS RELEASE", "Calibration not shown");
    Response approved =
        ApiClient.as(port, "oscar")
            .post(
                "/engine-rest/task/" + release + "/complete",
                Map.of("variables", Map.of("releaseDecision", Map.of("value", "APPROVE"))));
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);

    // then: the canary does not start; the incident names the finding
    JsonNode incident = awaitIncident(instance);
    assertThat(incident.path("activityId").asText()).isEqualTo(ModelLifecycle.TASK_START_CANARY);
    assertThat(incident.path("incidentMessage").asText())
        .contains("Calibration not shown", "blocks the production release");
    assertThat(version(model).path("stage").asText()).isEqualTo("STAGING");
    assertThat(version(model).path("findings").get(0).path("id").asText()).isEqualTo(id);

    // and: the wrong people and the wrong states are refused
    assertThat(post(id, "close", "vera", Map.of()).status()).isEqualTo(409); // nothing submitted
    assertThat(post(id, "remediation", "oscar", remediation()).status()).isEqualTo(403);
    assertThat(post(id, "remediation", "victor", remediation()).status()).isEqualTo(403);
    assertThat(post(id, "risk-acceptance", "victor", acceptance(30)).status()).isEqualTo(403);
    Map<String, Object> longRemediation = new HashMap<>(remediation());
    longRemediation.put("remediation", "r".repeat(4001));
    assertThat(post(id, "remediation", "dana", longRemediation).status()).isEqualTo(400);
    Map<String, Object> badLink = new HashMap<>(remediation());
    badLink.put("evidenceUri", "javascript:alert(1)");
    assertThat(post(id, "remediation", "dana", badLink).status()).isEqualTo(400);

    // when: the owner submits a remediation, vera rejects it, the owner submits again
    assertThat(post(id, "remediation", "dana", remediation()).status()).isEqualTo(200);
    assertThat(post(id, "remediation", "dana", remediation()).status()).isEqualTo(409);
    assertThat(post(id, "reopen", "vera", Map.of()).status()).isEqualTo(400); // no reason
    assertThat(post(id, "reopen", "dana", Map.of("comment", "mine")).status()).isEqualTo(403);
    Response reopened = post(id, "reopen", "vera", Map.of("comment", "Plot for 18-21 missing"));
    assertThat(reopened.json().path("status").asText()).isEqualTo("OPEN");
    assertThat(post(id, "remediation", "dana", remediation()).status()).isEqualTo(200);

    // then: neither the owner, nor who raised it, nor anyone outside validation closes it
    assertThat(post(id, "close", "dana", Map.of()).status()).isEqualTo(403);
    Response byRaiser = post(id, "close", "victor", Map.of());
    assertThat(byRaiser.status()).isEqualTo(403);
    assertThat(byRaiser.json().path("detail").asText()).contains("Segregation of duties");
    assertThat(post(id, "close", "oscar", Map.of()).status()).isEqualTo(403);

    // when: vera closes it
    Response closed =
        post(id, "close", "vera", Map.of("comment", "Calibration fine in every band"));
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().path("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.json().path("history").size()).isEqualTo(5);
    assertThat(post(id, "close", "rita", Map.of()).status()).isEqualTo(409);
    assertThat(post(id, "risk-acceptance", "rita", acceptance(30)).status()).isEqualTo(409);

    // and: operations retry the incident: the canary starts, then production
    Response retried =
        ApiClient.as(port, "admin")
            .put(
                "/engine-rest/job/" + incident.path("configuration").asText() + "/retries",
                "{\"retries\":1}");
    assertThat(retried.status()).as(retried.body()).isEqualTo(204);
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.awaitStage(model, "1.0.0", "CANARY");
    releases.postMetrics(model, "1.0.0", 0.01, 120, 6);
    releases.makeDue(model, "1.0.0", ModelLifecycle.TIMER_CANARY_WINDOW);
    releases.awaitStatus(model, "1.0.0", "IN_PRODUCTION");

    // then: every transition is in the audit chain, and the chain holds
    ApiClient auditor = ApiClient.as(port, "rita");
    for (String action :
        new String[] {
          "FINDING_RAISED", "FINDING_REMEDIATION_SUBMITTED", "FINDING_REOPENED", "FINDING_CLOSED"
        }) {
      assertThat(
              auditor
                  .get("/api/audit?model=" + model + "&action=" + action)
                  .json()
                  .path("items")
                  .size())
          .as(action)
          .isGreaterThan(0);
    }
    assertThat(auditor.get("/api/audit/verify").json().path("valid").asBoolean()).isTrue();
    JsonNode decisions = version(model).path("approvals");
    assertThat(decisions.toString()).contains("APPROVE_WITH_CONDITIONS");

    // and: the database refuses to rewrite the finding or its history
    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE finding SET severity = 'LOW' WHERE id = ?::uuid")
                    .param(id)
                    .update())
        .hasMessageContaining("only status");
    assertThatThrownBy(
            () ->
                jdbc.sql("DELETE FROM finding_transition WHERE finding_id = ?::uuid")
                    .param(id)
                    .update())
        .hasMessageContaining("append-only");
  }

  @Test
  void shouldLetOnlyModelRiskAcceptTheRiskOfAFindingWithAReasonAndABoundedExpiry() {
    // given: a CRITICAL finding raised in the review, approved with conditions
    String model = newModel();
    String instance = register(model);
    String review = awaitTask(instance, "victor");
    claim(review, "victor");
    Response raised =
        raise(model, "victor", finding("No stress test of the 2020 shock", "CRITICAL"));
    assertThat(raised.status()).as(raised.body()).isEqualTo(201);
    String id = raised.json().path("id").asText();
    assertThat(raised.json().path("dueDate").asText())
        .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
    assertThat(decide(review, "victor", "APPROVE_WITH_CONDITIONS").status()).isEqualTo(204);
    assertThat(decide(awaitTask(instance, "rita"), "rita", "APPROVE").status()).isEqualTo(204);

    // then: only model risk, with a reason and an expiry within a year
    assertThat(post(id, "risk-acceptance", "vera", acceptance(30)).status()).isEqualTo(403);
    assertThat(post(id, "risk-acceptance", "dana", acceptance(30)).status()).isEqualTo(403);
    assertThat(post(id, "risk-acceptance", "oscar", acceptance(30)).status()).isEqualTo(403);
    assertThat(
            post(
                    id,
                    "risk-acceptance",
                    "rita",
                    Map.of("expiresOn", LocalDate.now().plusDays(9).toString()))
                .status())
        .isEqualTo(400);
    assertThat(post(id, "risk-acceptance", "rita", Map.of("reason", "x")).status()).isEqualTo(400);
    Response tooLong = post(id, "risk-acceptance", "rita", acceptance(366));
    assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
    assertThat(tooLong.json().toString()).contains("expiresOn");
    assertThat(post(id, "risk-acceptance", "rita", acceptance(-1)).status()).isEqualTo(400);

    // when
    Response accepted = post(id, "risk-acceptance", "rita", acceptance(90));

    // then: accepted, no longer blocking; twice is a conflict
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.json().path("status").asText()).isEqualTo("RISK_ACCEPTED");
    assertThat(accepted.json().path("blocksRelease").asBoolean()).isFalse();
    assertThat(post(id, "risk-acceptance", "rita", acceptance(90)).status()).isEqualTo(409);

    // and: the release goes on to the canary without an incident
    String release = awaitTask(instance, "oscar");
    assertThat(
            ApiClient.as(port, "oscar")
                .post(
                    "/engine-rest/task/" + release + "/complete",
                    Map.of("variables", Map.of("releaseDecision", Map.of("value", "APPROVE"))))
                .status())
        .isEqualTo(204);
    new ModelReleases(port, managementService).awaitStage(model, "1.0.0", "CANARY");
    assertThat(
            ApiClient.as(port, "rita")
                .get("/api/audit?model=" + model + "&action=FINDING_RISK_ACCEPTED")
                .json()
                .path("items")
                .size())
        .isEqualTo(1);
    assertThat(ApiClient.as(port, "ci-bot").get("/api/findings/" + id).status()).isEqualTo(200);
    assertThat(
            ApiClient.as(port, "ci-bot")
                .get("/api/models/" + model + "/versions/1.0.0/findings")
                .json()
                .size())
        .isEqualTo(1);
  }

  private Response raise(String model, String user, Map<String, Object> body) {
    return ApiClient.as(port, user).post("/api/models/" + model + "/versions/1.0.0/findings", body);
  }

  private Response post(String id, String action, String user, Object body) {
    return ApiClient.as(port, user).post("/api/findings/" + id + "/" + action, body);
  }

  private static Map<String, Object> finding(String title, String severity) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("description", "Found in the validation memo");
    if (severity != null) {
      body.put("severity", severity);
    }
    return body;
  }

  private static Map<String, Object> remediation() {
    return Map.of(
        "remediation",
        "Calibration plot per age band added, section 4.2",
        "evidenceUri",
        "https://wiki.example.com/memo#4.2");
  }

  private static Map<String, Object> acceptance(int days) {
    return Map.of(
        "reason",
        "Compensating control: manual review of declines",
        "expiresOn",
        LocalDate.now(ZoneOffset.UTC).plusDays(days).toString());
  }

  private void claim(String task, String user) {
    Response claimed =
        ApiClient.as(port, user)
            .post("/engine-rest/task/" + task + "/claim", Map.of("userId", user));
    assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);
  }

  private Response decide(String task, String user, String decision) {
    return ApiClient.as(port, user)
        .post(
            "/engine-rest/task/" + task + "/complete",
            Map.of(
                "variables",
                Map.of(
                    "reviewDecision",
                    Map.of("value", decision),
                    "reviewComment",
                    Map.of("value", "Reviewed"))));
  }

  private String register(String model) {
    Response response =
        ApiClient.as(port, "dana")
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0"));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("processInstanceId").asText();
  }

  private String awaitTask(String instance, String user) {
    return Tasks.awaitTask(port, instance, user, TIMEOUT);
  }

  private JsonNode awaitIncident(String instance) {
    return Tasks.awaitIncident(port, instance, TIMEOUT);
  }

  private JsonNode version(String model) {
    return ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/1.0.0").json();
  }

  private static String newModel() {
    return "findings-" + MODELS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }
}
