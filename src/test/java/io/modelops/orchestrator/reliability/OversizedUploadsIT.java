package io.modelops.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.support.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Eight parallel chunked uploads of 300 MB each (metric points as the monitoring identity monty, an
 * engine REST call as admin) against an orchestrator in a JVM of its own with a heap of 512 MB:
 * each is refused with 413 after at most the request size limit was read, and {@code
 * /actuator/health} keeps answering quickly meanwhile. Before bodies were counted on the bytes
 * read, the same uploads ended in an OutOfMemoryError.
 */
class OversizedUploadsIT {

  private static final long UPLOAD_BYTES = 300L * 1024 * 1024;
  private static final int UPLOADS = 8;

  private NodeDatabase database;
  private ApplicationNode node;

  @BeforeEach
  void startNode() {
    database = new NodeDatabase("reliability_uploads");
    var properties =
        ApplicationNode.properties(
            "uploads-node", database.jdbcUrl(), "http://127.0.0.1:9/unused", "unused-secret");
    properties.put("modelops.mail.enabled", "false");
    node = new ApplicationNode("uploads-node", properties);
    node.start();
    node.awaitHealthy(Duration.ofMinutes(3));
  }

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void shouldRefuseEightParallel300MegabyteChunkedUploadsAndStayHealthy() throws Exception {
    AtomicBoolean uploading = new AtomicBoolean(true);
    List<Long> healthMillis = Collections.synchronizedList(new ArrayList<>());
    List<Integer> healthStatus = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(UPLOADS + 1);
    try {
      Future<?> prober = pool.submit(() -> probeHealth(uploading, healthMillis, healthStatus));

      byte[] points = "{\"points\":[".getBytes(StandardCharsets.UTF_8);
      byte[] point =
          "{\"name\":\"error_rate\",\"value\":0.01,\"segment\":\"eu-west\"},"
              .getBytes(StandardCharsets.UTF_8);
      byte[] message = "{\"messageName\":\"".getBytes(StandardCharsets.UTF_8);
      List<Future<RawHttp.Result>> uploads = new ArrayList<>();
      for (int i = 0; i < UPLOADS; i++) {
        boolean metrics = i % 2 == 0;
        uploads.add(
            pool.submit(
                () ->
                    metrics
                        ? RawHttp.chunked(
                            node.port(),
                            "POST",
                            "/api/models/upload-target/versions/1.0.0/metrics",
                            Map.of("Authorization", RawHttp.basic("monty")),
                            points,
                            point,
                            UPLOAD_BYTES)
                        : RawHttp.chunked(
                            node.port(),
                            "POST",
                            "/engine-rest/message",
                            Map.of("Authorization", RawHttp.basic("admin")),
                            message,
                            new byte[] {'x'},
                            UPLOAD_BYTES)));
      }
      List<RawHttp.Result> results = new ArrayList<>();
      for (Future<RawHttp.Result> upload : uploads) {
        results.add(upload.get(2, TimeUnit.MINUTES));
      }
      uploading.set(false);
      prober.get(1, TimeUnit.MINUTES);

      long with413 = results.stream().filter(r -> r.status() == 413).count();
      long reset = results.stream().filter(r -> r.status() == -1).count();
      List<Long> refusedAfter = results.stream().map(RawHttp.Result::millis).sorted().toList();
      long maxSent = results.stream().mapToLong(RawHttp.Result::bytesSent).max().orElse(0);
      List<Long> sorted = new ArrayList<>(healthMillis);
      Collections.sort(sorted);
      long p95 = sorted.isEmpty() ? -1 : sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
      long max = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
      System.out.printf(
          "[reliability] %d chunked uploads of %d MB: %d answered 413, %d reset before a status line,"
              + " statuses %s; refused after %s ms; at most %.1f MB sent by one upload%n",
          UPLOADS,
          UPLOAD_BYTES / (1024 * 1024),
          with413,
          reset,
          results.stream().map(RawHttp.Result::status).toList(),
          refusedAfter,
          maxSent / 1048576.0);
      System.out.printf(
          "[reliability] /actuator/health during the uploads: %d probes, statuses %s, p95 %d ms,"
              + " max %d ms%n",
          sorted.size(), healthStatus.stream().distinct().toList(), p95, max);

      assertThat(results).allSatisfy(r -> assertThat(r.status()).isIn(413, -1));
      assertThat(with413).isGreaterThanOrEqualTo(UPLOADS / 2);
      assertThat(maxSent).as("bytes one upload got to send").isLessThan(UPLOAD_BYTES / 4);
      assertThat(healthStatus).isNotEmpty().allSatisfy(s -> assertThat(s).isEqualTo(200));
      assertThat(p95).isLessThan(1_000);
      assertThat(node.isAlive()).isTrue();
      assertThat(node.countInLog("OutOfMemoryError")).isZero();
    } finally {
      uploading.set(false);
      pool.shutdownNow();
    }
  }

  /** GET /actuator/health every 100 ms while the uploads run, and ten times after. */
  private Void probeHealth(AtomicBoolean uploading, List<Long> millis, List<Integer> statuses)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/actuator/health"))
            .timeout(Duration.ofSeconds(10))
            .build();
    int after = 0;
    while (uploading.get() || after++ < 10) {
      long start = System.nanoTime();
      int status;
      try {
        status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
      } catch (java.io.IOException e) {
        status = -1;
      }
      millis.add((System.nanoTime() - start) / 1_000_000);
      statuses.add(status);
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return null;
  }
}
