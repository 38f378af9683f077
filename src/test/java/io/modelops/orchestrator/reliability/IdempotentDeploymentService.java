package io.modelops.orchestrator.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deployment service as the webhook contract asks for (docs/deployment-targets.md, "Webhook"): it
 * verifies the signature, applies each {@code Idempotency-Key} once and answers a repeated key with
 * {@code 200} and {@code Idempotent-Replayed: true}.
 *
 * <p>It counts what a test needs to tell at-least-once delivery from a duplicate effect:
 *
 * <ul>
 *   <li>deliveries per key: a key delivered more than once is a <em>redelivery</em> (the
 *       orchestrator retried a request whose answer it never got);
 *   <li>effects per (model, version, stage, action), read from the body: more than one is a
 *       <em>duplicate effect</em>, which only happens when one deployment arrives under different
 *       keys;
 *   <li>bad signatures, and redeliveries whose body differs from the first delivery.
 * </ul>
 *
 * <p>For crash tests it can hold its answers: after a given number of effects, every further new
 * effect is applied but its answer is held until {@link #release()}, so that the orchestrator can
 * be killed while deployments it has made are unconfirmed.
 */
public final class IdempotentDeploymentService implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String secret;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  private final Map<String, byte[]> appliedBodies = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> deliveriesPerKey = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> effectsPerDeployment = new ConcurrentHashMap<>();
  private final AtomicInteger deliveries = new AtomicInteger();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private final AtomicInteger changedBodies = new AtomicInteger();
  private final AtomicInteger keyMismatches = new AtomicInteger();

  private volatile int holdAfterEffects = Integer.MAX_VALUE;
  private final CountDownLatch released = new CountDownLatch(1);
  private final Set<String> heldKeys = ConcurrentHashMap.newKeySet();

  public IdempotentDeploymentService(String secret) {
    this.secret = secret;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/deployments", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/deployments";
  }

  /** From the {@code effects}-th effect on, answers of new effects wait for {@link #release()}. */
  public void holdAnswersAfter(int effects) {
    holdAfterEffects = effects;
  }

  /** Sends the held answers (to connections that may be gone) and holds no more. */
  public void release() {
    holdAfterEffects = Integer.MAX_VALUE;
    released.countDown();
  }

  /** Keys whose effect was applied while the answer was held. */
  public Set<String> heldKeys() {
    return Set.copyOf(heldKeys);
  }

  private void handle(HttpExchange exchange) {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      deliveries.incrementAndGet();
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      String signature = exchange.getRequestHeaders().getFirst("X-ModelOps-Signature");
      if (key == null
          || signature == null
          || !MessageDigest.isEqual(
              expectedSignature(body).getBytes(StandardCharsets.US_ASCII),
              signature.getBytes(StandardCharsets.US_ASCII))) {
        badSignatures.incrementAndGet();
        answer(exchange, 401, "{\"error\":\"bad signature\"}", Map.of());
        return;
      }
      String deployment;
      try {
        deployment = deployment(body);
      } catch (IOException notJson) {
        keyMismatches.incrementAndGet();
        answer(exchange, 400, "{\"error\":\"not JSON\"}", Map.of());
        return;
      }
      if (!deployment.equals(key)) {
        keyMismatches.incrementAndGet();
      }
      deliveriesPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      byte[] first = appliedBodies.putIfAbsent(key, body);
      if (first != null) {
        if (!Arrays.equals(first, body)) {
          changedBodies.incrementAndGet();
        }
        answer(
            exchange,
            200,
            "{\"deploymentId\":\"" + key + "\"}",
            Map.of("Idempotent-Replayed", "true"));
        return;
      }
      // a new key: apply the deployment
      AtomicInteger applied =
          effectsPerDeployment.computeIfAbsent(deployment, d -> new AtomicInteger());
      applied.incrementAndGet();
      if (effectsPerDeployment.size() >= holdAfterEffects) {
        heldKeys.add(key);
        released.await();
      }
      answer(exchange, 201, "{\"deploymentId\":\"" + key + "\"}", Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the caller is gone (a killed node): nothing to answer to
    } finally {
      exchange.close();
    }
  }

  /** {@code model:version:STAGE:ACTION} of the request body. */
  private static String deployment(byte[] body) throws IOException {
    JsonNode request = JSON.readTree(body);
    return String.join(
        ":",
        request.path("modelName").asText(),
        request.path("version").asText(),
        request.path("stage").asText(),
        request.path("action").asText());
  }

  private String expectedSignature(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void answer(
      HttpExchange exchange, int status, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    headers.forEach(exchange.getResponseHeaders()::add);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Requests received, including rejected ones and redeliveries. */
  public int deliveries() {
    return deliveries.get();
  }

  /** Distinct deployments applied. */
  public int effects() {
    return effectsPerDeployment.size();
  }

  /** Deployments ({@code model:version:STAGE:ACTION}) applied, with how often each was applied. */
  public Map<String, Integer> effectsPerDeployment() {
    Map<String, Integer> copy = new java.util.TreeMap<>();
    effectsPerDeployment.forEach((d, n) -> copy.put(d, n.get()));
    return copy;
  }

  /** Deployments applied more than once: must be none. */
  public List<String> duplicateEffects() {
    return effectsPerDeployment().entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Deliveries of a key after its first: the orchestrator's retries of unconfirmed requests. */
  public int redeliveries() {
    return deliveriesPerKey.values().stream().mapToInt(n -> n.get() - 1).sum();
  }

  /** Keys delivered more than once, with their number of deliveries. */
  public Map<String, Integer> redeliveredKeys() {
    Map<String, Integer> keys = new java.util.TreeMap<>();
    deliveriesPerKey.forEach(
        (k, n) -> {
          if (n.get() > 1) {
            keys.put(k, n.get());
          }
        });
    return keys;
  }

  public int deliveriesOf(String key) {
    AtomicInteger n = deliveriesPerKey.get(key);
    return n == null ? 0 : n.get();
  }

  public int badSignatures() {
    return badSignatures.get();
  }

  /** Redeliveries whose body differed from the first delivery of the key: must be none. */
  public int changedBodies() {
    return changedBodies.get();
  }

  /** Keys that are not {@code model:version:STAGE:ACTION} of their body: must be none. */
  public int keyMismatches() {
    return keyMismatches.get();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
