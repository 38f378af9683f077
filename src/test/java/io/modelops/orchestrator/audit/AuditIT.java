package io.modelops.orchestrator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit log on real PostgreSQL: what it records, who may read it, and tamper evidence. */
@IntegrationTest
class AuditIT {

  private static final AtomicInteger MODELS = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldRecordTheLifecycleWithActorsInTheSameTransactions() {
    // given
    String model = newModel();

    // when: a LOW-risk version is registered, validated, approved by policy and deployed
    ApiClient.as(port, "ci-bot")
        .post("/api/models/" + model + "/versions", Registrations.example("1.0.0", "LOW"));

    // then
    JsonNode events =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> auditor().get("/api/audit?model=" + model).json().path("items"),
                items -> items.findValuesAsText("action").contains("STAGE_DEPLOY"));
    assertThat(events.findValuesAsText("action"))
        .containsSubsequence(
            "MODEL_VERSION_REGISTERED",
            "VALIDATION_COMPLETED",
            "DECISION_RECORDED",
            "STATUS_CHANGED",
            "STAGE_DEPLOY");
    assertThat(events.get(0).path("actor").asText()).isEqualTo("ci-bot");
    assertThat(events.get(0).path("details").path("riskTier").asText()).isEqualTo("LOW");
    JsonNode decision = first(events, "DECISION_RECORDED");
    assertThat(decision.path("actor").asText()).isEqualTo("approval-policy");
    assertThat(decision.path("details").path("evidenceHash").asText()).hasSize(64);
    assertThat(first(events, "VALIDATION_COMPLETED").path("details").path("passed").asBoolean())
        .isTrue();
    assertThat(
            auditor()
                .get("/api/audit?model=" + model + "&actor=ci-bot")
                .json()
                .path("total")
                .asLong())
        .isEqualTo(1);
    assertThat(
            auditor()
                .get("/api/audit?action=DEFINITION_DEPLOYED")
                .json()
                .path("items")
                .findValuesAsText("key"))
        .contains("model-lifecycle", "approval-policy", "metric-gates");
    assertThat(auditor().get("/api/audit/verify").json().path("valid").asBoolean()).isTrue();
  }

  @Test
  void shouldLetOnlyGovernanceRolesReadTheLog() {
    assertThat(ApiClient.as(port, "ci-bot").get("/api/audit").status()).isEqualTo(403);
    assertThat(ApiClient.as(port, "dana").get("/api/audit/verify").status()).isEqualTo(403);
    assertThat(ApiClient.as(port, "victor").get("/api/audit").status()).isEqualTo(200);
    assertThat(ApiClient.anonymous(port).get("/api/audit").status()).isEqualTo(401);
  }

  @Test
  void shouldRefuseUpdatesAndDeletesInTheDatabase() {
    registerSomething();

    assertThatThrownBy(
            () -> jdbc.sql("UPDATE audit_event SET actor = 'mallory' WHERE seq = 1").update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE seq = 1").update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
  }

  @Test
  void shouldDetectAnAlteredEventAndAMissingOne() {
    // given
    String model = registerSomething();
    Map<String, Object> row =
        jdbc.sql(
                "SELECT seq, actor FROM audit_event WHERE model = ? ORDER BY seq FETCH FIRST 1 ROWS ONLY")
            .param(model)
            .query()
            .singleRow();
    long seq = ((Number) row.get("seq")).longValue();

    try {
      // when someone with database superpowers rewrites history
      asSuperuser("UPDATE audit_event SET actor = 'someone-else' WHERE seq = " + seq);

      // then
      JsonNode verification = auditor().get("/api/audit/verify").json();
      assertThat(verification.path("valid").asBoolean()).isFalse();
      assertThat(verification.path("firstBrokenSeq").asLong()).isEqualTo(seq);
      assertThat(verification.path("problem").asText()).contains("altered");
    } finally {
      asSuperuser("UPDATE audit_event SET actor = '" + row.get("actor") + "' WHERE seq = " + seq);
    }
    assertThat(auditor().get("/api/audit/verify").json().path("valid").asBoolean()).isTrue();

    // when an event in the middle disappears
    Map<String, Object> removed =
        jdbc.sql("SELECT * FROM audit_event WHERE seq = ?").param(seq).query().singleRow();
    try {
      asSuperuser("DELETE FROM audit_event WHERE seq = " + seq);
      JsonNode verification = auditor().get("/api/audit/verify").json();
      assertThat(verification.path("valid").asBoolean()).isFalse();
      assertThat(verification.path("firstBrokenSeq").asLong()).isEqualTo(seq);
      assertThat(verification.path("problem").asText()).containsAnyOf("missing", "removed");
    } finally {
      jdbc.sql(
              "INSERT INTO audit_event (seq, occurred_at, actor, action, model, version,"
                  + " process_instance_id, details, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              removed.get("seq"),
              removed.get("occurred_at"),
              removed.get("actor"),
              removed.get("action"),
              removed.get("model"),
              removed.get("version"),
              removed.get("process_instance_id"),
              removed.get("details"),
              removed.get("previous_hash"),
              removed.get("hash"))
          .update();
    }
    assertThat(auditor().get("/api/audit/verify").json().path("valid").asBoolean()).isTrue();
  }

  private void asSuperuser(String sql) {
    jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete").update();
    try {
      jdbc.sql(sql).update();
    } finally {
      jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete").update();
    }
  }

  private String registerSomething() {
    String model = newModel();
    ApiClient.as(port, "ci-bot")
        .post("/api/models/" + model + "/versions", Registrations.example("1.0.0", "MEDIUM"));
    return model;
  }

  private static JsonNode first(JsonNode events, String action) {
    for (JsonNode e : events) {
      if (e.path("action").asText().equals(action)) {
        return e;
      }
    }
    throw new AssertionError("no " + action);
  }

  private ApiClient auditor() {
    return ApiClient.as(port, "rita");
  }

  private static String newModel() {
    return "audit-model-" + MODELS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }
}
