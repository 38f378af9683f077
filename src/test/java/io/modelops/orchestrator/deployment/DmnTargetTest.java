package io.modelops.orchestrator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.modelops.orchestrator.artifacts.ArtifactFetcher;
import io.modelops.orchestrator.artifacts.ArtifactProperties;
import io.modelops.orchestrator.artifacts.DecisionModelPolicy;
import io.modelops.orchestrator.catalog.ModelType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class DmnTargetTest {

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder()
          .configurationResource("process-test.camunda.cfg.xml")
          .build();

  private static final String MODEL = "credit-limit-rules";
  private static final String DECISION = "credit-limit";

  @TempDir Path artifacts;

  private RepositoryService repository() {
    return ENGINE.getRepositoryService();
  }

  private DecisionService decisions() {
    return ENGINE.getDecisionService();
  }

  private DmnTarget target() {
    return target(settings(List.of(), false));
  }

  private DmnTarget target(ArtifactProperties settings) {
    return new DmnTarget(
        repository(),
        new ArtifactFetcher(settings),
        new DecisionModelPolicy(DecisionModelPolicy.DEFAULT_MAX_SIZE));
  }

  /** Artifacts under the test's directory only, and from {@code hosts}. */
  private ArtifactProperties settings(List<String> hosts, boolean allowLocalHttp) {
    return new ArtifactProperties(
        List.of(artifacts),
        hosts,
        allowLocalHttp,
        allowLocalHttp,
        DataSize.ofMegabytes(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        DataSize.ofMegabytes(1),
        DataSize.ofMegabytes(4));
  }

  @AfterEach
  void deleteDeployments() {
    for (Deployment deployment : repository().createDeploymentQuery().list()) {
      repository().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void shouldDeployToTheStagingTenant() throws Exception {
    // given
    String v1 = dmnFile("1.0.0", "limit-v1");

    // when
    DeploymentResult result =
        target()
            .apply(
                request("1.0.0", v1, DeploymentStage.STAGING, DeploymentAction.DEPLOY, null, null));

    // then
    assertThat(evaluate("staging")).isEqualTo("limit-v1");
    assertThat(productionDefinitions()).isZero();
    Deployment deployment =
        repository().createDeploymentQuery().deploymentId(result.targetReference()).singleResult();
    assertThat(deployment.getName()).isEqualTo("credit-limit-rules:1.0.0:STAGING:DEPLOY");
    assertThat(deployment.getTenantId()).isEqualTo("staging");
    assertThat(repository().getDeploymentResourceNames(deployment.getId()))
        .containsExactly("credit-limit-rules.dmn");
    assertThat(result.changed()).isTrue();
  }

  @Test
  void shouldPromoteToProductionWithoutTenant() throws Exception {
    // given
    String v1 = dmnFile("1.0.0", "limit-v1");
    target()
        .apply(request("1.0.0", v1, DeploymentStage.STAGING, DeploymentAction.DEPLOY, null, null));

    // when
    target()
        .apply(
            request("1.0.0", v1, DeploymentStage.PRODUCTION, DeploymentAction.PROMOTE, null, null));

    // then
    assertThat(evaluateProduction()).isEqualTo("limit-v1");
    assertThat(evaluate("staging")).isEqualTo("limit-v1");
  }

  @Test
  void shouldDeployOnceWhenAppliedTwice() throws Exception {
    // given
    String v1 = dmnFile("1.0.0", "limit-v1");
    DeploymentRequest promote =
        request("1.0.0", v1, DeploymentStage.PRODUCTION, DeploymentAction.PROMOTE, null, null);
    DeploymentResult first = target().apply(promote);

    // when
    DeploymentResult second = target().apply(promote);

    // then
    assertThat(
            repository().createDeploymentQuery().deploymentName(promote.idempotencyKey()).count())
        .isEqualTo(1);
    assertThat(repository().createDecisionDefinitionQuery().decisionDefinitionKey(DECISION).count())
        .isEqualTo(1);
    assertThat(first.changed()).isTrue();
    assertThat(second.changed()).isFalse();
    assertThat(second.targetReference()).isEqualTo(first.targetReference());
  }

  @Test
  void shouldRunTheCanaryNextToProduction() throws Exception {
    // given
    String v1 = dmnFile("1.0.0", "limit-v1");
    String v2 = dmnFile("2.0.0", "limit-v2");
    target()
        .apply(
            request("1.0.0", v1, DeploymentStage.PRODUCTION, DeploymentAction.PROMOTE, null, null));

    // when
    target()
        .apply(request("2.0.0", v2, DeploymentStage.CANARY, DeploymentAction.DEPLOY, "1.0.0", v1));

    // then
    assertThat(evaluate("canary")).isEqualTo("limit-v2");
    assertThat(evaluateProduction()).isEqualTo("limit-v1");
  }

  @Test
  void shouldRestoreThePreviousLogicOnRollback() throws Exception {
    // given
    String v1 = dmnFile("1.0.0", "limit-v1");
    String v2 = dmnFile("2.0.0", "limit-v2");
    target()
        .apply(
            request("1.0.0", v1, DeploymentStage.PRODUCTION, DeploymentAction.PROMOTE, null, null));
    target()
        .apply(
            request(
                "2.0.0", v2, DeploymentStage.PRODUCTION, DeploymentAction.PROMOTE, "1.0.0", v1));
    assertThat(evaluateProduction()).isEqualTo("limit-v2");

    // when
    DeploymentResult rollback =
        target()
            .apply(
                request(
                    "2.0.0",
                    v2,
                    DeploymentStage.PRODUCTION,
                    DeploymentAction.ROLLBACK,
                    "1.0.0",
                    v1));

    // then
    assertThat(evaluateProduction()).isEqualTo("limit-v1");
    assertThat(rollback.changed()).isTrue();
    assertThat(
            repository()
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey(DECISION)
                .withoutTenantId()
                .latestVersion()
                .singleResult()
                .getVersion())
        .isEqualTo(3);
  }

  @Test
  void shouldRemoveTheCanaryOnRollbackFromCanary() throws Exception {
    // given
    String v1 = dmnFile("1.0.0", "limit-v1");
    String v2 = dmnFile("2.0.0", "limit-v2");
    target()
        .apply(
            request("1.0.0", v1, DeploymentStage.PRODUCTION, DeploymentAction.PROMOTE, null, null));
    target()
        .apply(request("2.0.0", v2, DeploymentStage.CANARY, DeploymentAction.DEPLOY, "1.0.0", v1));
    DeploymentRequest rollback =
        request("2.0.0", v2, DeploymentStage.CANARY, DeploymentAction.ROLLBACK, "1.0.0", v1);

    // when
    target().apply(rollback);
    DeploymentResult again = target().apply(rollback);

    // then
    assertThat(repository().createDecisionDefinitionQuery().tenantIdIn("canary").count()).isZero();
    assertThat(evaluateProduction()).isEqualTo("limit-v1");
    assertThat(again.changed()).isFalse();
    assertThat(target().status(rollback)).isEqualTo(DeploymentStatus.READY);
  }

  @Test
  void shouldRemoveTheVersionFromProductionOnRollbackWithoutPrevious() throws Exception {
    // given
    String v1 = dmnFile("1.0.0", "limit-v1");
    target()
        .apply(
            request("1.0.0", v1, DeploymentStage.PRODUCTION, DeploymentAction.PROMOTE, null, null));
    assertThat(evaluateProduction()).isEqualTo("limit-v1");

    // when
    DeploymentResult result =
        target()
            .apply(
                request(
                    "1.0.0", v1, DeploymentStage.PRODUCTION, DeploymentAction.STOP, null, null));

    // then
    assertThat(result.changed()).isTrue();
    assertThat(productionDefinitions()).isZero();
  }

  @Test
  void shouldRemoveTheStagingDeploymentOnStagingRollback() throws Exception {
    // given
    String v1 = dmnFile("1.0.0", "limit-v1");
    target()
        .apply(request("1.0.0", v1, DeploymentStage.STAGING, DeploymentAction.DEPLOY, null, null));

    // when
    target()
        .apply(
            request("1.0.0", v1, DeploymentStage.STAGING, DeploymentAction.ROLLBACK, null, null));

    // then
    assertThat(repository().createDecisionDefinitionQuery().tenantIdIn("staging").count()).isZero();
  }

  @Test
  void shouldReadTheDmnOverHttp() throws Exception {
    // given
    byte[] dmn = dmn("limit-http").getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/models/credit-limit.dmn",
        exchange -> {
          exchange.sendResponseHeaders(200, dmn.length);
          exchange.getResponseBody().write(dmn);
          exchange.close();
        });
    server.start();
    try {
      String host = "127.0.0.1:" + server.getAddress().getPort();
      String url = "http://" + host + "/models/credit-limit.dmn";

      // when: plain http to a loopback address is configured explicitly
      target(settings(List.of(host), true))
          .apply(
              request("1.0.0", url, DeploymentStage.STAGING, DeploymentAction.DEPLOY, null, null));
    } finally {
      server.stop(0);
    }

    // then
    assertThat(evaluate("staging")).isEqualTo("limit-http");
  }

  @Test
  void shouldRefuseMalformedDmnBeforeDeploying() throws Exception {
    // given
    Path invalid = artifacts.resolve("malformed.dmn");
    Files.writeString(invalid, dmn("limit-v1").replace("</decisionTable>", ""));

    // when / then
    assertThatThrownBy(
            () ->
                target()
                    .apply(
                        request(
                            "1.0.0",
                            invalid.toUri().toString(),
                            DeploymentStage.STAGING,
                            DeploymentAction.DEPLOY,
                            null,
                            null)))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("not well-formed XML");
    assertThat(repository().createDeploymentQuery().count()).isZero();
  }

  @Test
  void shouldPropagateTheEngineErrorForInvalidDmn() throws Exception {
    // given: well-formed FEEL, but not a valid decision table
    Path invalid = artifacts.resolve("invalid.dmn");
    Files.writeString(
        invalid, dmn("limit-v1").replace("hitPolicy=\"FIRST\"", "hitPolicy=\"BOGUS\""));

    // when / then
    assertThatThrownBy(
            () ->
                target()
                    .apply(
                        request(
                            "1.0.0",
                            invalid.toUri().toString(),
                            DeploymentStage.STAGING,
                            DeploymentAction.DEPLOY,
                            null,
                            null)))
        .isInstanceOf(RuntimeException.class)
        .isNotInstanceOf(DeploymentFailedException.class);
    assertThat(repository().createDeploymentQuery().count()).isZero();
  }

  @Test
  void shouldRefuseAJuelDecisionModelBeforeCreatingADeployment() throws Exception {
    // given: the output entry runs a command when evaluated
    Path juel = artifacts.resolve("juel.dmn");
    Files.writeString(
        juel,
        dmn("limit-v1")
            .replace(
                "<outputEntry id=\"OutputEntry_Limit\">",
                "<outputEntry id=\"OutputEntry_Limit\" expressionLanguage=\"juel\">")
            .replace(
                "<text>\"limit-v1\"</text>",
                "<text>${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime')"
                    + ".invoke(null).exec('true')}</text>"));

    // when / then
    assertThatThrownBy(
            () ->
                target()
                    .apply(
                        request(
                            "1.0.0",
                            juel.toUri().toString(),
                            DeploymentStage.STAGING,
                            DeploymentAction.DEPLOY,
                            null,
                            null)))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("element outputEntry: expression language 'juel' is not allowed")
        .hasMessageContaining("decision models may only use FEEL");
    assertThat(repository().createDeploymentQuery().count()).isZero();
  }

  @Test
  void shouldRefuseUnsupportedUriSchemes() {
    // given
    DeploymentRequest request =
        request(
            "1.0.0",
            "s3://models/credit-limit.dmn",
            DeploymentStage.STAGING,
            DeploymentAction.DEPLOY,
            null,
            null);

    // when / then
    assertThatThrownBy(() -> target().apply(request))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("DMN artifact refused")
        .hasMessageContaining("scheme 's3' is not supported")
        .hasMessageContaining("use file: or https:");
  }

  @Test
  void shouldNotTellWhichFileIsMissing() {
    // given
    String missing = artifacts.resolve("missing.dmn").toUri().toString();

    // when / then
    assertThatThrownBy(
            () ->
                target()
                    .apply(
                        request(
                            "1.0.0",
                            missing,
                            DeploymentStage.STAGING,
                            DeploymentAction.DEPLOY,
                            null,
                            null)))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageStartingWith("The artifact could not be fetched (reference ")
        .hasMessageNotContaining("missing.dmn")
        .hasMessageNotContaining(artifacts.toString());
  }

  @Test
  void shouldRefuseToTakeOverADecisionDeployedByOtherMeans() throws Exception {
    // given
    repository()
        .createDeployment()
        .name("orchestrator policies")
        .addString("policy.dmn", dmn("limit-policy"))
        .deploy();
    String v1 = dmnFile("1.0.0", "limit-v1");

    // when / then
    assertThatThrownBy(
            () ->
                target()
                    .apply(
                        request(
                            "1.0.0",
                            v1,
                            DeploymentStage.PRODUCTION,
                            DeploymentAction.PROMOTE,
                            null,
                            null)))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Decision 'credit-limit'")
        .hasMessageContaining("orchestrator policies");
    assertThat(evaluateProduction()).isEqualTo("limit-policy");
  }

  @Test
  void shouldReportReadyOnceDeployedAtTheStagesTenant() throws Exception {
    // given
    String v1 = dmnFile("1.0.0", "limit-v1");
    DeploymentRequest staging =
        request("1.0.0", v1, DeploymentStage.STAGING, DeploymentAction.DEPLOY, null, null);
    DeploymentStatus before = target().status(staging);

    // when
    target().apply(staging);

    // then
    assertThat(before).isEqualTo(DeploymentStatus.PENDING);
    assertThat(target().status(staging)).isEqualTo(DeploymentStatus.READY);
    assertThat(
            target()
                .status(
                    request(
                        "1.0.0",
                        v1,
                        DeploymentStage.PRODUCTION,
                        DeploymentAction.PROMOTE,
                        null,
                        null)))
        .isEqualTo(DeploymentStatus.PENDING);
  }

  private Object evaluate(String tenant) {
    return decisions()
        .evaluateDecisionByKey(DECISION)
        .decisionDefinitionTenantId(tenant)
        .evaluate()
        .getSingleEntry();
  }

  private Object evaluateProduction() {
    return decisions()
        .evaluateDecisionByKey(DECISION)
        .decisionDefinitionWithoutTenantId()
        .evaluate()
        .getSingleEntry();
  }

  private long productionDefinitions() {
    return repository()
        .createDecisionDefinitionQuery()
        .decisionDefinitionKey(DECISION)
        .withoutTenantId()
        .count();
  }

  private static DeploymentRequest request(
      String version,
      String artifactUri,
      DeploymentStage stage,
      DeploymentAction action,
      String previousVersion,
      String previousArtifactUri) {
    return new DeploymentRequest(
        MODEL,
        version,
        UUID.randomUUID(),
        ModelType.DMN,
        null,
        artifactUri,
        stage,
        action,
        stage == DeploymentStage.CANARY ? 10 : 100,
        previousVersion,
        previousArtifactUri);
  }

  private String dmnFile(String version, String limit) throws IOException {
    Path file = artifacts.resolve(MODEL + "-" + version + ".dmn");
    Files.writeString(file, dmn(limit));
    return file.toUri().toString();
  }

  /** A decision {@code credit-limit} whose only rule answers {@code limit}. */
  private static String dmn(String limit) {
    return
"""
<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
             xmlns:camunda="http://camunda.org/schema/1.0/dmn"
             id="Definitions_CreditLimit" name="Credit limit" namespace="https://example.org/dmn">
  <decision id="credit-limit" name="Credit limit" camunda:historyTimeToLive="30">
    <decisionTable id="DecisionTable_CreditLimit" hitPolicy="FIRST">
      <input id="Input_Income" label="Income">
        <inputExpression id="InputExpression_Income" typeRef="integer">
          <text>income</text>
        </inputExpression>
      </input>
      <output id="Output_Limit" name="limit" typeRef="string" />
      <rule id="Rule_Any">
        <inputEntry id="InputEntry_Any"><text>-</text></inputEntry>
        <outputEntry id="OutputEntry_Limit"><text>"%s"</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
</definitions>
"""
        .formatted(limit);
  }
}
