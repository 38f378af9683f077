package io.modelops.orchestrator.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

  private final DriftDetector detector = new DriftDetector();
  private final DriftThresholds defaults = DriftThresholds.defaults();

  @Test
  void shouldFindNoDriftBetweenSamplesOfTheSameDistribution() {
    DatasetDrift drift =
        detector.detect(
            Map.of("amount", normal(1, 800, 100, 15), "channel", categories(700, 250, 50)),
            Map.of("amount", normal(2, 800, 100, 15), "channel", categories(70, 25, 5)),
            defaults);

    assertThat(drift.driftedFeatures()).isZero();
    assertThat(drift.datasetDrift()).isFalse();
    assertThat(drift.features()).extracting(FeatureDrift::feature).containsExactly("amount", "channel");
    assertThat(drift.features().get(1).score()).as("same shares: chi-squared p = 1").isCloseTo(1.0, within(1e-9));
  }

  @Test
  void shouldUseTestsForSmallReferencesAndDistancesForLargeOnes() {
    // small reference (<= 1000 rows): KS and chi-squared, drift when p < 0.05
    FeatureDrift ks = detector.feature("x", normal(3, 500, 0, 1), normal(4, 500, 1, 1), defaults);
    assertThat(ks.method()).isEqualTo(DriftMethod.KS);
    assertThat(ks.threshold()).isEqualTo(0.05);
    assertThat(ks.score()).isLessThan(1e-6);
    assertThat(ks.drifted()).isTrue();
    FeatureDrift chi = detector.feature("c", categories(500, 300, 200), categories(200, 300, 500), defaults);
    assertThat(chi.method()).isEqualTo(DriftMethod.CHI_SQUARE);
    assertThat(chi.drifted()).isTrue();

    // large reference: normalised Wasserstein and Jensen-Shannon, drift when >= 0.1
    FeatureDrift wd = detector.feature("x", normal(5, 5000, 0, 1), normal(6, 5000, 1, 1), defaults);
    assertThat(wd.method()).isEqualTo(DriftMethod.WASSERSTEIN);
    assertThat(wd.score()).as("a shift of one sd scores about 1").isCloseTo(1.0, within(0.1));
    assertThat(wd.drifted()).isTrue();
    FeatureDrift js = detector.feature("c", categories(5000, 3000, 2000), categories(2000, 3000, 5000), defaults);
    assertThat(js.method()).isEqualTo(DriftMethod.JENSEN_SHANNON);
    assertThat(js.threshold()).isEqualTo(0.1);
    assertThat(js.drifted()).isTrue();
    FeatureDrift calm = detector.feature("x", normal(7, 5000, 0, 1), normal(8, 5000, 0.02, 1), defaults);
    assertThat(calm.drifted()).isFalse();
  }

  @Test
  void shouldCompareBinsWithPsiAndHonourOverrides() {
    BinnedCounts reference = new BinnedCounts(new double[] {0, 10, 20, 30}, new long[] {300, 400, 300});
    FeatureDrift same =
        detector.feature("age", reference, new BinnedCounts(new double[] {0, 10, 20, 30}, new long[] {30, 40, 30}), defaults);
    assertThat(same.method()).isEqualTo(DriftMethod.PSI);
    assertThat(same.score()).isCloseTo(0.0, within(1e-12));
    // raw values are binned into the reference's bins: everything in the last bin
    FeatureDrift shifted = detector.feature("age", reference, new NumericSample(new double[] {25, 26, 29, 45}), defaults);
    assertThat(shifted.method()).isEqualTo(DriftMethod.PSI);
    assertThat(shifted.drifted()).isTrue();

    DriftThresholds psiForAmount =
        new DriftThresholds(1000, 0.05, 0.1, 0.1, 0.25, 0.5, Map.of("amount", DriftMethod.PSI), null, null);
    FeatureDrift psi = detector.feature("amount", normal(9, 500, 0, 1), normal(10, 500, 0, 1), psiForAmount);
    assertThat(psi.method()).isEqualTo(DriftMethod.PSI);
    assertThat(psi.threshold()).isEqualTo(0.25);
    assertThat(psi.drifted()).isFalse();
  }

  @Test
  void shouldFlagDatasetDriftWhenHalfTheFeaturesDrift() {
    Map<String, FeatureData> reference =
        Map.of("a", normal(11, 300, 0, 1), "b", normal(12, 300, 0, 1), "c", normal(13, 300, 0, 1), "d", normal(14, 300, 0, 1));
    Map<String, FeatureData> current =
        Map.of("a", normal(15, 300, 2, 1), "b", normal(16, 300, 2, 1), "c", normal(17, 300, 0, 1), "d", normal(18, 300, 0, 1));

    DatasetDrift drift = detector.detect(reference, current, defaults);
    assertThat(drift.driftedFeatures()).isEqualTo(2);
    assertThat(drift.driftShare()).isEqualTo(0.5);
    assertThat(drift.datasetDrift()).isTrue();

    DriftThresholds stricter = new DriftThresholds(1000, 0.05, 0.1, 0.1, 0.1, 0.75, Map.of(), null, null);
    assertThat(detector.detect(reference, current, stricter).datasetDrift()).isFalse();
  }

  @Test
  void shouldRefuseDataItCannotCompare() {
    assertThatThrownBy(() -> detector.detect(Map.of("a", normal(1, 10, 0, 1)), Map.of("b", normal(1, 10, 0, 1)), defaults))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing in current: [a]")
        .hasMessageContaining("not in the reference: [b]");
    assertThatThrownBy(() -> detector.feature("c", categories(1, 2, 3), normal(1, 10, 0, 1), defaults))
        .hasMessageContaining("'c' is categorical in the reference and numeric now");
    DriftThresholds ks = new DriftThresholds(1000, 0.05, 0.1, 0.1, 0.1, 0.5, Map.of("age", DriftMethod.KS), null, null);
    assertThatThrownBy(() -> detector.feature("age", new BinnedCounts(new double[] {0, 1}, new long[] {5}), normal(1, 10, 0, 1), ks))
        .hasMessageContaining("KS needs raw values");
    assertThatThrownBy(() -> new NumericSample(new double[] {1, Double.NaN}))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> new BinnedCounts(new double[] {0, 2, 1}, new long[] {1, 1}))
        .hasMessageContaining("ascending");
    assertThatThrownBy(() -> new CategoricalCounts(Map.of("x", 0L)))
        .hasMessageContaining("at least one observation");
  }

  static NumericSample normal(long seed, int n, double mean, double sd) {
    Random random = new Random(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = mean + sd * random.nextGaussian();
    }
    return new NumericSample(values);
  }

  private static CategoricalCounts categories(long card, long transfer, long cash) {
    return new CategoricalCounts(Map.of("card", card, "transfer", transfer, "cash", cash));
  }
}
