package io.modelops.orchestrator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Governed evaluation datasets: only validation chooses the data a model's versions are scored on,
 * never a registrant; every registration is on the audit chain and stays on record.
 */
@IntegrationTest
class EvaluationDatasetsIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final String HASH_A = "a".repeat(64);
  private static final String HASH_B = "0123456789abcdef".repeat(4);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired IdentityService identityService;

  @Test
  void shouldMakeTheLatestDatasetAValidatorRegistersTheCurrentOne() {
    String model = registeredModel("ci-bot");

    Response first =
        post("victor", model, dataset("s3://holdouts/" + model + "/q3.parquet", HASH_A));
    Response second =
        post("rita", model, dataset("s3://holdouts/" + model + "/q4.parquet", HASH_B));

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().path("registeredBy").asText()).isEqualTo("victor");
    assertThat(first.json().path("sha256").asText()).isEqualTo(HASH_A);
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    JsonNode history = ApiClient.as(port, "dana").get(path(model)).json();
    assertThat(history).hasSize(2);
    assertThat(history.get(0).path("uri").asText()).endsWith("/q4.parquet");
    assertThat(history.get(0).path("registeredBy").asText()).isEqualTo("rita");
    assertThat(history.get(1).path("uri").asText()).endsWith("/q3.parquet");
    assertThat(auditEvents(model)).isEqualTo(2);
  }

  @Test
  void shouldRefuseAValidatorWhoRegisteredAVersionOfTheModel() {
    String dual = "dual-eval-" + MODELS.incrementAndGet();
    User user = identityService.newUser(dual);
    user.setPassword(dual);
    identityService.saveUser(user);
    identityService.createMembership(dual, Groups.DATA_SCIENTISTS);
    identityService.createMembership(dual, Groups.VALIDATORS);
    try {
      String model = registeredModel(dual);

      Response own =
          post(dual, dual, model, dataset("s3://holdouts/" + model + "/mine.parquet", HASH_A));

      assertThat(own.status()).as(own.body()).isEqualTo(403);
      assertThat(own.json().path("detail").asText())
          .contains(dual + " registered a version of " + model);
      assertThat(stored(model)).isZero();
      assertThat(auditEvents(model)).isZero();
    } finally {
      identityService.deleteMembership(dual, Groups.DATA_SCIENTISTS);
      identityService.deleteMembership(dual, Groups.VALIDATORS);
      identityService.deleteUser(dual);
    }
  }

  @Test
  void shouldRefuseEveryoneOutsideValidation() {
    String model = registeredModel("ci-bot");
    for (String user : List.of("dana", "ci-bot", "oscar", "monty", "admin")) {
      Response answer = post(user, model, dataset("s3://holdouts/x.parquet", HASH_A));
      assertThat(answer.status()).as(user + ": " + answer.body()).isEqualTo(403);
    }
    Response anonymous =
        ApiClient.anonymous(port).post(path(model), dataset("s3://holdouts/x.parquet", HASH_A));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(stored(model)).isZero();
  }

  @Test
  void shouldNameEveryInvalidFieldAndStoreNothing() {
    String model = registeredModel("ci-bot");
    Map<Map<String, Object>, String> invalid = new LinkedHashMap<>();
    invalid.put(dataset("s3://holdouts/x.parquet", HASH_A.toUpperCase()), "sha256");
    invalid.put(dataset("s3://holdouts/x.parquet", HASH_A.substring(1)), "sha256");
    invalid.put(dataset("ftp://holdouts/x.parquet", HASH_A), "uri");
    invalid.put(dataset("https://user:secret@data.example.com/x.parquet", HASH_A), "uri");
    invalid.put(dataset("holdout.parquet", HASH_A), "uri");
    invalid.put(Map.of("sha256", HASH_A), "uri");
    invalid.put(Map.of("uri", "s3://holdouts/x.parquet"), "sha256");
    Map<String, Object> longDescription = dataset("s3://holdouts/x.parquet", HASH_A);
    longDescription.put("description", "x".repeat(1001));
    invalid.put(longDescription, "description");

    invalid.forEach(
        (body, field) -> {
          Response answer = post("victor", model, body);
          assertThat(answer.status()).as(body + ": " + answer.body()).isEqualTo(400);
          assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
          assertThat(answer.json().path("errors").findValuesAsText("field")).contains(field);
        });
    assertThat(stored(model)).isZero();
    assertThat(ApiClient.as(port, "dana").get(path("no-such-model-eval")).status()).isEqualTo(404);
  }

  @Test
  void shouldLetValidationChooseTheDatasetBeforeTheFirstVersion() {
    String model = "first-eval-" + MODELS.incrementAndGet();
    for (String user : List.of("dana", "ci-bot", "oscar", "monty", "admin")) {
      Response refused = post(user, model, dataset("s3://holdouts/x.parquet", HASH_A));
      assertThat(refused.status()).as(user + ": " + refused.body()).isEqualTo(403);
    }
    assertThat(ApiClient.as(port, "dana").get("/api/models/" + model).status()).isEqualTo(404);

    Response answer =
        post("victor", model, dataset("s3://holdouts/" + model + "/q4.parquet", HASH_A));

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(ApiClient.as(port, "dana").get("/api/models/" + model).status()).isEqualTo(200);
    JsonNode history = ApiClient.as(port, "dana").get(path(model)).json();
    assertThat(history).hasSize(1);
    assertThat(history.get(0).path("registeredBy").asText()).isEqualTo("victor");
    assertThat(auditEvents(model)).isEqualTo(1);
  }

  @Test
  void shouldKeepEveryRegisteredDatasetAsItWas() {
    String model = registeredModel("ci-bot");
    assertThat(post("vera", model, dataset("s3://holdouts/kept.parquet", HASH_A)).status())
        .isEqualTo(201);

    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE evaluation_dataset SET sha256 = ? WHERE uri = ?")
                    .params(HASH_B, "s3://holdouts/kept.parquet")
                    .update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () ->
                jdbc.sql("DELETE FROM evaluation_dataset WHERE uri = ?")
                    .param("s3://holdouts/kept.parquet")
                    .update())
        .hasMessageContaining("append-only");
    assertThat(ApiClient.as(port, "dana").get(path(model)).json().get(0).path("sha256").asText())
        .isEqualTo(HASH_A);
  }

  private String registeredModel(String registrant) {
    String model = "eval-dataset-" + MODELS.incrementAndGet();
    Response registered =
        ApiClient.as(port, registrant, registrant)
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0", "LOW"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    return model;
  }

  private static Map<String, Object> dataset(String uri, String sha256) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("uri", uri);
    body.put("sha256", sha256);
    body.put("description", "holdout");
    return body;
  }

  private static String path(String model) {
    return "/api/models/" + model + "/evaluation-datasets";
  }

  private Response post(String user, String model, Object body) {
    return post(user, user, model, body);
  }

  private Response post(String user, String password, String model, Object body) {
    return ApiClient.as(port, user, password).post(path(model), body);
  }

  private long stored(String model) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM evaluation_dataset d JOIN model m ON m.id = d.model_id"
                + " WHERE m.name = ?")
        .param(model)
        .query(Long.class)
        .single();
  }

  private long auditEvents(String model) {
    return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND model = ?")
        .params(EvaluationDatasets.REGISTERED, model)
        .query(Long.class)
        .single();
  }
}
