package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.TestInfrastructure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
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
        Registrations.example("1.0.0", "LOW")
            .put("modelType", "DMN")
            .put("deploymentTarget", "DMN")
            .put("artifactUri", artifact.toUri().toString());

    // when
    Response registration =
        ApiClient.as(port, "ci-bot").post("/api/models/" + model + "/versions", body);
    Response evaluation = evaluateWhenDeployed(model, decision);

    // then: registered, rejected by validation, never deployed, nothing ran
    assertThat(registration.status()).as(registration.body()).isEqualTo(201);
    Response version = ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/1.0.0");
    assertThat(version.json().path("status").asText()).isEqualTo("REJECTED");
    assertThat(version.json().path("stage").asText()).isEqualTo("NONE");
    assertThat(version.body())
        .contains(
            "element inputExpression: expression language 'juel' is not allowed; decision models may only use FEEL");
    assertThat(evaluation.status()).as(evaluation.body()).isEqualTo(404);
    assertThat(
            repositoryService
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey(decision)
                .count())
        .isZero();
    assertThat(repositoryService.createDeploymentQuery().deploymentNameLike(model + ":%").count())
        .isZero();
    assertThat(marker).doesNotExist();
  }

  @Test
  void shouldRejectAVersionWhoseArtifactIsNotADecisionModel() throws Exception {
    // given: a DMN version whose artifact is XML without any decision
    String model = "not-dmn-" + MODELS.incrementAndGet();
    Path artifact = TestInfrastructure.ARTIFACTS.resolve(model + ".dmn");
    Files.writeString(artifact, "<x/>");
    ObjectNode body =
        Registrations.example("1.0.0", "LOW")
            .put("modelType", "DMN")
            .put("deploymentTarget", "DMN")
            .put("artifactUri", artifact.toUri().toString());

    // when
    Response registration =
        ApiClient.as(port, "ci-bot").post("/api/models/" + model + "/versions", body);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Response v =
                  ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/1.0.0");
              return !v.json().path("status").asText().equals("REGISTERED")
                  && !v.json().path("status").asText().equals("VALIDATING");
            });

    // then: rejected by validation with the reason, never reviewed or deployed
    assertThat(registration.status()).as(registration.body()).isEqualTo(201);
    Response version = ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/1.0.0");
    assertThat(version.json().path("status").asText()).as(version.body()).isEqualTo("REJECTED");
    assertThat(version.json().path("stage").asText()).isEqualTo("NONE");
    assertThat(version.body())
        .contains("the root element must be 'definitions' in a DMN namespace")
        .doesNotContain("\"FEEL only\"");
    assertThat(repositoryService.createDeploymentQuery().deploymentNameLike(model + ":%").count())
        .isZero();
  }

  @Test
  void shouldRefuseAJuelDecisionModelDeployedByAnAdministratorThroughTheEngineRestApi()
      throws Exception {
    // given
    String decision = "pwn" + UUID.randomUUID().toString().replace("-", "");
    Path marker = Path.of(System.getProperty("java.io.tmpdir"), "pwned-" + decision);
    String juel =
        juelDmn(
            decision,
            "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch "
                + marker
                + "')}");
    String javascript =
        juelDmn(decision, "java.lang.Runtime.getRuntime().exec('touch " + marker + "')")
            .replace("expressionLanguage=\"juel\"", "expressionLanguage=\"javascript\"");
    String feel = juelDmn(decision, "1 + 1").replace(" expressionLanguage=\"juel\"", "");

    // when
    Response refusedJuel = deploy("juel-" + decision, "attack.dmn", juel);
    Response refusedScript = deploy("js-" + decision, "attack.dmn11.xml", javascript);
    Response refusedOddName = deploy("odd-" + decision, "attack.xdmn", juel);
    Response accepted = deploy("feel-" + decision, "plain.dmn", feel);

    // then
    for (Response refused : List.of(refusedJuel, refusedScript, refusedOddName)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("is not allowed; decision models may only use FEEL");
    }
    assertThat(repositoryService.createDeploymentQuery().deploymentNameLike("%-" + decision).list())
        .extracting(org.camunda.bpm.engine.repository.Deployment::getName)
        .containsExactly("feel-" + decision);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    repositoryService.deleteDeployment(accepted.json().path("id").asText(), true);
    assertThat(marker).doesNotExist();
  }

  @Test
  void shouldAnswerRegistrationsOfForbiddenArtifactUrisAlikeWithoutReadingThem() throws Exception {
    try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger connections = new AtomicInteger();
      Thread accepting =
          new Thread(
              () -> {
                while (!open.isClosed()) {
                  try (Socket ignored = open.accept()) {
                    connections.incrementAndGet();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      accepting.setDaemon(true);
      accepting.start();
      int closed;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closed = s.getLocalPort();
      }
      Path existing = Files.createTempFile("existing", ".dmn");
      Path missing = existing.resolveSibling("missing-" + UUID.randomUUID() + ".dmn");

      // when
      String openPort = registrationProblem("https://127.0.0.1:" + open.getLocalPort() + "/m.dmn");
      String closedPort = registrationProblem("https://127.0.0.1:" + closed + "/m.dmn");
      String existingFile = registrationProblem(existing.toUri().toString());
      String missingFile = registrationProblem(missing.toUri().toString());
      List<String> variants = new java.util.ArrayList<>();
      for (String uri :
          List.of(
              "https://localhost/m.dmn",
              "https://localhost./m.dmn",
              "https://[::1]:" + open.getLocalPort() + "/m.dmn",
              "https://2130706433/m.dmn",
              "https://ci:secret@127.0.0.1/m.dmn",
              "http://127.0.0.1:" + open.getLocalPort() + "/m.dmn",
              TestInfrastructure.ARTIFACTS.toUri() + "../../etc/passwd",
              TestInfrastructure.ARTIFACTS.toUri() + "%2e%2e/%2e%2e/etc/passwd")) {
        variants.add(registrationProblem(uri));
      }

      // then
      assertThat(openPort).isEqualTo(closedPort).contains("is not an allowed artifact host");
      assertThat(existingFile)
          .isEqualTo(missingFile)
          .contains("must lie under the configured artifact directories");
      assertThat(variants).hasSize(8).allSatisfy(v -> assertThat(v).isNotBlank());
      assertThat(connections).hasValue(0);
    }
  }

  /** Registers a DMN version as ci-bot; expects 400 and returns the artifactUri problem. */
  private String registrationProblem(String artifactUri) {
    String model = "ssrf-" + MODELS.incrementAndGet();
    ObjectNode body =
        Registrations.example("1.0.0", "LOW")
            .put("modelType", "DMN")
            .put("deploymentTarget", "DMN")
            .put("artifactUri", artifactUri);
    Response response =
        ApiClient.as(port, "ci-bot").post("/api/models/" + model + "/versions", body);
    assertThat(response.status()).as(artifactUri + ": " + response.body()).isEqualTo(400);
    assertThat(ApiClient.as(port, "ci-bot").get("/api/models/" + model).status()).isEqualTo(404);
    return response.json().path("errors").toString();
  }

  private Response deploy(String name, String resourceName, String content) throws Exception {
    return deploy(port, name, resourceName, content);
  }

  /** POST /engine-rest/deployment/create (multipart) as admin. */
  static Response deploy(int port, String name, String resourceName, String content)
      throws Exception {
    String boundary = "----modelops" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
            + name
            + "\r\n"
            + "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\""
            + resourceName
            + "\"; filename=\""
            + resourceName
            + "\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + content
            + "\r\n"
            + "--"
            + boundary
            + "--\r\n";
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body(), response);
  }

  /** Waits until the lifecycle has settled, then evaluates the decision at staging as admin. */
  private Response evaluateWhenDeployed(String model, String decision) {
    ApiClient admin = ApiClient.as(port, "admin");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Response version =
                  ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/1.0.0");
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
    return
"""
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
