package io.modelops.orchestrator.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.process.FindingRemediation;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.Tasks;
import io.modelops.orchestrator.support.TestJobs;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Findings as work in Tasklist, on PostgreSQL: the remediation's tasks and the findings API stay
 * consistent both ways, only the owner remediates, only an independent validator verifies, nobody
 * rewrites what the tasks show, and an overdue finding reminds its owner and escalates once each.
 */
@IntegrationTest
class FindingRemediationIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(40);

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldKeepTheRemediationTasksAndTheFindingsApiInStepAndRefuseWhoMayNotAct() {
    // given: victor raises a HIGH finding while reviewing dana's version
    String model = newModel();
    String id = raiseFinding(model, "Calibration <img src=x onerror=alert(1)> missing");

    // then: its remediation waits for dana, due when the finding is, showing the finding
    ProcessInstance remediation = remediation(id);
    assertThat(remediation).as("a remediation started with the finding").isNotNull();
    Task remediate = task(id, FindingRemediation.TASK_REMEDIATE);
    assertThat(remediate.getAssignee()).isEqualTo("dana");
    assertThat(LocalDate.ofInstant(remediate.getDueDate().toInstant(), ZoneOffset.UTC))
        .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(45));
    assertThat(taskService.getVariableLocal(remediate.getId(), "findingTitle"))
        .isEqualTo("Calibration <img src=x onerror=alert(1)> missing");
    assertThat(taskService.getVariableLocal(remediate.getId(), "findingSeverity"))
        .isEqualTo("HIGH");

    // and: nobody starts a remediation, rewrites what it shows or its variables
    String path = "/engine-rest/task/" + remediate.getId();
    assertThat(
            ApiClient.as(port, "dana")
                .post("/engine-rest/process-definition/key/finding-remediation/start", Map.of())
                .status())
        .isEqualTo(403);
    assertThat(
            ApiClient.as(port, "dana")
                .put(path + "/localVariables/findingTitle", Map.of("value", "nothing"))
                .status())
        .isEqualTo(403);
    assertThat(
            ApiClient.as(port, "dana")
                .post(
                    path + "/localVariables",
                    Map.of("modifications", Map.of("findingSeverity", Map.of("value", "LOW"))))
                .status())
        .isEqualTo(403);
    assertThat(
            ApiClient.as(port, "admin")
                .put(
                    "/engine-rest/process-instance/"
                        + remediation.getId()
                        + "/variables/findingTitle",
                    Map.of("value", "nothing"))
                .status())
        .isEqualTo(403);
    Response rewritten =
        complete(
            remediate.getId(),
            "dana",
            Map.of("remediation", v("Plot added"), "findingSeverity", v("LOW")));
    assertThat(rewritten.status()).as(rewritten.body()).isEqualTo(403);

    // and: vera neither claims nor completes dana's remediation; an admin gives it to no one else
    assertThat(claim(remediate.getId(), "vera").status()).isEqualTo(403);
    assertThat(complete(remediate.getId(), "vera", Map.of("remediation", v("x"))).status())
        .isEqualTo(403);
    assertThat(
            ApiClient.as(port, "admin").post(path + "/assignee", Map.of("userId", "vera")).status())
        .isEqualTo(403);
    assertThat(finding(id).path("status").asText()).isEqualTo("OPEN");

    // when: dana completes it without a remediation, then with one
    assertThat(complete(remediate.getId(), "dana", Map.of()).status()).isEqualTo(400);
    Response submitted =
        complete(
            remediate.getId(),
            "dana",
            Map.of(
                "remediation",
                v("Plot added, section 4.2"),
                "evidenceUri",
                v("https://wiki.example.com/memo#4.2")));

    // then: the task made the register's transition, as dana
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(204);
    JsonNode afterTask = finding(id);
    assertThat(afterTask.path("status").asText()).isEqualTo("REMEDIATION_SUBMITTED");
    assertThat(afterTask.path("history").get(1).path("actor").asText()).isEqualTo("dana");

    // and: the owner, the reviewer who raised it and operations do not verify it
    Task verify = task(id, FindingRemediation.TASK_VERIFY);
    assertThat(taskService.getVariableLocal(verify.getId(), "findingHistory"))
        .asString()
        .contains("dana", "Plot added, section 4.2");
    assertThat(claim(verify.getId(), "dana").status()).isEqualTo(403);
    Response byRaiser = claim(verify.getId(), "victor");
    assertThat(byRaiser.status()).as(byRaiser.body()).isEqualTo(403);
    assertThat(byRaiser.body()).contains("Segregation of duties");
    assertThat(claim(verify.getId(), "oscar").status()).isEqualTo(403);
    assertThat(complete(verify.getId(), "victor", Map.of("verdict", v("CLOSE"))).status())
        .isEqualTo(403);

    // when: vera reopens it in the task, without and then with a reason
    assertThat(claim(verify.getId(), "vera").status()).isEqualTo(204);
    assertThat(complete(verify.getId(), "vera", Map.of("verdict", v("REOPEN"))).status())
        .isEqualTo(400);
    assertThat(complete(verify.getId(), "vera", Map.of("verdict", v("MAYBE"))).status())
        .isEqualTo(400);
    Response reopened =
        complete(
            verify.getId(),
            "vera",
            Map.of("verdict", v("REOPEN"), "verdictComment", v("Plot for 18-21 missing")));

    // then: open again, back with dana
    assertThat(reopened.status()).as(reopened.body()).isEqualTo(204);
    assertThat(finding(id).path("status").asText()).isEqualTo("OPEN");
    Task again = task(id, FindingRemediation.TASK_REMEDIATE);
    assertThat(again.getAssignee()).isEqualTo("dana");

    // when: dana submits over the API instead
    Response api =
        post(id, "remediation", "dana", Map.of("remediation", "Plot for 18-21 added, 4.3"));
    assertThat(api.status()).as(api.body()).isEqualTo(200);

    // then: the task is done, the verification waits
    assertThat(taskService.createTaskQuery().taskId(again.getId()).count()).isZero();
    Task second = task(id, FindingRemediation.TASK_VERIFY);

    // when: vera closes it over the API
    Response closed = post(id, "close", "vera", Map.of("comment", "Fine in every band"));

    // then: the remediation has ended; closing twice is a conflict either way
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(taskService.createTaskQuery().taskId(second.getId()).count()).isZero();
    assertThat(remediation(id)).isNull();
    assertThat(post(id, "close", "rita", Map.of()).status()).isEqualTo(409);
  }

  @Test
  void shouldEndTheRemediationWhenModelRiskAcceptsTheRiskAndCloseItFromTasklist() {
    // given: two findings; the first one's risk is accepted by model risk
    String model = newModel();
    String accepted = raiseFinding(model, "No stress test");
    String closedInTask = raiseAnother(model, "No benchmark against the champion");
    Response acceptance =
        post(
            accepted,
            "risk-acceptance",
            "rita",
            Map.of(
                "reason",
                "Compensating control",
                "expiresOn",
                LocalDate.now(ZoneOffset.UTC).plusDays(90).toString()));

    // then: its remediation has ended
    assertThat(acceptance.status()).as(acceptance.body()).isEqualTo(200);
    assertThat(remediation(accepted)).isNull();

    // when: the second is remediated over the API and rita closes it in its task
    assertThat(
            post(closedInTask, "remediation", "dana", Map.of("remediation", "Benchmark added"))
                .status())
        .isEqualTo(200);
    Task verify = task(closedInTask, FindingRemediation.TASK_VERIFY);
    assertThat(claim(verify.getId(), "rita").status()).isEqualTo(204);
    Response closed =
        complete(
            verify.getId(),
            "rita",
            Map.of("verdict", v("CLOSE"), "verdictComment", v("Benchmark is convincing")));

    // then: closed by rita, the remediation ended, all in the audit chain
    assertThat(closed.status()).as(closed.body()).isEqualTo(204);
    JsonNode finding = finding(closedInTask);
    assertThat(finding.path("status").asText()).isEqualTo("CLOSED");
    assertThat(finding.path("history").get(2).path("actor").asText()).isEqualTo("rita");
    assertThat(remediation(closedInTask)).isNull();
    assertThat(audit(model, "FINDING_CLOSED")).hasSize(1);
  }

  @Test
  void shouldRemindTheOwnerOfAnOverdueFindingAndEscalateToModelRiskOnceEach() {
    // given
    String model = newModel();
    String id = raiseFinding(model, "Drift thresholds not justified");
    String instance = remediation(id).getId();

    // when: the finding becomes overdue
    TestJobs.makeDue(managementService, instance, FindingRemediation.EVENT_OVERDUE);

    // then: the owner is reminded once, audited; the task stays
    await().atMost(TIMEOUT).until(() -> audit(model, "FINDING_OVERDUE_REMINDED").size() == 1);
    JsonNode reminded = audit(model, "FINDING_OVERDUE_REMINDED").get(0);
    assertThat(reminded.toString()).contains(id, "dana");
    assertThat(task(id, FindingRemediation.TASK_REMEDIATE)).isNotNull();
    assertThat(outbox("finding-overdue:" + id)).isEqualTo(1);

    // when: the grace runs out
    TestJobs.makeDue(managementService, instance, FindingRemediation.EVENT_ESCALATION_DUE);

    // then: model risk is told once, audited
    await().atMost(TIMEOUT).until(() -> audit(model, "FINDING_ESCALATED").size() == 1);
    assertThat(outbox("finding-escalated:" + id)).isEqualTo(1);
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                managementService.createJobQuery().processInstanceId(instance).count() == 0
                    && audit(model, "FINDING_OVERDUE_REMINDED").size() == 1);
  }

  private String raiseFinding(String model, String title) {
    Response registered =
        ApiClient.as(port, "dana")
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    String instance = registered.json().path("processInstanceId").asText();
    String review = Tasks.awaitTask(port, instance, "victor", TIMEOUT);
    assertThat(claim(review, "victor").status()).isEqualTo(204);
    return raiseAnother(model, title);
  }

  private String raiseAnother(String model, String title) {
    Response raised =
        ApiClient.as(port, "victor")
            .post(
                "/api/models/" + model + "/versions/1.0.0/findings",
                Map.of("title", title, "description", "Found in the memo", "severity", "HIGH"));
    assertThat(raised.status()).as(raised.body()).isEqualTo(201);
    return raised.json().path("id").asText();
  }

  private ProcessInstance remediation(String findingId) {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey(FindingRemediation.KEY)
        .processInstanceBusinessKey(findingId)
        .singleResult();
  }

  private Task task(String findingId, String key) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () ->
                taskService
                    .createTaskQuery()
                    .processInstanceBusinessKey(findingId)
                    .taskDefinitionKey(key)
                    .singleResult(),
            java.util.Objects::nonNull);
  }

  private JsonNode finding(String id) {
    return ApiClient.as(port, "ci-bot").get("/api/findings/" + id).json();
  }

  private List<JsonNode> audit(String model, String action) {
    JsonNode items =
        ApiClient.as(port, "rita")
            .get("/api/audit?model=" + model + "&action=" + action)
            .json()
            .path("items");
    List<JsonNode> result = new java.util.ArrayList<>();
    items.forEach(result::add);
    return result;
  }

  private long outbox(String dedupKey) {
    return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE dedup_key = ?")
        .param(dedupKey)
        .query(Long.class)
        .single();
  }

  private Response post(String id, String action, String user, Object body) {
    return ApiClient.as(port, user).post("/api/findings/" + id + "/" + action, body);
  }

  private Response claim(String task, String user) {
    return ApiClient.as(port, user)
        .post("/engine-rest/task/" + task + "/claim", Map.of("userId", user));
  }

  private Response complete(String task, String user, Map<String, Object> variables) {
    return ApiClient.as(port, user)
        .post("/engine-rest/task/" + task + "/complete", Map.of("variables", variables));
  }

  private static Map<String, Object> v(String value) {
    return Map.of("value", value);
  }

  private static String newModel() {
    return "remediation-" + MODELS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }
}
