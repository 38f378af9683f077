package io.modelops.orchestrator.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert events against a real local HTTP server. */
class AlertWebhookTest {

  private record Received(String key, String signature, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(202);
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/alerts",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                  exchange.getRequestHeaders().getFirst("X-ModelOps-Signature"),
                  body));
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void shouldPostASignedEventWithItsIdempotencyKey() throws Exception {
    AlertWebhook webhook = new AlertWebhook(url(), "alert-secret", Duration.ofSeconds(5));

    webhook.send(
        "health-alert:e1", Map.of("model", "fraud-detector", "event", "model.health.alert"));
    webhook.send(
        "health-alert:e1", Map.of("event", "model.health.alert", "model", "fraud-detector"));

    assertThat(received).hasSize(2);
    Received first = received.get(0);
    assertThat(first.key()).isEqualTo("health-alert:e1");
    assertThat(first.body())
        .isEqualTo("{\"event\":\"model.health.alert\",\"model\":\"fraud-detector\"}");
    assertThat(first.signature()).isEqualTo("sha256=" + hmac("alert-secret", first.body()));
    assertThat(received.get(1)).as("a retry sends the same bytes and signature").isEqualTo(first);
  }

  @Test
  void shouldFailOnAnAnswerOtherThan2xxSoTheJobRetries() {
    status.set(503);
    AlertWebhook webhook = new AlertWebhook(url(), "", Duration.ofSeconds(5));

    assertThatThrownBy(() -> webhook.send("health-alert:e2", Map.of("event", "x")))
        .hasMessageContaining("answered HTTP 503")
        .hasMessageContaining("health-alert:e2");
    assertThat(received.get(0).signature()).as("no secret, no signature").isNull();
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
  }

  private static String hmac(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
