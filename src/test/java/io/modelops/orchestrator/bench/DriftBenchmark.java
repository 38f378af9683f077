package io.modelops.orchestrator.bench;

import io.modelops.orchestrator.monitoring.drift.CategoricalCounts;
import io.modelops.orchestrator.monitoring.drift.DatasetDrift;
import io.modelops.orchestrator.monitoring.drift.DriftDetector;
import io.modelops.orchestrator.monitoring.drift.DriftMethod;
import io.modelops.orchestrator.monitoring.drift.DriftStatistics;
import io.modelops.orchestrator.monitoring.drift.DriftThresholds;
import io.modelops.orchestrator.monitoring.drift.FeatureData;
import io.modelops.orchestrator.monitoring.drift.NumericSample;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * B4: drift of a window of 10,000 rows × 20 features (15 numeric, 5 categorical) against a
 * reference of 10,000 rows, the current window shifted by half a standard deviation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DriftBenchmark {

  static final int ROWS = 10_000;
  static final int NUMERIC = 15;
  static final int CATEGORICAL = 5;

  private final DriftDetector detector = new DriftDetector();
  private final DriftThresholds thresholds = DriftThresholds.defaults();
  private Map<String, FeatureData> reference;
  private Map<String, FeatureData> current;

  @Setup
  public void generate() {
    Random random = new Random(42);
    reference = new LinkedHashMap<>();
    current = new LinkedHashMap<>();
    for (int f = 0; f < NUMERIC; f++) {
      double[] r = new double[ROWS];
      double[] c = new double[ROWS];
      for (int i = 0; i < ROWS; i++) {
        r[i] = 100 + 15 * random.nextGaussian();
        c[i] = 107.5 + 15 * random.nextGaussian();
      }
      reference.put("numeric_" + f, new NumericSample(r));
      current.put("numeric_" + f, new NumericSample(c));
    }
    for (int f = 0; f < CATEGORICAL; f++) {
      Map<String, Long> r = new LinkedHashMap<>();
      Map<String, Long> c = new LinkedHashMap<>();
      for (int k = 0; k < 20; k++) {
        r.put("v" + k, (long) (ROWS / 20));
        c.put("v" + k, (long) (ROWS / 20 + (k % 2 == 0 ? 40 : -40)));
      }
      reference.put("categorical_" + f, new CategoricalCounts(r));
      current.put("categorical_" + f, new CategoricalCounts(c));
    }
  }

  /** The detection as monitoring runs it: one method per feature, Evidently's choice. */
  @Benchmark
  public DatasetDrift detect() {
    return detector.detect(reference, current, thresholds);
  }

  /** Every statistic on every feature: KS, Wasserstein, PSI, Jensen-Shannon; χ² for categories. */
  @Benchmark
  public void allStatistics(Blackhole blackhole) {
    for (Map.Entry<String, FeatureData> e : reference.entrySet()) {
      FeatureData ref = e.getValue();
      FeatureData cur = current.get(e.getKey());
      if (ref instanceof NumericSample r && cur instanceof NumericSample c) {
        blackhole.consume(DriftStatistics.kolmogorovSmirnov(r.values(), c.values()));
        blackhole.consume(DriftStatistics.normalisedWasserstein(r.values(), c.values()));
        double[] edges = DriftStatistics.quantileEdges(r.values(), DriftStatistics.PSI_BINS);
        blackhole.consume(DriftStatistics.psi(
            DriftStatistics.shares(DriftStatistics.histogram(r.values(), edges)),
            DriftStatistics.shares(DriftStatistics.histogram(c.values(), edges))));
        double[] sturges = DriftStatistics.sturgesEdges(r.values(), c.values());
        blackhole.consume(DriftStatistics.jensenShannon(
            DriftStatistics.shares(DriftStatistics.histogram(r.values(), sturges)),
            DriftStatistics.shares(DriftStatistics.histogram(c.values(), sturges))));
      } else {
        for (DriftMethod method :
            new DriftMethod[] {DriftMethod.CHI_SQUARE, DriftMethod.JENSEN_SHANNON, DriftMethod.PSI}) {
          blackhole.consume(detector.feature(e.getKey(), ref, cur,
              new DriftThresholds(1000, 0.05, 0.1, 0.1, 0.1, 0.5, Map.of(e.getKey(), method), null, null)));
        }
      }
    }
  }
}
