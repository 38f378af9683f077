package io.modelops.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * B3: metric points per second through {@code POST .../metrics} in batches of 1,000, into
 * PostgreSQL, from one client; warm-up, then five measured rounds of 20 batches.
 */
@IntegrationTest
class IngestionBench {

  private static final int BATCH = 1_000;
  private static final int BATCHES_PER_ROUND = 20;

  @LocalServerPort int port;
  @Autowired ManagementService managementService;

  @Test
  void b3MetricPointsPerSecondInBatchesOf1000() throws Exception {
    String model = "ingestion-bench-" + System.nanoTime() % 100_000;
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.register(model, ModelReleases.registration(model, "1.0.0"));
    releases.awaitStage(model, "1.0.0", "CANARY");
    String body = new ObjectMapper().writeValueAsString(Map.of("points", points()));
    ApiClient ci = ApiClient.as(port, "ci-bot");
    String path = "/api/models/" + model + "/versions/1.0.0/metrics";

    for (int i = 0; i < 20; i++) { // warm-up
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
    BenchResults.record(
        new BenchResults.Result(
            "B3", "ingestion: metric points/s, batches of 1,000, one client", "points/s",
            rounds, BenchResults.Goal.AT_LEAST, 50_000));
  }

  private static List<Map<String, Object>> points() {
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      points.add(Map.of("name", i % 2 == 0 ? "error_rate" : "latency_p95_ms", "value", i % 2 == 0 ? 0.01 : 100.0 + i, "segment", "eu-west"));
    }
    return points;
  }
}
