package io.modelops.orchestrator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an administrator or operator does to a lifecycle through the engine's own APIs (outside its
 * tasks) lands in the hash-chained audit log and in the version's report as an intervention.
 */
@IntegrationTest
class InterventionAuditIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void shouldRecordBreakGlassModificationAndJobRetryWithActorAndReasonAndRefuseAVariableEdit() {
    // given: a HIGH-risk version waiting for its review
    String model = "intervention-" + MODELS.incrementAndGet() + "-" + System.nanoTime();
    ApiClient.Response registered =
        ApiClient.as(port, "ci-bot")
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    String instance = registered.json().path("processInstanceId").asText();
    ApiClient admin = ApiClient.as(port, "admin");
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                admin
                        .get("/engine-rest/task?maxResults=10&processInstanceId=" + instance)
                        .json()
                        .size()
                    > 0);

    assertThat(engineOperations(model))
        .as("registration through /api and the engine's own steps are not interventions")
        .isEmpty();

    // when: an administrator tries to edit a variable of the lifecycle (an edit carries no reason)
    ApiClient.Response edited =
        admin.put(
            "/engine-rest/process-instance/" + instance + "/variables/riskNote",
            "{\"value\":\"looked at by admin\",\"type\":\"String\"}");
    assertThat(edited.status()).as(edited.body()).isEqualTo(403);
    assertThat(edited.body()).contains("modification with an annotation");

    // and operations reset the retries of one of its jobs
    ApiClient oscar = ApiClient.as(port, "oscar");
    JsonNode jobs =
        admin.get("/engine-rest/job?maxResults=10&processInstanceId=" + instance).json();
    assertThat(jobs.isArray() && jobs.size() > 0).as(jobs.toString()).isTrue();
    String jobId = jobs.get(0).path("id").asText();
    ApiClient.Response retried =
        oscar.put("/engine-rest/job/" + jobId + "/retries", "{\"retries\":5}");
    assertThat(retried.status()).as(retried.body()).isEqualTo(204);

    // and an administrator skips the review (break glass), giving a reason and setting the
    // variable in the same modification
    ApiClient.Response modified =
        admin.post(
            "/engine-rest/process-instance/" + instance + "/modification",
            "{\"skipCustomListeners\":false,\"annotation\":\"Break glass: INC-4711 regulator deadline\","
                + "\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"SubProcess_ReviewByGroup\"},"
                + "{\"type\":\"startBeforeActivity\",\"activityId\":\"Event_ModelVersionApproved\","
                + "\"variables\":{\"riskNote\":{\"value\":\"looked at by admin\",\"type\":\"String\"}}}]}");
    assertThat(modified.status()).as(modified.body()).isEqualTo(204);

    // then: the audit log has all three, with actor, operation and reason
    ApiClient auditor = ApiClient.as(port, "rita");
    JsonNode items =
        auditor
            .get(
                "/api/audit?model="
                    + model
                    + "&action="
                    + EngineOperationAuditor.ACTION
                    + "&size=100")
            .json()
            .path("items");
    JsonNode modification = operation(items, "ModifyProcessInstance");
    assertThat(modification.path("actor").asText()).isEqualTo("admin");
    assertThat(modification.path("version").asText()).isEqualTo("1.0.0");
    assertThat(modification.path("processInstanceId").asText()).isEqualTo(instance);
    assertThat(modification.path("details").path("reason").asText())
        .isEqualTo("Break glass: INC-4711 regulator deadline");
    // the refused variable edit changed nothing and is not on record
    assertThat(items.findValuesAsText("operationType")).doesNotContain("SetVariable");
    JsonNode retry = operation(items, "SetJobRetries");
    assertThat(retry.path("actor").asText()).isEqualTo("oscar");
    assertThat(retry.path("details").path("jobId").asText()).isEqualTo(jobId);
    assertThat(retry.path("details").path("changes").toString()).contains("retries", "5");
    assertThat(auditor.get("/api/audit/verify").json().path("valid").asBoolean()).isTrue();

    // and the version's report lists them as interventions
    JsonNode report = auditor.get("/api/models/" + model + "/versions/1.0.0/report").json();
    JsonNode interventions = report.path("interventions");
    assertThat(interventions.findValuesAsText("actor")).contains("admin", "oscar");
    JsonNode breakGlass =
        StreamSupport.stream(interventions.spliterator(), false)
            .filter(i -> i.path("operation").asText().startsWith("ModifyProcessInstance"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no modification in " + interventions));
    assertThat(breakGlass.path("reason").asText())
        .isEqualTo("Break glass: INC-4711 regulator deadline");
    assertThat(breakGlass.path("occurredAt").asText()).isNotBlank();
    String html = auditor.get("/api/models/" + model + "/versions/1.0.0/report?format=html").body();
    assertThat(html.substring(html.indexOf("id=\"interventions\"")))
        .contains("ModifyProcessInstance", "admin", "Break glass: INC-4711 regulator deadline");

    // and Camunda's own operation log (Cockpit) is still written
    assertThat(
            admin
                .get(
                    "/engine-rest/history/user-operation?maxResults=50&processInstanceId="
                        + instance)
                .json()
                .findValuesAsText("operationType"))
        .contains("ModifyProcessInstance", "SetJobRetries");
  }

  @Test
  void shouldRecordAnOperatorsJavaApiCallAndNothingOfAFailedOrRolledBackOperation() {
    // given: a HIGH-risk version waiting for its review
    String model = "intervention-" + MODELS.incrementAndGet() + "-" + System.nanoTime();
    String instance =
        ApiClient.as(port, "ci-bot")
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0"))
            .json()
            .path("processInstanceId")
            .asText();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                ApiClient.as(port, "admin")
                        .get("/engine-rest/task?maxResults=10&processInstanceId=" + instance)
                        .json()
                        .size()
                    > 0);
    String jobId =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> {
                  Job job =
                      managementService
                          .createJobQuery()
                          .processInstanceId(instance)
                          .timers()
                          .listPage(0, 1)
                          .stream()
                          .findFirst()
                          .orElse(null);
                  return job == null ? null : job.getId();
                },
                java.util.Objects::nonNull);

    // when: a modification fails inside the engine (no such activity)
    ApiClient.Response failed =
        ApiClient.as(port, "admin")
            .post(
                "/engine-rest/process-instance/" + instance + "/modification",
                "{\"annotation\":\"should not be recorded\","
                    + "\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"SubProcess_ReviewByGroup\"},"
                    + "{\"type\":\"startBeforeActivity\",\"activityId\":\"NoSuchActivity\"}]}");

    // then: nothing was changed, and nothing is on record
    assertThat(failed.status()).as(failed.body()).isBetween(400, 499);
    assertThat(engineOperations(model)).isEmpty();

    // when: an operator's retry is part of a transaction that rolls back after the engine wrote it
    int retriesBefore = managementService.createJobQuery().jobId(jobId).singleResult().getRetries();
    assertThatThrownBy(
            () ->
                new TransactionTemplate(transactionManager)
                    .executeWithoutResult(
                        status -> {
                          asOscar(() -> managementService.setJobRetries(jobId, 7));
                          throw new IllegalStateException("crash after the engine's writes");
                        }))
        .hasMessageContaining("crash");

    // then: neither the retry nor its audit event exist
    assertThat(managementService.createJobQuery().jobId(jobId).singleResult().getRetries())
        .isEqualTo(retriesBefore);
    assertThat(engineOperations(model)).isEmpty();

    // when: operations reset job retries through the Java API, authenticated as oscar
    asOscar(() -> managementService.setJobRetries(jobId, 2));

    // then
    JsonNode retry = operation(engineOperations(model), "SetJobRetries");
    assertThat(retry.path("actor").asText()).isEqualTo("oscar");
    assertThat(retry.path("processInstanceId").asText()).isEqualTo(instance);
    assertThat(engineOperations(model)).hasSize(1);
    assertThat(ApiClient.as(port, "rita").get("/api/audit/verify").json().path("valid").asBoolean())
        .isTrue();
  }

  private void asOscar(Runnable call) {
    identityService.setAuthentication("oscar", List.of("ml-ops"));
    try {
      call.run();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private JsonNode engineOperations(String model) {
    return ApiClient.as(port, "rita")
        .get("/api/audit?model=" + model + "&action=" + EngineOperationAuditor.ACTION + "&size=100")
        .json()
        .path("items");
  }

  private static JsonNode operation(JsonNode items, String type) {
    return StreamSupport.stream(items.spliterator(), false)
        .filter(e -> e.path("details").path("operationType").asText().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + items));
  }
}
