package io.modelops.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.monitoring.MetricBatch;
import io.modelops.orchestrator.monitoring.MetricPointRepository;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import io.modelops.orchestrator.support.MonitoringScenario;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * B3: metric points per second through {@code POST .../metrics} in batches of 1,000, into
 * PostgreSQL, from one client; a warm-up of 300 batches, then five measured rounds of 100.
 */
@IntegrationTest
class IngestionBench {

  private static final int BATCH = 1_000;
  private static final int BATCHES_PER_ROUND = 100;

  /** Until the JIT has compiled the request path: shorter warm-ups measured the compiler. */
  private static final int WARM_UP_BATCHES = 300;

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired ObjectMapper objectMapper;
  @Autowired Validator validator;
  @Autowired CatalogRepository catalog;
  @Autowired MetricPointRepository metricPoints;
  @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

  @Test
  void b3MetricPointsPerSecondInBatchesOf1000() throws Exception {
    String model = "ingestion-bench-" + System.nanoTime() % 100_000;
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.register(model, ModelReleases.registration(model, "1.0.0"));
    releases.awaitStage(model, "1.0.0", "CANARY");
    String body = new ObjectMapper().writeValueAsString(Map.of("points", points()));
    ApiClient ci = ApiClient.as(port, MonitoringScenario.MONITOR);
    String path = "/api/models/" + model + "/versions/1.0.0/metrics";

    for (int i = 0; i < WARM_UP_BATCHES; i++) {
      assertThat(ci.post(path, body).status()).isEqualTo(202);
    }
    double[] rounds = new double[5];
    for (int r = 0; r < rounds.length; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < BATCHES_PER_ROUND; i++) {
        assertThat(ci.post(path, body).status()).isEqualTo(202);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      rounds[r] = BATCH * BATCHES_PER_ROUND / seconds;
    }
    breakdown(body, model);
    BenchResults.record(
        new BenchResults.Result(
            "B3",
            "ingestion: metric points/s, batches of 1,000, one client",
            "points/s",
            rounds,
            BenchResults.Goal.AT_LEAST,
            50_000));
  }

  /**
   * Where the time of one batch goes: each step of the request on its own, in this JVM (the rest of
   * a request's time is HTTP, security and Spring MVC).
   */
  private void breakdown(String body, String model) throws Exception {
    UUID version = catalog.findVersion(model, "1.0.0").orElseThrow().id();
    MetricBatch batch = objectMapper.readValue(body, MetricBatch.class);
    Map<String, Callable<Object>> steps =
        Map.of(
            "parse JSON", () -> objectMapper.readValue(body, MetricBatch.class),
            "validate (Bean Validation of the batch, then the check of its points)",
                () -> validator.validate(batch).size() + batch.problems().size(),
            "insert (own transaction)",
                () ->
                    transactions.execute(
                        t -> {
                          metricPoints.insert(
                              version,
                              batch.points(),
                              OffsetDateTime.now(),
                              MonitoringScenario.MONITOR);
                          return null;
                        }));
    for (var step : steps.entrySet()) {
      for (int i = 0; i < 10; i++) {
        step.getValue().call();
      }
      long start = System.nanoTime();
      for (int i = 0; i < BATCHES_PER_ROUND; i++) {
        step.getValue().call();
      }
      System.out.printf(
          "[bench] B3 breakdown: %s %.2f ms per batch of %d%n",
          step.getKey(), (System.nanoTime() - start) / 1e6 / BATCHES_PER_ROUND, BATCH);
    }
  }

  private static List<Map<String, Object>> points() {
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      points.add(
          Map.of(
              "name",
              i % 2 == 0 ? "error_rate" : "latency_p95_ms",
              "value",
              i % 2 == 0 ? 0.01 : 100.0 + i,
              "segment",
              "eu-west"));
    }
    return points;
  }
}
