package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Decision models are data: a DMN that carries code (JUEL, scripts) never reaches the engine, by
 * registration, by the release path or by a direct deployment.
 */
@IntegrationTest
class DecisionModelSecurityIT {

  private static final AtomicInteger MODELS = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;

  @Test
  void shouldNotRunCodeFromAJuelDecisionModelRegisteredByCi() throws Exception {
    // given: a LOW-risk DMN version whose input expression is JUEL that runs a command
    String model = "juel-attack-" + MODELS.incrementAndGet();
    String decision = "pwn" + UUID.randomUUID().toString().replace("-", "");
    Path marker = Path.of(System.getProperty("java.io.tmpdir"), "pwned-" + decision);
    Files.deleteIfExists(marker);
    String expression =
        "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
            + ".exec('touch "
            + marker
            + "')}";
    Path artifact = TestInfrastructure.ARTIFACTS.resolve(model + ".dmn");
    Files.writeString(artifact, juelDmn(decision, expression));
    ObjectNode body =
        Registrations.example("1.0.0")
            .put("riskTier", "LOW")
            .put("modelType", "DMN")
            .put("deploymentTarget", "DMN")
            .put("artifactUri", artifact.toUri().toString());

    // when
    Response registration = ApiClient.as(port, "ci-bot").post("/api/models/" + model + "/versions", body);
    Response evaluation = evaluateWhenDeployed(model, decision);

    // then
    assertThat(evaluation.status()).as(evaluation.body()).isNotEqualTo(200);
    assertThat(marker).doesNotExist();
    assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(decision).count())
        .isZero();
    assertThat(registration.status()).isIn(201, 400);
  }

  /** Waits until the lifecycle has settled, then evaluates the decision at staging as admin. */
  private Response evaluateWhenDeployed(String model, String decision) {
    ApiClient admin = ApiClient.as(port, "admin");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Response version = ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/1.0.0");
              if (version.status() == 404) {
                return true; // refused at registration
              }
              String status = version.json().path("status").asText();
              String stage = version.json().path("stage").asText();
              return status.equals("REJECTED") || stage.equals("CANARY") || stage.equals("STAGING");
            });
    return admin.post(
        "/engine-rest/decision-definition/key/" + decision + "/tenant-id/staging/evaluate",
        Map.of("variables", Map.of()));
  }

  static String juelDmn(String decision, String expression) {
    return """
<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
             xmlns:camunda="http://camunda.org/schema/1.0/dmn"
             id="Definitions_Attack" name="Attack" namespace="https://example.org/dmn">
  <decision id="%s" name="Attack" camunda:historyTimeToLive="30">
    <decisionTable id="DecisionTable_Attack" hitPolicy="FIRST">
      <input id="Input_Any" label="Any">
        <inputExpression id="InputExpression_Any" expressionLanguage="juel">
          <text>%s</text>
        </inputExpression>
      </input>
      <output id="Output_Result" name="result" typeRef="string" />
      <rule id="Rule_Any">
        <inputEntry id="InputEntry_Any"><text>-</text></inputEntry>
        <outputEntry id="OutputEntry_Result"><text>"ok"</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
</definitions>
"""
        .formatted(decision, expression.replace("&", "&amp;").replace("<", "&lt;"));
  }
}
