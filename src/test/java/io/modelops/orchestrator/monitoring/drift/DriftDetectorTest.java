package io.modelops.orchestrator.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DriftDetectorTest {

  private final DriftDetector detector = new DriftDetector();

  private static NumericSample normal(long seed, int n, double mean) {
    Random random = new Random(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = mean + random.nextGaussian();
    }
    return new NumericSample(values);
  }

  private static CategoricalCounts categories(long a, long b, long c) {
    return new CategoricalCounts(Map.of("a", a, "b", b, "c", c));
  }

  private static DriftThresholds numeric(DriftMethod method) {
    return DriftThresholds.defaults().withNumericMethod(method);
  }

  private FeatureDrift single(FeatureData reference, FeatureData current, DriftThresholds t) {
    DatasetDrift drift = detector.detect(Map.of("f", reference), Map.of("f", current), t);
    assertThat(drift.features()).hasSize(1);
    return drift.features().get(0);
  }

  @Nested
  class NoDrift {

    @ParameterizedTest
    @EnumSource(DriftMethod.class)
    void shouldNotDriftOnIdenticalData(DriftMethod method) {
      NumericSample data = normal(1, 500, 0);
      FeatureDrift f = single(data, data, numeric(method));
      assertThat(f.method()).isEqualTo(method);
      assertThat(f.drifted()).isFalse();
      assertThat(f.score()).isCloseTo(method.isPValue() ? 1.0 : 0.0, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(DriftMethod.class)
    void shouldNotDriftOnIndependentSamplesOfOneDistribution(DriftMethod method) {
      // Reference five times the current data, as usual in monitoring: χ² takes the reference
      // proportions as exact, which holds only when the reference is much larger.
      FeatureDrift f = single(normal(1, 5000, 0), normal(2, 1000, 0), numeric(method));
      assertThat(f.drifted()).as("%s score %s", method, f.score()).isFalse();
      if (!method.isPValue()) {
        // far below the thresholds of 0.1, not just below them
        assertThat(f.score()).isLessThan(0.05);
      }
    }

    @ParameterizedTest
    @EnumSource(
        value = DriftMethod.class,
        names = {"CHI_SQUARE", "JENSEN_SHANNON", "PSI"})
    void shouldNotDriftOnIdenticalCategories(DriftMethod method) {
      FeatureDrift f =
          single(
              categories(500, 300, 200),
              categories(500, 300, 200),
              DriftThresholds.defaults().withCategoricalMethod(method));
      assertThat(f.drifted()).isFalse();
    }
  }

  @Nested
  class Drift {

    @ParameterizedTest
    @EnumSource(DriftMethod.class)
    void shouldDriftWhenTheMeanMovesByOneStandardDeviation(DriftMethod method) {
      FeatureDrift small = single(normal(1, 500, 0), normal(2, 500, 1), numeric(method));
      FeatureDrift large = single(normal(3, 5000, 0), normal(4, 5000, 1), numeric(method));
      assertThat(small.drifted()).as("500 rows, %s score %s", method, small.score()).isTrue();
      assertThat(large.drifted()).as("5000 rows, %s score %s", method, large.score()).isTrue();
      if (method == DriftMethod.WASSERSTEIN) {
        // moving N(0, 1) by 1 moves all its mass by 1: W / sd ≈ 1
        assertThat(large.score()).isCloseTo(1.0, within(0.05));
      }
    }

    @ParameterizedTest
    @EnumSource(
        value = DriftMethod.class,
        names = {"CHI_SQUARE", "JENSEN_SHANNON", "PSI"})
    void shouldDriftWhenCategoryProportionsChange(DriftMethod method) {
      FeatureDrift f =
          single(
              categories(500, 300, 200),
              categories(200, 300, 500),
              DriftThresholds.defaults().withCategoricalMethod(method));
      assertThat(f.drifted()).isTrue();
    }

    @Test
    void shouldDriftOnBinnedCountsWithAutomaticChoice() {
      double[] edges = {0, 1, 2, 3, 4};
      FeatureDrift f =
          single(
              new BinnedCounts(edges, new long[] {4000, 3000, 2000, 1000}),
              new BinnedCounts(edges, new long[] {1000, 2000, 3000, 4000}),
              DriftThresholds.defaults());
      assertThat(f.method()).isEqualTo(DriftMethod.WASSERSTEIN);
      assertThat(f.referenceSize()).isEqualTo(10_000);
      assertThat(f.drifted()).isTrue();
    }
  }

  @Nested
  class MethodChoice {

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 1001, 5000})
    void shouldChooseByReferenceSizeAsEvidently(int rows) {
      Map<String, FeatureData> reference = new HashMap<>();
      Map<String, FeatureData> current = new HashMap<>();
      reference.put("num", normal(1, rows, 0));
      current.put("num", normal(2, 300, 0));
      reference.put("cat", categories(rows, 0, 0));
      current.put("cat", categories(100, 100, 100));
      double[] edges = {0, 1, 2};
      reference.put("bin", new BinnedCounts(edges, new long[] {rows, 0}));
      current.put("bin", new BinnedCounts(edges, new long[] {5, 5}));

      DatasetDrift drift = detector.detect(reference, current, DriftThresholds.defaults());

      boolean small = rows <= 1000;
      assertThat(drift.feature("num").method())
          .isEqualTo(small ? DriftMethod.KS : DriftMethod.WASSERSTEIN);
      assertThat(drift.feature("bin").method())
          .isEqualTo(small ? DriftMethod.KS : DriftMethod.WASSERSTEIN);
      assertThat(drift.feature("cat").method())
          .isEqualTo(small ? DriftMethod.CHI_SQUARE : DriftMethod.JENSEN_SHANNON);
      assertThat(drift.feature("num").referenceSize()).isEqualTo(rows);
      assertThat(drift.feature("num").currentSize()).isEqualTo(300);
      assertThat(drift.feature("cat").referenceSize()).isEqualTo(rows);
    }

    @Test
    void shouldReportPValuesAndDistancesWithTheirThresholds() {
      FeatureDrift ks = single(normal(1, 500, 0), normal(2, 500, 0.3), DriftThresholds.defaults());
      assertThat(ks.method()).isEqualTo(DriftMethod.KS);
      assertThat(ks.threshold()).isEqualTo(0.05);
      assertThat(ks.score())
          .isEqualTo(
              DriftStatistics.kolmogorovSmirnov(
                      normal(1, 500, 0).values(), normal(2, 500, 0.3).values())
                  .pValue());
      assertThat(ks.drifted()).isEqualTo(ks.score() < 0.05);

      FeatureDrift w = single(normal(1, 2000, 0), normal(2, 500, 0.3), DriftThresholds.defaults());
      assertThat(w.method()).isEqualTo(DriftMethod.WASSERSTEIN);
      assertThat(w.threshold()).isEqualTo(0.1);
      assertThat(w.drifted()).isEqualTo(w.score() >= 0.1);
    }

    @Test
    void shouldApplyThresholdsAtTheirEdge() {
      // PSI of these counts is 0.06286...: drifted with threshold 0.06, not with 0.07
      BinnedCounts ref = new BinnedCounts(new double[] {0, 1, 2, 3}, new long[] {50, 30, 20});
      BinnedCounts cur = new BinnedCounts(new double[] {0, 1, 2, 3}, new long[] {40, 30, 30});
      DriftThresholds d = DriftThresholds.defaults();
      DriftThresholds low =
          new DriftThresholds(1000, 0.05, 0.1, 0.1, 0.06, 0.5, null, DriftMethod.PSI, null);
      DriftThresholds high =
          new DriftThresholds(1000, 0.05, 0.1, 0.1, 0.07, 0.5, null, DriftMethod.PSI, null);
      assertThat(single(ref, cur, low).drifted()).isTrue();
      assertThat(single(ref, cur, high).drifted()).isFalse();
      // χ² p = exp(−3.5) = 0.0302: drift at 0.05, none at 0.01
      DriftThresholds chi = d.withNumericMethod(DriftMethod.CHI_SQUARE);
      assertThat(single(ref, cur, chi).drifted()).isTrue();
      DriftThresholds strict =
          new DriftThresholds(1000, 0.01, 0.1, 0.1, 0.1, 0.5, null, DriftMethod.CHI_SQUARE, null);
      assertThat(single(ref, cur, strict).drifted()).isFalse();
    }

    @Test
    void shouldHonourOverridesPerFeatureFirst() {
      Map<String, FeatureData> reference =
          Map.of(
              "x", normal(1, 500, 0),
              "y", normal(2, 500, 0),
              "c", categories(10, 20, 30),
              "d", categories(10, 20, 30));
      DriftThresholds t =
          DriftThresholds.defaults()
              .withNumericMethod(DriftMethod.JENSEN_SHANNON)
              .withCategoricalMethod(DriftMethod.PSI)
              .withMethodPerFeature(
                  Map.of("x", DriftMethod.WASSERSTEIN, "c", DriftMethod.CHI_SQUARE));

      DatasetDrift drift = detector.detect(reference, reference, t);

      assertThat(drift.feature("x").method()).isEqualTo(DriftMethod.WASSERSTEIN);
      assertThat(drift.feature("y").method()).isEqualTo(DriftMethod.JENSEN_SHANNON);
      assertThat(drift.feature("c").method()).isEqualTo(DriftMethod.CHI_SQUARE);
      assertThat(drift.feature("d").method()).isEqualTo(DriftMethod.PSI);
    }

    @Test
    void shouldUseTheGivenSmallReferenceLimit() {
      DriftThresholds t = new DriftThresholds(100, 0.05, 0.1, 0.1, 0.1, 0.5, null, null, null);
      assertThat(single(normal(1, 100, 0), normal(2, 100, 0), t).method())
          .isEqualTo(DriftMethod.KS);
      assertThat(single(normal(1, 101, 0), normal(2, 100, 0), t).method())
          .isEqualTo(DriftMethod.WASSERSTEIN);
    }
  }

  @Nested
  class Dataset {

    private final Map<String, FeatureData> reference =
        Map.of(
            "a", normal(1, 500, 0),
            "b", normal(2, 500, 0),
            "c", categories(500, 300, 200),
            "d", categories(500, 300, 200));

    @Test
    void shouldDriftWhenHalfTheFeaturesDrift() {
      Map<String, FeatureData> current =
          Map.of(
              "a", normal(3, 500, 1), // drifted
              "b", normal(4, 500, 0),
              "c", categories(200, 300, 500), // drifted
              "d", categories(500, 300, 200));

      DatasetDrift drift = detector.detect(reference, current, DriftThresholds.defaults());

      assertThat(drift.features())
          .extracting(FeatureDrift::feature, FeatureDrift::drifted)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("a", true),
              org.assertj.core.groups.Tuple.tuple("b", false),
              org.assertj.core.groups.Tuple.tuple("c", true),
              org.assertj.core.groups.Tuple.tuple("d", false));
      assertThat(drift.driftedFeatures()).isEqualTo(2);
      assertThat(drift.driftShare()).isEqualTo(0.5);
      assertThat(drift.datasetDrift()).isTrue();

      DriftThresholds stricter =
          new DriftThresholds(1000, 0.05, 0.1, 0.1, 0.1, 0.75, null, null, null);
      assertThat(detector.detect(reference, current, stricter).datasetDrift()).isFalse();
    }

    @Test
    void shouldNotDriftWhenOneOfFourFeaturesDrifts() {
      Map<String, FeatureData> current = new HashMap<>(reference);
      current.put("a", normal(3, 500, 1));
      DatasetDrift drift = detector.detect(reference, current, DriftThresholds.defaults());
      assertThat(drift.driftedFeatures()).isEqualTo(1);
      assertThat(drift.driftShare()).isEqualTo(0.25);
      assertThat(drift.datasetDrift()).isFalse();
    }

    @Test
    void shouldOrderFeaturesByNameWhateverTheInputOrder() {
      Map<String, FeatureData> ref = new LinkedHashMap<>();
      Map<String, FeatureData> cur = new LinkedHashMap<>();
      for (String name : new String[] {"zeta", "alpha", "mid", "Beta"}) {
        ref.put(name, normal(1, 50, 0));
      }
      for (String name : new String[] {"mid", "Beta", "zeta", "alpha"}) {
        cur.put(name, normal(2, 50, 0));
      }
      assertThat(detector.detect(ref, cur, DriftThresholds.defaults()).features())
          .extracting(FeatureDrift::feature)
          .containsExactly("Beta", "alpha", "mid", "zeta");
    }

    @Test
    void shouldGiveAllApplicableScoresOfOneFeature() {
      NumericSample ref = normal(1, 500, 0);
      NumericSample cur = normal(2, 500, 1);
      Map<DriftMethod, Double> scores = detector.scores("x", ref, cur);
      assertThat(scores).containsOnlyKeys(DriftMethod.values());
      for (DriftMethod method : DriftMethod.values()) {
        assertThat(scores.get(method))
            .isEqualTo(single(ref, cur, numeric(method)).score())
            .isEqualTo(DriftStatistics.score(method, ref, cur));
      }
      assertThat(detector.scores("c", categories(1, 2, 3), categories(3, 2, 1)))
          .containsOnlyKeys(DriftMethod.CHI_SQUARE, DriftMethod.JENSEN_SHANNON, DriftMethod.PSI);
    }

    @Test
    void shouldUseTheConfiguredNumberOfBins() {
      double[] r = new double[100];
      double[] c = new double[100];
      for (int i = 0; i < 100; i++) {
        r[i] = i;
        c[i] = i + 10;
      }
      double psi4 =
          new DriftDetector(4)
              .scores("x", new NumericSample(r), new NumericSample(c))
              .get(DriftMethod.PSI);
      assertThat(psi4).isCloseTo(DriftStatistics.psi(r, c, 4), within(1e-15));
      assertThat(psi4).isNotCloseTo(DriftStatistics.psi(r, c, 10), within(1e-6));
    }
  }

  @Nested
  class Validation {

    @Test
    void shouldNameAFeatureMissingFromEitherSide() {
      Map<String, FeatureData> ref = Map.of("a", NumericSample.of(1), "b", NumericSample.of(2));
      Map<String, FeatureData> cur = Map.of("a", NumericSample.of(1), "c", NumericSample.of(2));
      assertThatThrownBy(() -> detector.detect(ref, cur, DriftThresholds.defaults()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("feature 'b' is in the reference but not in the current data")
          .hasMessageContaining("feature 'c' is in the current but not in the reference data");
    }

    @Test
    void shouldNameAFeatureThatIsNumericOnOneSideAndCategoricalOnTheOther() {
      assertThatThrownBy(
              () ->
                  detector.detect(
                      Map.of("age", NumericSample.of(30, 40)),
                      Map.of("age", categories(1, 2, 3)),
                      DriftThresholds.defaults()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Feature 'age' is numeric in the reference but categorical in the current data");
    }

    @Test
    void shouldRejectANumericOnlyMethodForACategoricalFeature() {
      DriftThresholds t =
          DriftThresholds.defaults().withMethodPerFeature(Map.of("color", DriftMethod.KS));
      assertThatThrownBy(
              () ->
                  detector.detect(
                      Map.of("color", categories(1, 2, 3)),
                      Map.of("color", categories(1, 2, 3)),
                      t))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Feature 'color' is categorical: KS needs numeric data");
      assertThatThrownBy(
              () -> DriftThresholds.defaults().withCategoricalMethod(DriftMethod.WASSERSTEIN))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectAnOverrideOfAnUnknownFeature() {
      DriftThresholds t =
          DriftThresholds.defaults().withMethodPerFeature(Map.of("typo", DriftMethod.PSI));
      assertThatThrownBy(
              () ->
                  detector.detect(
                      Map.of("a", NumericSample.of(1)), Map.of("a", NumericSample.of(1)), t))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'typo'");
    }

    @Test
    void shouldRejectMissingDataAndEmptyDataSets() {
      Map<String, FeatureData> withNull = new HashMap<>();
      withNull.put("a", null);
      assertThatThrownBy(
              () ->
                  detector.detect(
                      Map.of("a", NumericSample.of(1)), withNull, DriftThresholds.defaults()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Feature 'a'");
      assertThatThrownBy(() -> detector.detect(Map.of(), Map.of(), DriftThresholds.defaults()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () ->
                  detector.detect(
                      Map.of("a", NumericSample.of(1)), Map.of("a", NumericSample.of(1)), null))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectDifferentBinEdgesNamingTheFeature() {
      assertThatThrownBy(
              () ->
                  detector.detect(
                      Map.of("h", new BinnedCounts(new double[] {0, 1, 2}, new long[] {1, 1})),
                      Map.of("h", new BinnedCounts(new double[] {0, 1, 3}, new long[] {1, 1})),
                      DriftThresholds.defaults()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Feature 'h'");
    }

    @Test
    void shouldRejectInvalidThresholds() {
      assertThatThrownBy(() -> new DriftThresholds(-1, 0.05, 0.1, 0.1, 0.1, 0.5, null, null, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new DriftThresholds(1000, 1.5, 0.1, 0.1, 0.1, 0.5, null, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pValue");
      assertThatThrownBy(
              () -> new DriftThresholds(1000, 0.05, Double.NaN, 0.1, 0.1, 0.5, null, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("wasserstein");
      assertThatThrownBy(() -> new DriftThresholds(1000, 0.05, 0.1, 0.1, 0.1, 0, null, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("driftShare");
      assertThatThrownBy(() -> new DriftDetector(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldHaveEvidentlyDefaults() {
      DriftThresholds d = DriftThresholds.defaults();
      assertThat(d.smallReferenceLimit()).isEqualTo(1000);
      assertThat(d.pValue()).isEqualTo(0.05);
      assertThat(d.wasserstein()).isEqualTo(0.1);
      assertThat(d.jensenShannon()).isEqualTo(0.1);
      assertThat(d.psi()).isEqualTo(0.1);
      assertThat(d.driftShare()).isEqualTo(0.5);
      assertThat(d.methodPerFeature()).isEmpty();
      assertThat(d.numericMethod()).isNull();
      assertThat(d.categoricalMethod()).isNull();
    }
  }
}
