package io.modelops.orchestrator.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deployment service for tests: records every call and answers with a status the test sets (e.g.
 * 503 for an outage). One per test JVM.
 */
public final class TestWebhook {

  /** One recorded call. */
  public record Call(String idempotencyKey, String signature, String body) {}

  private static HttpServer server;
  private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
  private static final AtomicInteger STATUS = new AtomicInteger(200);

  public static synchronized String url() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/deploy",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = STATUS.get();
            if (status < 300) {
              CALLS.add(
                  new Call(
                      exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                      exchange.getRequestHeaders().getFirst("X-ModelOps-Signature"),
                      new String(body, StandardCharsets.UTF_8)));
            }
            byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
          });
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/deploy";
  }

  public static void answer(int status) {
    STATUS.set(status);
  }

  public static List<Call> calls() {
    return List.copyOf(CALLS);
  }

  private TestWebhook() {}
}
