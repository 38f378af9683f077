package io.modelops.orchestrator.monitoring.drift;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Drift detection of a data set of {@code rows} rows × {@code features} numeric features (half of
 * them shifted by half a standard deviation), reference and current of the same size.
 *
 * <p>Run by {@code DriftBench} with {@code ./mvnw -Pbench verify}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class DriftBenchmark {

  @Param({"10000"})
  public int rows;

  @Param({"20"})
  public int features;

  private final DriftDetector detector = new DriftDetector();

  private Map<String, FeatureData> reference;
  private Map<String, FeatureData> current;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    reference = new TreeMap<>();
    current = new TreeMap<>();
    for (int f = 0; f < features; f++) {
      double shift = f % 2 == 0 ? 0.5 : 0.0;
      double[] r = new double[rows];
      double[] c = new double[rows];
      for (int i = 0; i < rows; i++) {
        r[i] = f + random.nextGaussian();
        c[i] = f + shift + random.nextGaussian();
      }
      String name = String.format("feature_%02d", f);
      reference.put(name, new NumericSample(r));
      current.put(name, new NumericSample(c));
    }
  }

  /** Evidently's automatic choice: normalised Wasserstein for 10,000 reference rows. */
  @Benchmark
  public DatasetDrift detectDefault() {
    return detector.detect(reference, current, DriftThresholds.defaults());
  }

  /** Kolmogorov–Smirnov (asymptotic p-value) for every feature. */
  @Benchmark
  public DatasetDrift detectKolmogorovSmirnov() {
    return detector.detect(
        reference, current, DriftThresholds.defaults().withNumericMethod(DriftMethod.KS));
  }

  /** All five statistics of every feature, each feature prepared (sorted) once. */
  @Benchmark
  public void allStatistics(Blackhole blackhole) {
    for (Map.Entry<String, FeatureData> e : reference.entrySet()) {
      blackhole.consume(detector.scores(e.getKey(), e.getValue(), current.get(e.getKey())));
    }
  }
}
