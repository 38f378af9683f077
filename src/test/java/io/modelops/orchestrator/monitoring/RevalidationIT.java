package io.modelops.orchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Periodic revalidation and owner attestation on PostgreSQL: a HIGH-risk version in production is
 * revalidated a year later (its timer made due) by a validator who neither registered nor reviewed
 * it; before that it shows as overdue in its JSON and in Prometheus; the registrant attests its
 * use, and nobody else can.
 */
@IntegrationTest
class RevalidationIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(40);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ManagementService managementService;
  @Autowired OperatorMetrics operatorMetrics;

  @Test
  void shouldRevalidateAHighRiskVersionAYearLaterByAnIndependentValidator() {
    // given: dana's HIGH-risk version, reviewed by victor and rita, released by oscar
    String model = "revalidation-" + System.nanoTime() % 1_000_000;
    String instance = toProduction(model);
    JsonNode scheduled = version(model).path("revalidation");
    assertThat(scheduled.path("interval").asText()).isEqualTo("P1Y");
    assertThat(scheduled.path("overdue").asBoolean()).isFalse();
    assertThat(OffsetDateTime.parse(scheduled.path("dueAt").asText()))
        .isBetween(
            OffsetDateTime.now(ZoneOffset.UTC).plusYears(1).minusDays(1),
            OffsetDateTime.now(ZoneOffset.UTC).plusYears(1).plusDays(1));
    assertThat(scheduled.path("attestation").path("interval").asText()).isEqualTo("P3M");

    // when a year has passed: the due date is behind us and its timer fires
    jdbc.sql(
            "UPDATE revalidation_schedule SET revalidation_due_at = ? WHERE model_version_id ="
                + " (SELECT id FROM model_version WHERE process_instance_id = ?)")
        .params(OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), instance)
        .update();
    TestJobs.makeDue(managementService, instance, ModelLifecycle.TIMER_REVALIDATION_DUE);
    String task = Tasks.awaitTask(port, instance, "vera", TIMEOUT);

    // then: overdue in the version JSON and in Prometheus, with the evaluation requested
    JsonNode open = version(model).path("revalidation");
    assertThat(open.path("overdue").asBoolean()).isTrue();
    assertThat(open.path("openSince").isMissingNode()).isFalse();
    assertThat(open.path("evaluationRequestedAt").isMissingNode()).isFalse();
    operatorMetrics.refresh();
    assertThat(gauge("modelops_revalidations_overdue")).isGreaterThanOrEqualTo(1.0);
    assertThat(gauge("modelops_attestations_overdue")).isGreaterThanOrEqualTo(0.0);

    // and: the registrant and a reviewer of the version can neither hold nor decide it
    assertThat(claim(task, "dana").status()).isIn(403, 404);
    assertThat(claim(task, "victor").status()).isEqualTo(403);
    assertThat(decide(task, "dana", "CONFIRM", "mine").status()).isIn(403, 404);
    Response byReviewer = decide(task, "victor", "CONFIRM", "looked again");
    assertThat(byReviewer.status()).as(byReviewer.body()).isEqualTo(403);
    assertThat(decide(task, "oscar", "CONFIRM", "ops").status()).isIn(403, 404);

    // and: forged or malformed completions are refused, the task stays open
    Response forged =
        ApiClient.as(port, "vera")
            .post(
                "/engine-rest/task/" + task + "/complete",
                Map.of(
                    "variables",
                    Map.of(
                        "revalidationDecision", Map.of("value", "CONFIRM"),
                        "revalidationComment", Map.of("value", "fine"),
                        "revalidationDueAt", Map.of("value", "2099-01-01"))));
    assertThat(forged.status()).as(forged.body()).isIn(400, 403);
    assertThat(decide(task, "vera", "APPROVE", "wrong value").status()).isEqualTo(400);
    assertThat(decide(task, "vera", "CONFIRM", " ").status()).isEqualTo(400);
    assertThat(version(model).path("revalidation").path("decisions").size()).isZero();

    // when: vera confirms
    Response confirmed = decide(task, "vera", "CONFIRM", "Performance as validated; inputs stable");
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(204);

    // then: the next revalidation is due a year later, and nothing is overdue
    JsonNode done =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> version(model).path("revalidation"),
                r -> "CONFIRM".equals(r.path("lastOutcome").asText()));
    assertThat(done.path("overdue").asBoolean()).isFalse();
    assertThat(OffsetDateTime.parse(done.path("dueAt").asText()))
        .isBetween(
            OffsetDateTime.now(ZoneOffset.UTC).plusYears(1).minusDays(1),
            OffsetDateTime.now(ZoneOffset.UTC).plusYears(1).plusDays(1));
    assertThat(done.path("decisions").get(0).path("decidedBy").asText()).isEqualTo("vera");
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                managementService
                    .createJobQuery()
                    .processInstanceId(instance)
                    .activityId(ModelLifecycle.TIMER_REVALIDATION_DUE)
                    .singleResult(),
            java.util.Objects::nonNull);
    assertThat(audit(model, "REVALIDATION_OPENED")).isEqualTo(1);
    assertThat(audit(model, "REVALIDATION_COMPLETED")).isEqualTo(1);
    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE revalidation_review SET outcome = 'X' WHERE decided_by = 'vera'")
                    .update())
        .hasMessageContaining("append-only");

    // when: the owner attestation is due
    TestJobs.makeDue(managementService, instance, ModelLifecycle.TIMER_ATTESTATION_DUE);
    String attestation = Tasks.awaitTask(port, instance, "dana", TIMEOUT);

    // then: only dana attests; a "no" needs a comment
    assertThat(attest(attestation, "vera", true, "for dana").status()).isIn(403, 404);
    assertThat(attest(attestation, "admin", true, "for dana").status()).isEqualTo(403);
    assertThat(attest(attestation, "dana", false, "").status()).isEqualTo(400);
    Response attested = attest(attestation, "dana", false, "Now also used for limit increases");
    assertThat(attested.status()).as(attested.body()).isEqualTo(204);

    // and: the "no" is recorded and brings the revalidation forward: a new review opens
    JsonNode recorded =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> version(model).path("revalidation").path("attestation"),
                a -> a.path("attestations").size() == 1);
    assertThat(recorded.path("lastStillUsedAsIntended").asBoolean()).isFalse();
    assertThat(audit(model, "ATTESTATION_RECORDED")).isEqualTo(1);
    await().atMost(TIMEOUT).until(() -> audit(model, "REVALIDATION_OPENED") == 2);
  }

  private String toProduction(String model) {
    Response registered =
        ApiClient.as(port, "dana")
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    String instance = registered.json().path("processInstanceId").asText();
    assertThat(review(Tasks.awaitTask(port, instance, "victor", TIMEOUT), "victor").status())
        .isEqualTo(204);
    assertThat(review(Tasks.awaitTask(port, instance, "rita", TIMEOUT), "rita").status())
        .isEqualTo(204);
    String release = Tasks.awaitTask(port, instance, "oscar", TIMEOUT);
    Response approved =
        ApiClient.as(port, "oscar")
            .post(
                "/engine-rest/task/" + release + "/complete",
                Map.of("variables", Map.of("releaseDecision", Map.of("value", "APPROVE"))));
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.awaitStage(model, "1.0.0", "CANARY");
    releases.postMetrics(model, "1.0.0", 0.01, 120, 6);
    releases.makeDue(model, "1.0.0", ModelLifecycle.TIMER_CANARY_WINDOW);
    releases.awaitStatus(model, "1.0.0", "IN_PRODUCTION");
    return instance;
  }

  private Response review(String task, String user) {
    return ApiClient.as(port, user)
        .post(
            "/engine-rest/task/" + task + "/complete",
            Map.of(
                "variables",
                Map.of(
                    "reviewDecision",
                    Map.of("value", "APPROVE"),
                    "reviewComment",
                    Map.of("value", "Reviewed"))));
  }

  private Response claim(String task, String user) {
    return ApiClient.as(port, user)
        .post("/engine-rest/task/" + task + "/claim", Map.of("userId", user));
  }

  private Response decide(String task, String user, String decision, String comment) {
    return ApiClient.as(port, user)
        .post(
            "/engine-rest/task/" + task + "/complete",
            Map.of(
                "variables",
                Map.of(
                    "revalidationDecision",
                    Map.of("value", decision),
                    "revalidationComment",
                    Map.of("value", comment))));
  }

  private Response attest(String task, String user, boolean stillUsed, String comment) {
    return ApiClient.as(port, user)
        .post(
            "/engine-rest/task/" + task + "/complete",
            Map.of(
                "variables",
                Map.of(
                    "stillUsedAsIntended",
                    Map.of("value", stillUsed, "type", "Boolean"),
                    "attestationComment",
                    Map.of("value", comment))));
  }

  private long audit(String model, String action) {
    return ApiClient.as(port, "rita")
        .get("/api/audit?model=" + model + "&action=" + action)
        .json()
        .path("items")
        .size();
  }

  private double gauge(String name) {
    String scrape =
        ApiClient.as(port, "oscar")
            .get("/actuator/prometheus", Map.of("Accept", "text/plain"))
            .body();
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(scrape);
    assertThat(m.find()).as(name + " in the scrape").isTrue();
    return Double.parseDouble(m.group(1));
  }

  private JsonNode version(String model) {
    return ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/1.0.0").json();
  }
}
