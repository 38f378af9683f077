package io.modelops.orchestrator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelops.orchestrator.catalog.ModelType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTargetTest {

  private static final String SECRET = "s3cr3t-for-tests";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final DeploymentRequest CANARY =
      new DeploymentRequest(
          "fraud-detector",
          "1.4.0",
          UUID.fromString("7f9c1a52-3d2e-4b8a-9c61-0d5e2f4a1b3c"),
          ModelType.ML,
          "sklearn",
          "s3://models/fraud-detector/1.4.0",
          DeploymentStage.CANARY,
          DeploymentAction.DEPLOY,
          10,
          "1.3.0",
          "s3://models/fraud-detector/1.3.0");

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private ExecutorService executor;
  private HttpServer server;
  private volatile Reply reply = new Reply(202, Map.of(), "");

  @BeforeEach
  void startReceiver() throws IOException {
    executor = Executors.newFixedThreadPool(2);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/deployments", this::handle);
    server.start();
  }

  @AfterEach
  void stopReceiver() throws InterruptedException {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldPostASignedJsonBodyWithTheIdempotencyKey() throws Exception {
    // given
    WebhookTarget target = target(SECRET);

    // when
    target.apply(CANARY);

    // then
    assertThat(received).hasSize(1);
    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Idempotency-Key")).isEqualTo("fraud-detector:1.4.0:CANARY:DEPLOY");
    assertThat(request.header("X-ModelOps-Signature"))
        .isEqualTo("sha256=" + hmacSha256Hex(SECRET, request.body()));
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("idempotencyKey").asText()).isEqualTo("fraud-detector:1.4.0:CANARY:DEPLOY");
    assertThat(body.get("modelName").asText()).isEqualTo("fraud-detector");
    assertThat(body.get("version").asText()).isEqualTo("1.4.0");
    assertThat(body.get("versionId").asText()).isEqualTo("7f9c1a52-3d2e-4b8a-9c61-0d5e2f4a1b3c");
    assertThat(body.get("modelType").asText()).isEqualTo("ML");
    assertThat(body.get("framework").asText()).isEqualTo("sklearn");
    assertThat(body.get("artifactUri").asText()).isEqualTo("s3://models/fraud-detector/1.4.0");
    assertThat(body.get("stage").asText()).isEqualTo("CANARY");
    assertThat(body.get("action").asText()).isEqualTo("DEPLOY");
    assertThat(body.get("trafficPercent").asInt()).isEqualTo(10);
    assertThat(body.get("previousVersion").asText()).isEqualTo("1.3.0");
    assertThat(body.get("previousArtifactUri").asText())
        .isEqualTo("s3://models/fraud-detector/1.3.0");
  }

  @Test
  void shouldNotVerifyWithAnotherSecret() throws Exception {
    // given
    WebhookTarget target = target(SECRET);

    // when
    target.apply(CANARY);

    // then
    Received request = received.get(0);
    assertThat(request.header("X-ModelOps-Signature"))
        .isNotEqualTo("sha256=" + hmacSha256Hex("another-secret", request.body()));
  }

  @Test
  void shouldSendTheSameBytesAndSignatureForTheSameRequest() {
    // given
    WebhookTarget target = target(SECRET);

    // when
    target.apply(CANARY);
    target.apply(CANARY);

    // then
    assertThat(received).hasSize(2);
    assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
    assertThat(received.get(1).header("X-ModelOps-Signature"))
        .isEqualTo(received.get(0).header("X-ModelOps-Signature"));
  }

  @Test
  void shouldSendUnsignedWithoutASecret() {
    // given
    WebhookTarget target = target("");

    // when
    target.apply(CANARY);

    // then
    assertThat(received.get(0).header("X-ModelOps-Signature")).isNull();
    assertThat(received.get(0).header("Idempotency-Key")).isEqualTo(CANARY.idempotencyKey());
  }

  @Test
  void shouldUseTheDeploymentIdHeaderAsReference() {
    // given
    reply = new Reply(201, Map.of("X-Deployment-Id", "dep-4711"), "{\"deploymentId\":\"other\"}");

    // when
    DeploymentResult result = target(SECRET).apply(CANARY);

    // then
    assertThat(result.targetReference()).isEqualTo("dep-4711");
    assertThat(result.changed()).isTrue();
  }

  @Test
  void shouldUseTheDeploymentIdOfTheBodyWithoutHeader() {
    // given
    reply =
        new Reply(200, Map.of("Content-Type", "application/json"), "{\"deploymentId\":\"d-9\"}");

    // when
    DeploymentResult result = target(SECRET).apply(CANARY);

    // then
    assertThat(result.targetReference()).isEqualTo("d-9");
  }

  @Test
  void shouldFallBackToTheIdempotencyKeyAsReference() {
    // given
    reply = new Reply(204, Map.of(), "");

    // when
    DeploymentResult result = target(SECRET).apply(CANARY);

    // then
    assertThat(result.targetReference()).isEqualTo("fraud-detector:1.4.0:CANARY:DEPLOY");
    assertThat(result.changed()).isTrue();
  }

  @Test
  void shouldReportUnchangedWhenTheReceiverReplaysTheKey() {
    // given
    reply = new Reply(200, Map.of("Idempotent-Replayed", "true", "X-Deployment-Id", "dep-1"), "");

    // when
    DeploymentResult result = target(SECRET).apply(CANARY);

    // then
    assertThat(result.changed()).isFalse();
    assertThat(result.targetReference()).isEqualTo("dep-1");
  }

  @Test
  void shouldFailWithUrlStatusAndBodyExcerptOnAnErrorStatus() {
    // given
    reply = new Reply(503, Map.of(), "cluster busy, try again later");
    WebhookTarget target = target(SECRET);

    // when / then
    assertThatThrownBy(() -> target.apply(CANARY))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining(url())
        .hasMessageContaining("503")
        .hasMessageContaining("cluster busy");
  }

  @Test
  void shouldFailWhenTheReceiverIsUnreachable() {
    // given
    WebhookTarget target = target(SECRET);
    String url = url();
    server.stop(0);

    // when / then
    assertThatThrownBy(() -> target.apply(CANARY))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining(url);
  }

  @Test
  void shouldFailWhenTheReceiverDoesNotAnswerInTime() {
    // given
    server.createContext(
        "/slow",
        exchange -> {
          awaitRelease();
          respond(exchange, new Reply(200, Map.of(), ""));
        });
    WebhookTarget target =
        new WebhookTarget(
            new WebhookProperties(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/slow",
                SECRET,
                Duration.ofSeconds(5),
                Duration.ofMillis(300)));

    // when / then
    assertThatThrownBy(() -> target.apply(CANARY))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("/slow")
        .hasMessageContaining("timed out");
  }

  @Test
  void shouldNameTheEnvironmentVariableWhenNoUrlIsConfigured() {
    // given
    WebhookTarget target =
        new WebhookTarget(
            new WebhookProperties("", SECRET, Duration.ofSeconds(5), Duration.ofSeconds(30)));

    // when / then
    assertThatThrownBy(() -> target.apply(CANARY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MODELOPS_DEPLOYMENT_WEBHOOK_URL");
    assertThat(received).isEmpty();
  }

  @Test
  void shouldReportReadyBecauseTheReceiverAnswersSynchronously() {
    assertThat(target(SECRET).status(CANARY)).isEqualTo(DeploymentStatus.READY);
  }

  private WebhookTarget target(String secret) {
    return new WebhookTarget(
        new WebhookProperties(url(), secret, Duration.ofSeconds(5), Duration.ofSeconds(10)));
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/deployments";
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    received.add(new Received(exchange.getRequestMethod(), Map.copyOf(flatten(exchange)), body));
    respond(exchange, reply);
  }

  private static Map<String, String> flatten(HttpExchange exchange) {
    Map<String, String> headers = new java.util.HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
    return headers;
  }

  private static void respond(HttpExchange exchange, Reply reply) throws IOException {
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private void awaitRelease() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String hmacSha256Hex(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  private record Reply(int status, Map<String, String> headers, String body) {}

  /** A request as the receiver saw it; header names as normalised by the JDK server. */
  private record Received(String method, Map<String, String> headers, byte[] body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(null);
    }
  }
}
