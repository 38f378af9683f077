package io.modelops.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.monitoring.drift.DriftBenchmark;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmark B4 ({@link DriftBenchmark}): one fork, warm-up, five measured rounds. */
class DriftBench {

  @Test
  void b4DriftOf10000RowsBy20Features() throws Exception {
    Options options =
        new OptionsBuilder()
            .include(DriftBenchmark.class.getName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .jvmArgsAppend("-Xmx1g")
            .build();
    Collection<RunResult> results = new Runner(options).run();
    assertThat(results).hasSize(3);
    Map<String, String[]> names =
        Map.of(
            "allStatistics",
                new String[] {"B4", "drift: every statistic, 10,000 rows x 20 features"},
            "detectDefault",
                new String[] {"B4a", "drift: detection, Evidently's choice, 10,000 x 20"},
            "detectKolmogorovSmirnov",
                new String[] {"B4b", "drift: detection, KS on every feature, 10,000 x 20"});
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
      double[] rounds =
          result.getBenchmarkResults().stream()
              .flatMap(b -> b.getIterationResults().stream())
              .mapToDouble(i -> i.getPrimaryResult().getScore())
              .toArray();
      String[] name = names.get(method);
      BenchResults.record(
          new BenchResults.Result(name[0], name[1], "ms", rounds, BenchResults.Goal.AT_MOST, 100));
    }
  }
}
