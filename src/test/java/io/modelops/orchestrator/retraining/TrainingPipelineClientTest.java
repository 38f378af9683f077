package io.modelops.orchestrator.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Training requests against a real local HTTP server. */
class TrainingPipelineClientTest {

  private record Received(
      String method, String contentType, String key, String signature, byte[] body) {}

  /**
   * The body of {@link #request()}, as the pipeline received it before the request had its own
   * client: keys sorted, null kept, characters beyond the Basic Multilingual Plane escaped.
   */
  private static final String BODY =
      "{\"callbackUrl\":\"https://orchestrator.example.com/api/retraining/r-1/result\","
          + "\"candidateVersion\":\"1.5.0\",\"championVersion\":\"1.4.0\","
          + "\"model\":\"fraud-detector\",\"reason\":\"Drift in amount → 0.31 \\uD83D\\uDCC9\","
          + "\"retrainingId\":\"r-1\",\"trainingDataRef\":null,\"trigger\":\"DRIFT\","
          + "\"type\":\"model.retraining.requested\"}";

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(202);
  private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(handlers);
    server.createContext(
        "/train",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                  exchange.getRequestHeaders().getFirst("X-ModelOps-Signature"),
                  exchange.getRequestBody().readAllBytes()));
          CountDownLatch latch = hold.get();
          if (latch != null) {
            try {
              latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    CountDownLatch latch = hold.get();
    if (latch != null) {
      latch.countDown();
    }
    server.stop(0);
    handlers.shutdownNow();
  }

  /** A training request as "Trigger training pipeline" builds it. */
  private static Map<String, Object> request() {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "model.retraining.requested");
    event.put("retrainingId", "r-1");
    event.put("model", "fraud-detector");
    event.put("championVersion", "1.4.0");
    event.put("candidateVersion", "1.5.0");
    event.put("trainingDataRef", null);
    event.put("trigger", "DRIFT");
    event.put("reason", "Drift in amount → 0.31 📉");
    event.put("callbackUrl", "https://orchestrator.example.com/api/retraining/r-1/result");
    return event;
  }

  private TrainingPipelineClient client(String secret, Duration timeout) {
    return new TrainingPipelineClient(
        new RetrainingProperties(
            Duration.ofHours(6),
            "http://127.0.0.1:" + server.getAddress().getPort() + "/train",
            secret,
            timeout,
            "https://orchestrator.example.com"));
  }

  @Test
  void shouldPostTheCanonicalBodySignedWithItsIdempotencyKey() throws Exception {
    TrainingPipelineClient pipeline = client("pipeline-secret", Duration.ofSeconds(5));

    pipeline.request("retraining:r-1", request());
    pipeline.request("retraining:r-1", request());

    assertThat(received).hasSize(2);
    Received first = received.get(0);
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.contentType()).isEqualTo("application/json");
    assertThat(first.key()).isEqualTo("retraining:r-1");
    assertThat(first.body()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
    assertThat(first.signature()).isEqualTo("sha256=" + hmac("pipeline-secret", first.body()));
    assertThat(received.get(1).body()).as("a retry sends the same bytes").isEqualTo(first.body());
    assertThat(received.get(1).signature()).isEqualTo(first.signature());
  }

  @Test
  void shouldSendNoSignatureWithoutASecret() {
    client("", Duration.ofSeconds(5)).request("retraining:r-2", request());
    client(null, Duration.ofSeconds(5)).request("retraining:r-2", request());

    assertThat(received).extracting(Received::signature).containsExactly(null, null);
  }

  @Test
  void shouldFailOnAnAnswerOtherThan2xxSoTheJobRetries() {
    status.set(503);
    TrainingPipelineClient pipeline = client("pipeline-secret", Duration.ofSeconds(5));

    assertThatThrownBy(() -> pipeline.request("retraining:r-3", request()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Training pipeline http://127.0.0.1:")
        .hasMessageEndingWith("/train answered HTTP 503 for retraining:r-3");
  }

  @Test
  void shouldFailWhenThePipelineDoesNotAnswerInTime() {
    hold.set(new CountDownLatch(1));
    TrainingPipelineClient pipeline = client("pipeline-secret", Duration.ofMillis(300));

    assertThatThrownBy(() -> pipeline.request("retraining:r-4", request()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Training pipeline http://127.0.0.1:")
        .hasMessageContaining("unreachable")
        .hasMessageContaining("HttpTimeoutException");
  }

  @Test
  void shouldCountAsConfiguredOnlyWithAUrl() {
    assertThat(client("s", Duration.ofSeconds(1)).configured()).isTrue();
    assertThat(
            new TrainingPipelineClient(
                    new RetrainingProperties(
                        Duration.ofHours(6), " ", null, Duration.ofSeconds(1), null))
                .configured())
        .isFalse();
    assertThat(
            new TrainingPipelineClient(
                    new RetrainingProperties(
                        Duration.ofHours(6), null, null, Duration.ofSeconds(1), null))
                .configured())
        .isFalse();
  }

  private static String hmac(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
