package io.modelops.orchestrator.bench;

import io.modelops.orchestrator.reliability.ApplicationNode;
import io.modelops.orchestrator.reliability.NodeDatabase;
import io.modelops.orchestrator.support.TestWebhook;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Start-up time to ready: the application in a JVM of its own ({@link ApplicationNode}: -Xmx512m,
 * C1 only, serial GC) on a database of its own, timed from the launch of the JVM until {@code
 * /actuator/health/readiness} answers UP (polled every 500 ms). The first start (which creates the
 * schema) is the warm-up; then three measured starts on the existing schema.
 */
class StartupBench {

  private static final int ROUNDS = 3;

  @Test
  void startupToReady() {
    try (NodeDatabase database = new NodeDatabase("bench_startup")) {
      var properties =
          ApplicationNode.properties(
              "bench-startup", database.jdbcUrl(), TestWebhook.url(), "bench-secret");
      properties.put("modelops.mail.enabled", "false");
      double[] seconds = new double[ROUNDS + 1];
      try (ApplicationNode node = new ApplicationNode("bench-startup", properties)) {
        for (int r = 0; r <= ROUNDS; r++) {
          long start = System.nanoTime();
          node.start();
          node.awaitHealthy(Duration.ofMinutes(3));
          seconds[r] = (System.nanoTime() - start) / 1e9;
          System.out.printf(
              "[bench] start %d: ready after %.1f s (Spring Boot: started in %s s)%n",
              r, seconds[r], node.lastStartupSeconds());
          node.stop();
        }
      }
      BenchResults.record(
          new BenchResults.Result(
              "S",
              "start-up to ready (own JVM, existing schema)",
              "s",
              java.util.Arrays.copyOfRange(seconds, 1, seconds.length),
              BenchResults.Goal.AT_MOST,
              15));
      BenchResults.record(
          new BenchResults.Result(
              "Sa",
              "first start-up to ready (creates the schema)",
              "s",
              new double[] {seconds[0]},
              BenchResults.Goal.AT_MOST,
              Double.NaN));
    }
  }
}
