package io.modelops.orchestrator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import io.modelops.orchestrator.support.MonitoringScenario;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.Tasks;
import io.modelops.orchestrator.support.TestInfrastructure;
import io.modelops.orchestrator.support.TestMail;
import io.modelops.orchestrator.support.TestWebhook;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The release path end to end on real PostgreSQL: staging, canary with ingested metrics, promotion,
 * automatic rollback of an unhealthy canary, rollback and stop on demand, the stage history, the
 * GitOps repository and a webhook target that goes down and comes back.
 */
@IntegrationTest
class ReleaseIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired ManagementService managementService;

  @Test
  void shouldReleaseThroughStagingAndCanaryToProductionWithACommitPerStep() throws Exception {
    // given
    String model = newModel();

    // when
    releaseToProduction(model, "1.0.0");

    // then: one manifest commit per step
    List<String> subjects = commitSubjects(model);
    assertThat(subjects)
        .containsExactly(
            "Deploy " + model + " 1.0.0 to staging",
            "Deploy " + model + " 1.0.0 to canary (20 %)",
            "Promote " + model + " 1.0.0 to production");
    String production = manifest(model, "production.yaml");
    assertThat(production)
        .contains("kind: InferenceService", "name: " + model, artifact(model, "1.0.0"))
        .doesNotContain("canaryTrafficPercent");
    assertThat(manifest(model, "staging.yaml")).contains("name: " + model + "-staging");

    JsonNode history = ops().get("/api/models/" + model + "/stages").json().path("history");
    assertThat(history.findValuesAsText("action")).containsExactly("DEPLOY", "DEPLOY", "PROMOTE");
    assertThat(history.findValuesAsText("stage"))
        .containsExactly("STAGING", "CANARY", "PRODUCTION");
    assertThat(history.get(1).path("trafficPercent").asInt()).isEqualTo(20);
    assertThat(history.get(2).path("targetReference").asText()).hasSize(40);
  }

  @Test
  void shouldRollBackAnUnhealthyCanaryAutomaticallyAndMailTheOwner() throws Exception {
    // given: 1.0.0 in production, 1.1.0 in canary with a worse error rate
    String model = newModel();
    releaseToProduction(model, "1.0.0");
    register(model, "1.1.0");
    awaitStage(model, "1.1.0", "CANARY");
    postMetrics(model, "1.0.0", 0.01, 120);
    postMetrics(model, "1.1.0", 0.20, 130);

    // when
    makeDue(model, "1.1.0", ModelLifecycle.TIMER_CANARY_WINDOW);

    // then
    JsonNode rolledBack = awaitStatus(model, "1.1.0", "ROLLED_BACK");
    assertThat(rolledBack.path("statusReason").asText()).contains("UNHEALTHY", "error_rate");
    assertThat(version(model, "1.0.0").path("status").asText()).isEqualTo("IN_PRODUCTION");
    assertThat(manifest(model, "production.yaml"))
        .contains(artifact(model, "1.0.0"))
        .doesNotContain(artifact(model, "1.1.0"), "canaryTrafficPercent");
    String subject = model + ":1.1.0 was rolled back";
    MimeMessage mail =
        await().atMost(TIMEOUT).until(() -> mail(subject), java.util.Objects::nonNull);
    assertThat(GreenMailUtil.getBody(mail)).contains("FAIL error_rate", "observed 0.2");
    assertThat(Arrays.stream(mail.getAllRecipients()).map(Object::toString))
        .contains("fraud-analytics@example.com");
  }

  @Test
  void shouldRollBackAndStopOnRequestAndAnswerWhichVersionServedWhen() throws Exception {
    // given: 1.0.0, then 1.2.0 in production
    String model = newModel();
    releaseToProduction(model, "1.0.0");
    OffsetDateTime whileFirst = now();
    assertThat(ops().post("/api/models/" + model + "/rollback", Map.of("reason", "test")).status())
        .as("nothing to roll back to yet")
        .isEqualTo(409);
    releaseToProduction(model, "1.2.0");
    awaitStatus(model, "1.0.0", "RETIRED");
    OffsetDateTime whileSecond = now();

    // when: operations roll back (a data scientist may not)
    assertThat(
            ApiClient.as(port, "dana")
                .post("/api/models/" + model + "/rollback", Map.of("reason", "no"))
                .status())
        .isEqualTo(403);
    Response rollback =
        ops().post("/api/models/" + model + "/rollback", Map.of("reason", "Declines up 30 %"));

    // then
    assertThat(rollback.status()).as(rollback.body()).isEqualTo(202);
    assertThat(rollback.json().path("restoredVersion").asText()).isEqualTo("1.0.0");
    assertThat(awaitStatus(model, "1.2.0", "ROLLED_BACK").path("statusReason").asText())
        .contains("Rolled back to 1.0.0 by oscar: Declines up 30 %");
    awaitStatus(model, "1.0.0", "IN_PRODUCTION");
    assertThat(manifest(model, "production.yaml")).contains(artifact(model, "1.0.0"));
    assertThat(servingAt(model, whileFirst)).isEqualTo("1.0.0");
    assertThat(servingAt(model, whileSecond)).isEqualTo("1.2.0");
    assertThat(servingAt(model, now())).isEqualTo("1.0.0");

    // when: operations stop the restored version
    OffsetDateTime beforeStop = now();
    Response stop =
        ops()
            .post(
                "/api/models/" + model + "/versions/1.0.0/stop",
                Map.of("reason", "Regulator asked to suspend"));

    // then
    assertThat(stop.status()).as(stop.body()).isEqualTo(202);
    assertThat(awaitStatus(model, "1.0.0", "STOPPED").path("statusReason").asText())
        .contains("Stopped by oscar: Regulator asked to suspend");
    assertThat(servingAt(model, beforeStop)).isEqualTo("1.0.0");
    assertThat(servingAt(model, now())).isNull();
    assertThat(manifest(model, "production.yaml")).contains("serving.kserve.io/stop");
    JsonNode history = ops().get("/api/models/" + model + "/stages").json().path("history");
    assertThat(history.findValuesAsText("actor")).contains("oscar");
    assertThat(
            ops()
                .post("/api/models/" + model + "/versions/1.0.0/stop", Map.of("reason", "again"))
                .status())
        .isEqualTo(409);
  }

  @Test
  void shouldRefuseTheRegistrantsOwnProductionReleaseApproval() {
    // given: admin registers a MEDIUM-risk version, a validator approves it
    String model = newModel();
    Response registered =
        ApiClient.as(port, "admin")
            .post(
                "/api/models/" + model + "/versions",
                Registrations.declaring(registration(model, "1.0.0"), "MEDIUM"));
    String instance = registered.json().path("processInstanceId").asText();
    String review = awaitTask(instance, "victor");
    ApiClient.as(port, "victor")
        .post(
            "/engine-rest/task/" + review + "/complete",
            Map.of("variables", Map.of("reviewDecision", Map.of("value", "APPROVE"))));
    String release = awaitTask(instance, "oscar");

    // when the registrant approves the release
    Response own =
        ApiClient.as(port, "admin")
            .post(
                "/engine-rest/task/" + release + "/complete",
                Map.of("variables", Map.of("releaseDecision", Map.of("value", "APPROVE"))));

    // then
    assertThat(own.status()).isEqualTo(403);
    assertThat(own.json().path("detail").asText()).contains("cannot decide on its release");
    Response byOps =
        ops()
            .post(
                "/engine-rest/task/" + release + "/complete",
                Map.of("variables", Map.of("releaseDecision", Map.of("value", "APPROVE"))));
    assertThat(byOps.status()).as(byOps.body()).isEqualTo(204);
    awaitStage(model, "1.0.0", "CANARY");
  }

  private String awaitTask(String instance, String user) {
    return Tasks.awaitTask(port, instance, user, TIMEOUT);
  }

  @Test
  void shouldAcceptMetricsOnlyForServingVersionsAndRejectBadBatchesWhole() {
    String model = newModel();
    register(model, "1.0.0");
    awaitStage(model, "1.0.0", "CANARY");

    Response bad =
        ApiClient.as(port, MonitoringScenario.MONITOR)
            .post(
                "/api/models/" + model + "/versions/1.0.0/metrics",
                "{\"points\":[{\"name\":\"error_rate\",\"value\":0.1},{\"name\":\"bad name\",\"value\":1e400}]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").findValuesAsText("field"))
        .contains("points[1].name", "points[1].value");
    assertThat(countMetrics(model)).isZero();

    assertThat(
            ApiClient.as(port, MonitoringScenario.MONITOR)
                .post(
                    "/api/models/" + model + "/versions/1.0.0/metrics",
                    Map.of("points", List.of(Map.of("name", "error_rate", "value", 0.01))))
                .status())
        .isEqualTo(202);
    assertThat(countMetrics(model)).isEqualTo(1);
    assertThat(
            ApiClient.as(port, "victor")
                .post(
                    "/api/models/" + model + "/versions/1.0.0/metrics",
                    Map.of("points", List.of(Map.of("name", "error_rate", "value", 0.01))))
                .status())
        .isEqualTo(403);

    String other = newModel();
    ObjectNode body = Registrations.example("1.0.0", "MEDIUM");
    ApiClient.as(port, "ci-bot").post("/api/models/" + other + "/versions", body);
    assertThat(
            ApiClient.as(port, MonitoringScenario.MONITOR)
                .post(
                    "/api/models/" + other + "/versions/1.0.0/metrics",
                    Map.of("points", List.of(Map.of("name", "error_rate", "value", 0.01))))
                .status())
        .as("not serving yet")
        .isEqualTo(409);
  }

  @Test
  void shouldLeaveAnIncidentWhileTheWebhookIsDownAndFinishWhenItIsBack() throws Exception {
    // given: the deployment service is down
    String model = newModel();
    TestWebhook.answer(503);
    try {
      ObjectNode body = registration(model, "1.0.0").put("deploymentTarget", "WEBHOOK");
      String instance =
          ApiClient.as(port, "ci-bot")
              .post("/api/models/" + model + "/versions", body)
              .json()
              .path("processInstanceId")
              .asText();

      // when the staging deployment has used up its retries
      Job failing =
          await()
              .atMost(TIMEOUT)
              .until(
                  () ->
                      managementService
                          .createJobQuery()
                          .processInstanceId(instance)
                          .withException()
                          .singleResult(),
                  java.util.Objects::nonNull);
      assertThat(failing.getExceptionMessage()).contains("503");
      managementService.setJobRetries(failing.getId(), 1);
      managementService.setJobDuedate(failing.getId(), new Date(System.currentTimeMillis() - 1000));

      // then operations see an incident
      JsonNode incident =
          await()
              .atMost(TIMEOUT)
              .until(
                  () ->
                      ops()
                          .get("/engine-rest/incident?maxResults=50&processInstanceId=" + instance)
                          .json(),
                  incidents -> incidents.size() == 1);
      assertThat(incident.get(0).path("activityId").asText())
          .isEqualTo(ModelLifecycle.TASK_DEPLOY_STAGING);
      assertThat(incident.get(0).path("incidentMessage").asText()).contains("503");
      assertThat(TestWebhook.calls()).noneMatch(c -> c.idempotencyKey().startsWith(model + ":"));

      // when the service is back and operations retry
      TestWebhook.answer(200);
      Response retry =
          ops()
              .put(
                  "/engine-rest/job/" + failing.getId() + "/retries",
                  Map.of(
                      "retries",
                      1,
                      // like Cockpit's "retry now": otherwise the job waits for its next retry slot
                      "dueDate",
                      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
                          .format(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))));
      assertThat(retry.status()).as(retry.body()).isEqualTo(204);

      // then the lifecycle continues, and every effect happened exactly once
      awaitStage(model, "1.0.0", "CANARY");
      List<TestWebhook.Call> calls =
          TestWebhook.calls().stream()
              .filter(c -> c.idempotencyKey().startsWith(model + ":"))
              .toList();
      assertThat(calls)
          .extracting(TestWebhook.Call::idempotencyKey)
          .containsExactly(model + ":1.0.0:STAGING:DEPLOY", model + ":1.0.0:CANARY:DEPLOY");
      for (TestWebhook.Call call : calls) {
        assertThat(call.signature()).isEqualTo("sha256=" + hmac(call.body()));
      }
      assertThat(
              ops().get("/engine-rest/incident?maxResults=50&processInstanceId=" + instance).json())
          .isEmpty();
    } finally {
      TestWebhook.answer(200);
    }
  }

  private void releaseToProduction(String model, String version) {
    releases().toProduction(model, registration(model, version));
  }

  private void register(String model, String version) {
    releases().register(model, registration(model, version));
  }

  private static ObjectNode registration(String model, String version) {
    return ModelReleases.registration(model, version);
  }

  private static String artifact(String model, String version) {
    return "s3://models/" + model + "/" + version + "/model.pkl";
  }

  private void postMetrics(String model, String version, double errorRate, double latency) {
    releases().postMetrics(model, version, errorRate, latency, 6);
  }

  private void makeDue(String model, String version, String timer) {
    releases().makeDue(model, version, timer);
  }

  private JsonNode awaitStatus(String model, String version, String status) {
    return releases().awaitStatus(model, version, status);
  }

  private JsonNode awaitStage(String model, String version, String stage) {
    return releases().awaitStage(model, version, stage);
  }

  private JsonNode version(String model, String version) {
    return releases().version(model, version);
  }

  private ModelReleases releases() {
    return new ModelReleases(port, managementService);
  }

  private String servingAt(String model, OffsetDateTime at) {
    JsonNode production =
        ops().get("/api/models/" + model + "/stages?at=" + at).json().path("production");
    return production.isMissingNode() || production.isNull()
        ? null
        : production.path("version").asText();
  }

  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private long countMetrics(String model) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM metric_point p JOIN model_version v ON v.id = p.model_version_id"
                + " JOIN model m ON m.id = v.model_id WHERE m.name = ?")
        .param(model)
        .query(Long.class)
        .single();
  }

  private ApiClient ops() {
    return ApiClient.as(port, "oscar");
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static List<String> commitSubjects(String model) throws Exception {
    List<String> subjects = new ArrayList<>();
    try (Git git = Git.open(TestInfrastructure.GITOPS_REPOSITORY.toFile())) {
      for (RevCommit commit : git.log().addPath(model).call()) {
        subjects.add(0, commit.getShortMessage());
      }
    }
    return subjects;
  }

  private static String manifest(String model, String file) throws Exception {
    return Files.readString(TestInfrastructure.GITOPS_REPOSITORY.resolve(Path.of(model, file)));
  }

  private static MimeMessage mail(String subject) {
    return Arrays.stream(TestMail.server().getReceivedMessages())
        .filter(
            m -> {
              try {
                return m.getSubject().contains(subject);
              } catch (MessagingException e) {
                return false;
              }
            })
        .findFirst()
        .orElse(null);
  }

  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec("test-webhook-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String newModel() {
    return "release-model-" + MODELS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }
}
