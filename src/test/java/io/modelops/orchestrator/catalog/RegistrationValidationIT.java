package io.modelops.orchestrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bad registrations get a 400 problem naming each offending field, and write nothing. */
@IntegrationTest
class RegistrationValidationIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;

  private long modelsBefore;
  private long versionsBefore;
  private long lifecyclesBefore;

  @BeforeEach
  void count() {
    modelsBefore = rows("model");
    versionsBefore = rows("model_version");
    lifecyclesBefore = lifecycles();
  }

  @AfterEach
  void nothingWritten() {
    assertThat(rows("model")).isEqualTo(modelsBefore);
    assertThat(rows("model_version")).isEqualTo(versionsBefore);
    assertThat(lifecycles()).isEqualTo(lifecyclesBefore);
  }

  static List<Arguments> invalidBodies() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(invalid("missing version", b -> b.remove("version"), "version"));
    cases.add(invalid("version pattern", b -> b.put("version", "../1"), "version"));
    cases.add(invalid("missing artifact", b -> b.remove("artifactUri"), "artifactUri"));
    cases.add(invalid("ftp scheme", b -> b.put("artifactUri", "ftp://host/m.pkl"), "artifactUri"));
    cases.add(invalid("relative URI", b -> b.put("artifactUri", "models/m.pkl"), "artifactUri"));
    cases.add(
        invalid(
            "credentials in URI", b -> b.put("artifactUri", "https://u:p@host/m"), "artifactUri"));
    cases.add(invalid("unknown risk tier", b -> b.put("riskTier", "EXTREME"), "riskTier"));
    cases.add(invalid("missing risk tier", b -> b.remove("riskTier"), "riskTier"));
    cases.add(
        invalid("missing risk questionnaire", b -> b.remove("riskAssessment"), "riskAssessment"));
    cases.add(
        invalid("null risk questionnaire", b -> b.putNull("riskAssessment"), "riskAssessment"));
    cases.add(
        invalid(
            "missing questionnaire answer",
            b -> ((ObjectNode) b.path("riskAssessment")).remove("automatedDecisions"),
            "riskAssessment.automatedDecisions"));
    cases.add(
        invalid(
            "missing Annex III area",
            b -> ((ObjectNode) b.path("riskAssessment")).remove("annexIIIArea"),
            "riskAssessment.annexIIIArea"));
    cases.add(
        invalid(
            "unknown Annex III area",
            b -> ((ObjectNode) b.path("riskAssessment")).put("annexIIIArea", "SOCIAL_SCORING"),
            "riskAssessment"));
    cases.add(
        invalid(
            "unknown financial impact",
            b -> ((ObjectNode) b.path("riskAssessment")).put("financialImpact", "HUGE"),
            "riskAssessment"));
    cases.add(
        invalid(
            "answer that is not a boolean",
            b -> ((ObjectNode) b.path("riskAssessment")).put("clinicalImpact", "maybe"),
            "riskAssessment"));
    cases.add(
        invalid(
            "unknown questionnaire field",
            b -> ((ObjectNode) b.path("riskAssessment")).put("riskAppetite", "LOW"),
            "riskAssessment"));
    cases.add(
        invalid(
            "questionnaire that is not an object",
            b -> b.put("riskAssessment", "LOW"),
            "riskAssessment"));
    cases.add(invalid("blank owner", b -> b.put("owner", " "), "owner"));
    cases.add(invalid("bad e-mail", b -> b.put("ownerEmail", "not-an-address"), "ownerEmail"));
    cases.add(
        invalid("long description", b -> b.put("description", "x".repeat(4001)), "description"));
    cases.add(
        invalid(
            "infinite metric",
            b -> ((ObjectNode) b.path("metrics")).put("auc", Double.POSITIVE_INFINITY),
            "metrics"));
    cases.add(
        invalid(
            "bad metric name", b -> ((ObjectNode) b.path("metrics")).put("a b", 1.0), "metrics"));
    cases.add(
        invalid(
            "bad commit",
            b -> ((ObjectNode) b.path("lineage")).put("sourceCommit", "$(rm)"),
            "lineage"));
    cases.add(invalid("unknown field", b -> b.put("colour", "blue"), "colour"));
    return cases;
  }

  private static Arguments invalid(String name, Consumer<ObjectNode> change, String field) {
    ObjectNode body = Registrations.example("1.0.0");
    change.accept(body);
    return Arguments.of(name, body.toString(), field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBodies")
  void shouldAnswer400NamingTheField(String name, String body, String field) {
    Response response = ci().post("/api/models/validation-model/versions", body);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("errors").findValuesAsText("field")).anyMatch(f -> f.startsWith(field));
  }

  @Test
  void shouldNameEveryOffendingFieldAtOnce() {
    ObjectNode body = Registrations.example("1.0.0");
    body.put("artifactUri", "ftp://x");
    body.put("owner", "");
    body.put("version", "-1");

    JsonNode problem = ci().post("/api/models/validation-model/versions", body).json();

    assertThat(problem.path("errors").findValuesAsText("field"))
        .containsExactly("artifactUri", "owner", "version");
  }

  @Test
  void shouldValidateTheModelNameInThePath() {
    Response response =
        ci().post("/api/models/Fraud_Model/versions", Registrations.example("1.0.0"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("errors").findValuesAsText("field")).containsExactly("name");
  }

  @Test
  void shouldRejectMalformedJson() {
    Response response = ci().post("/api/models/validation-model/versions", "{\"version\": ");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).contains("JSON");
  }

  @Test
  void shouldWriteNoCatalogRowWhenTheLifecycleCannotStart() {
    repositoryService.suspendProcessDefinitionByKey(ModelLifecycle.KEY);
    try {
      Response response =
          ci().post("/api/models/suspended-model/versions", Registrations.example("1.0.0"));

      assertThat(response.status()).isEqualTo(503);
      assertThat(response.json().path("detail").asText()).contains("lifecycle");
    } finally {
      repositoryService.activateProcessDefinitionByKey(ModelLifecycle.KEY);
    }
  }

  private ApiClient ci() {
    return ApiClient.as(port, "ci-bot");
  }

  private long rows(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private long lifecycles() {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(ModelLifecycle.KEY)
        .count();
  }
}
