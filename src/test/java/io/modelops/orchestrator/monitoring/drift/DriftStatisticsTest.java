package io.modelops.orchestrator.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.modelops.orchestrator.monitoring.drift.DriftStatistics.ChiSquare;
import io.modelops.orchestrator.monitoring.drift.DriftStatistics.KolmogorovSmirnov;
import java.util.Map;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Values against published SciPy examples (the examples sections of the SciPy reference guide),
 * hand calculations (shown in the comments) and, where marked, SciPy 1.17 / NumPy 2 outputs of the
 * calls given.
 */
class DriftStatisticsTest {

  private static final double EPS = 1e-9;

  /** 100 distinct integers 1..100 in scrambled order: (37·i) mod 101, i = 1..100. */
  private static double[] scrambledReference() {
    double[] r = new double[100];
    for (int i = 1; i <= 100; i++) {
      r[i - 1] = (37 * i) % 101;
    }
    return r;
  }

  /** 150 integers 20..116: ((53·j) mod 97) + 20, j = 0..149. */
  private static double[] scrambledCurrent() {
    double[] c = new double[150];
    for (int j = 0; j < 150; j++) {
      c[j] = ((53 * j) % 97) + 20;
    }
    return c;
  }

  private static double[] range(int n, int factor, int offset) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = factor * i + offset;
    }
    return v;
  }

  @Nested
  class Wasserstein {

    @Test
    void shouldMatchScipyDocumentationExamples() {
      // scipy.stats.wasserstein_distance examples
      assertThat(
              DriftStatistics.wassersteinDistance(new double[] {0, 1, 3}, new double[] {5, 6, 8}))
          .isCloseTo(5.0, within(EPS));
      assertThat(
              DriftStatistics.wassersteinDistance(
                  new double[] {0, 1},
                  new double[] {0, 1},
                  new double[] {3, 1},
                  new double[] {2, 2}))
          .isCloseTo(0.25, within(EPS));
      // By hand: |U − V| on [1.4,3.4) 3.5/6.7, [3.4,3.9) 3.5/6.7 − 1.4/12.6, [3.9,4.5)
      // 3.5/6.7 − 2.3/12.6, [4.5,7.5) 1 − 2.3/12.6, [7.5,7.8) 1 − 5.4/12.6; sum of width times
      // height = 4.0781331...
      assertThat(
              DriftStatistics.wassersteinDistance(
                  new double[] {3.4, 3.9, 7.5, 7.8},
                  new double[] {4.5, 1.4},
                  new double[] {1.4, 0.9, 3.1, 7.2},
                  new double[] {3.2, 3.5}))
          .isCloseTo(4.0781331438047861, within(EPS));
    }

    @Test
    void shouldNormaliseByTheReferenceStandardDeviation() {
      // np.std([0, 1, 3]) = sqrt(42/27); 5 / sqrt(42/27) = 4.0089186286863665
      assertThat(
              DriftStatistics.normalizedWassersteinDistance(
                  new double[] {0, 1, 3}, new double[] {5, 6, 8}))
          .isCloseTo(4.0089186286863665, within(EPS));
      // SciPy: wasserstein_distance(ref, cur) / np.std(ref)
      assertThat(
              DriftStatistics.normalizedWassersteinDistance(
                  scrambledReference(), scrambledCurrent()))
          .isCloseTo(0.5771481872127818, within(EPS));
    }

    @Test
    void shouldDivideByTheFloorForAConstantReference() {
      // distance 1, std 0 → divided by 0.001 (Evidently's max(std, 0.001))
      assertThat(
              DriftStatistics.normalizedWassersteinDistance(
                  new double[] {2, 2, 2}, new double[] {3, 3, 3}))
          .isCloseTo(1000.0, within(1e-6));
    }

    @Test
    void shouldNotDependOnTheOrderOfWeightedValues() {
      double a =
          DriftStatistics.wassersteinDistance(
              new double[] {7.8, 3.4, 7.5, 3.9},
              new double[] {1.4, 4.5},
              new double[] {7.2, 1.4, 3.1, 0.9},
              new double[] {3.5, 3.2});
      assertThat(a).isCloseTo(4.0781331438047861, within(EPS));
    }
  }

  @Nested
  class JensenShannon {

    @Test
    void shouldMatchScipyDocumentationExamples() {
      // scipy.spatial.distance.jensenshannon examples
      assertThat(
              DriftStatistics.jensenShannonDistance(
                  new double[] {1.0, 0.0, 0.0}, new double[] {0.0, 1.0, 0.0}, 2.0))
          .isCloseTo(1.0, within(EPS));
      assertThat(
              DriftStatistics.jensenShannonDistance(
                  new double[] {1.0, 0.0}, new double[] {0.5, 0.5}))
          .isCloseTo(0.46450140402245893, within(EPS));
      assertThat(
              DriftStatistics.jensenShannonDistance(
                  new double[] {1.0, 0.0, 0.0}, new double[] {1.0, 0.0, 0.0}))
          .isEqualTo(0.0);
    }

    @Test
    void shouldNormaliseWeightsAndUseTheNaturalLogarithm() {
      // SciPy: jensenshannon([50, 30, 20], [40, 30, 30]) (natural log, normalised)
      assertThat(
              DriftStatistics.jensenShannonDistance(
                  new long[] {50, 30, 20}, new long[] {40, 30, 30}))
          .isCloseTo(0.08841606285541162, within(EPS));
      // disjoint supports: sqrt(ln 2)
      assertThat(DriftStatistics.jensenShannonDistance(new long[] {5, 0}, new long[] {0, 9}))
          .isCloseTo(Math.sqrt(Math.log(2)), within(EPS));
    }

    @Test
    void shouldRejectInvalidDistributions() {
      assertThatThrownBy(
              () -> DriftStatistics.jensenShannonDistance(new double[] {1, 0}, new double[] {1}))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () ->
                  DriftStatistics.jensenShannonDistance(
                      new double[] {1, -0.5}, new double[] {1, 1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("non-negative");
      assertThatThrownBy(
              () -> DriftStatistics.jensenShannonDistance(new double[] {0, 0}, new double[] {1, 1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zero");
      assertThatThrownBy(
              () ->
                  DriftStatistics.jensenShannonDistance(
                      new double[] {1, 0}, new double[] {1, 1}, 1.0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class ChiSquareTests {

    @Test
    void shouldMatchScipyDocumentationExamples() {
      // scipy.stats.chisquare examples
      ChiSquare uniform = DriftStatistics.chiSquare(new double[] {16, 18, 16, 14, 12, 12});
      assertThat(uniform.statistic()).isCloseTo(2.0, within(EPS));
      assertThat(uniform.pValue()).isCloseTo(0.84914503608460956, within(1e-12));
      assertThat(uniform.degreesOfFreedom()).isEqualTo(5);

      ChiSquare given =
          DriftStatistics.chiSquare(
              new double[] {16, 18, 16, 14, 12, 12}, new double[] {16, 16, 16, 16, 16, 8});
      assertThat(given.statistic()).isCloseTo(3.5, within(EPS));
      assertThat(given.pValue()).isCloseTo(0.62338762774958223, within(1e-12));
    }

    @Test
    void shouldAgreeWithCommonsMathWhereAllExpectedArePositive() {
      double[] expected = {16, 16, 16, 16, 16, 8};
      long[] observed = {16, 18, 16, 14, 12, 12};
      ChiSquareTest commons = new ChiSquareTest();
      ChiSquare ours = DriftStatistics.chiSquare(new double[] {16, 18, 16, 14, 12, 12}, expected);
      assertThat(ours.statistic()).isCloseTo(commons.chiSquare(expected, observed), within(EPS));
      assertThat(ours.pValue()).isCloseTo(commons.chiSquareTest(expected, observed), within(EPS));
    }

    @Test
    void shouldScaleReferenceCountsToTheCurrentTotal() {
      // Evidently: expected = reference × (100 / 100) = 50, 30, 20;
      // χ² = 10²/50 + 5²/30 + 5²/20 = 2 + 0.8333 + 1.25 = 4.08333; dof 2: p = exp(−χ²/2)
      ChiSquare r = DriftStatistics.chiSquare(new long[] {50, 30, 20}, new long[] {40, 35, 25});
      assertThat(r.statistic()).isCloseTo(4.083333333333334, within(EPS));
      assertThat(r.pValue()).isCloseTo(Math.exp(-4.083333333333334 / 2), within(1e-12));
      assertThat(r.pValue()).isCloseTo(0.12981217685543797, within(1e-12));

      // different totals: expected = 5, 3, 2 (reference × 10/100); χ² = 1/5 + 0 + 1/2 = 0.7
      ChiSquare scaled = DriftStatistics.chiSquare(new long[] {50, 30, 20}, new long[] {4, 3, 3});
      assertThat(scaled.statistic()).isCloseTo(0.7, within(EPS));
      assertThat(scaled.pValue()).isCloseTo(Math.exp(-0.35), within(1e-12));
    }

    @Test
    void shouldBeInfiniteForACategoryTheReferenceNeverHad() {
      ChiSquare r = DriftStatistics.chiSquare(new long[] {50, 50, 0}, new long[] {40, 40, 20});
      assertThat(r.statistic()).isInfinite();
      assertThat(r.pValue()).isZero();
    }

    @Test
    void shouldIgnoreCategoriesEmptyOnBothSidesAndGiveOneForASingleCategory() {
      ChiSquare r = DriftStatistics.chiSquare(new long[] {50, 0, 30}, new long[] {40, 0, 24});
      assertThat(r.degreesOfFreedom()).isEqualTo(1);
      assertThat(r.statistic()).isCloseTo(0.0, within(EPS));
      assertThat(DriftStatistics.chiSquare(new long[] {7}, new long[] {3}).pValue()).isEqualTo(1.0);
    }

    @Test
    void shouldRejectDifferentSums() {
      assertThatThrownBy(() -> DriftStatistics.chiSquare(new double[] {1, 2}, new double[] {1, 3}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("same sum");
    }
  }

  @Nested
  class KolmogorovSmirnovTests {

    @Test
    void shouldGiveTheExactPValueOfCompletelySeparatedSamples() {
      // D = 1; only 2 of the C(10, 5) = 252 orderings reach it: p = 2/252
      KolmogorovSmirnov r = DriftStatistics.kolmogorovSmirnov(range(5, 1, 1), range(5, 1, 6));
      assertThat(r.statistic()).isEqualTo(1.0);
      assertThat(r.pValue()).isCloseTo(2.0 / 252, within(1e-12));
      assertThat(r.exact()).isTrue();
    }

    @Test
    void shouldMatchScipyExactAndBruteForceEnumeration() {
      double[] x = {0.1, 0.4, 0.7, 1.3, 2.0};
      double[] y = {0.2, 0.9, 1.1, 1.5, 2.2, 2.8, 3.1};
      // ECDFs at 0.7: x 3/5, y 1/7 → D = 16/35
      KolmogorovSmirnov r = DriftStatistics.kolmogorovSmirnov(x, y);
      assertThat(r.statistic()).isCloseTo(16.0 / 35, within(1e-12));
      // SciPy: ks_2samp(x, y, method='exact').pvalue
      assertThat(r.pValue()).isCloseTo(0.43434343434343425, within(1e-12));
      assertThat(r.pValue()).isCloseTo(bruteForcePValue(5, 7, 16.0 / 35), within(1e-12));
    }

    @Test
    void shouldHandleTiesAsScipy() {
      // ECDFs at 1: 2/3 and 1/3; at 2: 1 and 1 → D = 1/3; for n = m = 3 every ordering has
      // D ≥ 1/3, so p = 1 (SciPy gives 1.0 as well)
      KolmogorovSmirnov r =
          DriftStatistics.kolmogorovSmirnov(new double[] {1, 1, 2}, new double[] {1, 2, 2});
      assertThat(r.statistic()).isCloseTo(1.0 / 3, within(1e-12));
      assertThat(r.pValue()).isCloseTo(1.0, within(1e-12));
      assertThat(r.statistic())
          .isCloseTo(
              new KolmogorovSmirnovTest()
                  .kolmogorovSmirnovStatistic(new double[] {1, 1, 2}, new double[] {1, 2, 2}),
              within(1e-12));
    }

    @Test
    void shouldBeExactJustBelowTheLimit() {
      // 99 × 100 = 9900 < 10000; SciPy: ks_2samp(3i for i < 99, 2j + 31 for j < 100,
      // method='exact')
      KolmogorovSmirnov r = DriftStatistics.kolmogorovSmirnov(range(99, 3, 0), range(100, 2, 31));
      assertThat(r.exact()).isTrue();
      assertThat(r.statistic()).isCloseTo(0.2223232323232323, within(1e-12));
      assertThat(r.pValue()).isCloseTo(0.01215014956440702, within(1e-9));
    }

    @Test
    void shouldMatchScipyAsymptoticPValues() {
      // SciPy: ks_2samp(3i for i < 200, 2j + 61 for j < 300, method='asymp'): kstwo.sf(d, 120)
      KolmogorovSmirnov small =
          DriftStatistics.kolmogorovSmirnov(range(200, 3, 0), range(300, 2, 61));
      assertThat(small.exact()).isFalse();
      assertThat(small.statistic()).isCloseTo(0.105, within(1e-12));
      assertThat(small.pValue()).isCloseTo(0.1320089795444189, within(1e-6));

      // N = round(400·600/1000) = 240 > 140: Pelz–Good
      KolmogorovSmirnov large =
          DriftStatistics.kolmogorovSmirnov(range(400, 3, 0), range(600, 2, 101));
      assertThat(large.statistic()).isCloseTo(0.08583333333333343, within(1e-12));
      assertThat(large.pValue()).isCloseTo(0.054855412492144096, within(1e-6));

      // kstwo.sf(0.1, 50)
      assertThat(DriftStatistics.kolmogorovSmirnovPValue(0.1, 100, 100))
          .isCloseTo(0.6623112704658186, within(1e-6));
    }

    @Test
    void shouldGiveZeroForOverwhelmingEvidenceAndOneForNone() {
      assertThat(DriftStatistics.kolmogorovSmirnovPValue(0.9, 5000, 5000)).isZero();
      assertThat(DriftStatistics.kolmogorovSmirnovPValue(0.0, 5000, 5000)).isEqualTo(1.0);
      assertThat(DriftStatistics.kolmogorovSmirnovPValue(1.0, 5000, 5000)).isZero();
    }

    /** P(D ≥ d) over all C(n+m, n) equally likely orderings of n + m distinct values. */
    private double bruteForcePValue(int n, int m, double d) {
      int total = 0;
      int atLeast = 0;
      for (int mask = 0; mask < (1 << (n + m)); mask++) {
        if (Integer.bitCount(mask) != n) {
          continue;
        }
        total++;
        int fx = 0;
        int fy = 0;
        double sup = 0;
        for (int k = 0; k < n + m; k++) {
          if ((mask & (1 << k)) != 0) {
            fx++;
          } else {
            fy++;
          }
          sup = Math.max(sup, Math.abs((double) fx / n - (double) fy / m));
        }
        if (sup >= d - 1e-12) {
          atLeast++;
        }
      }
      return (double) atLeast / total;
    }
  }

  @Nested
  class Psi {

    @Test
    void shouldMatchAHandCalculation() {
      // proportions r = .5 .3 .2, c = .4 .3 .3:
      // (.4 − .5)·ln(.4/.5) + 0 + (.3 − .2)·ln(.3/.2) = 0.0223144 + 0.0405465 = 0.0628609
      assertThat(DriftStatistics.psi(new long[] {50, 30, 20}, new long[] {40, 30, 30}))
          .isCloseTo(0.06286086594223742, within(1e-12));
    }

    @Test
    void shouldReplaceEmptyBinsByOneInTenThousand() {
      // r = .5 .5 1e-4 (empty bin), c = .5 .25 .25:
      // 0 + (.25 − .5)·ln(.25/.5) + (.25 − 1e-4)·ln(.25/1e-4)
      // = 0.1732868 + 0.2499 · 7.8240460 = 2.1285159
      assertThat(DriftStatistics.psi(new long[] {50, 50, 0}, new long[] {50, 25, 25}))
          .isCloseTo(2.1285158932529735, within(1e-9));
    }

    @Test
    void shouldUseAMillionthOfTheSmallestProportionWhenThatIsBelowTheFloor() {
      // Evidently: reference smallest non-zero proportion 1e-5 ≤ 1e-4 → empty bin 1e-11;
      // current smallest 0.5 → empty bin 1e-4.
      // r = 1e-5, .99999, 1e-11; c = 1e-4, .5, .5
      double expected =
          (1e-4 - 1e-5) * Math.log(10)
              + (0.5 - 0.99999) * Math.log(0.5 / 0.99999)
              + (0.5 - 1e-11) * Math.log(0.5 / 1e-11);
      assertThat(expected).isCloseTo(12.664413312482463, within(1e-9));
      assertThat(DriftStatistics.psi(new long[] {1, 99_999, 0}, new long[] {0, 50_000, 50_000}))
          .isCloseTo(12.664413312482463, within(1e-9));
    }

    @Test
    void shouldBinSamplesByReferenceQuantiles() {
      // numpy.quantile(1..100, linspace(0, 1, 11)) = 1, 10.9, 20.8, ..., 90.1, 100
      double[] edges = DriftStatistics.quantileBinEdges(scrambledReference(), 10);
      assertThat(edges).hasSize(11);
      for (int i = 0; i <= 10; i++) {
        assertThat(edges[i]).isCloseTo(i == 10 ? 100 : 1 + 9.9 * i, within(1e-9));
      }
      // reference 10 per bin; current 20..116 clipped to the range: 0 2 16 16 16 16 14 15 15 40
      assertThat(DriftStatistics.histogram(scrambledCurrent(), edges))
          .containsExactly(0, 2, 16, 16, 16, 16, 14, 15, 15, 40);
      // NumPy: the PSI of these counts with Evidently's floor
      assertThat(DriftStatistics.psi(scrambledReference(), scrambledCurrent()))
          .isCloseTo(1.0303622026928476, within(1e-9));
    }

    @Test
    void shouldBeZeroForIdenticalSamples() {
      assertThat(DriftStatistics.psi(scrambledReference(), scrambledReference()))
          .isCloseTo(0.0, within(1e-15));
    }
  }

  @Nested
  class Bins {

    @Test
    void shouldCountLikeNumpyHistogramAndKeepOutliers() {
      double[] edges = {0, 1, 2, 3};
      // [0,1) [1,2) [2,3]: 1 → second bin, 3 → last bin (closed); −5 → first, 9 → last
      assertThat(DriftStatistics.histogram(new double[] {0, 0.5, 1, 2.999, 3, -5, 9}, edges))
          .containsExactly(3, 1, 3);
    }

    @Test
    void shouldDropRepeatedQuantileEdges() {
      double[] reference = {0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
      double[] edges = DriftStatistics.quantileBinEdges(reference, 4);
      // numpy.quantile at 0, .25, .5, .75, 1: 0, 0, 0, 1.75 (index 6.75: 1 + .75·(2 − 1)), 4
      assertThat(edges).containsExactly(0, 1.75, 4);
    }

    @Test
    void shouldBinByValueWhenTheReferenceHasFewDistinctValues() {
      // reference 0 0 1 1 2 has 3 distinct values ≤ 10 bins → one bin per value of both:
      // values 0 1 2 3; r = .4 .4 .2 0 (→ 1e-4), c = .2 .2 .2 .4 (SciPy/NumPy reference)
      FeatureData ref = NumericSample.of(0, 0, 1, 1, 2);
      FeatureData cur = NumericSample.of(0, 1, 2, 3, 3);
      assertThat(DriftStatistics.score(DriftMethod.PSI, ref, cur))
          .isCloseTo(3.594049323300779, within(1e-9));
      assertThat(DriftStatistics.score(DriftMethod.JENSEN_SHANNON, ref, cur))
          .isCloseTo(0.41546268601532493, within(1e-9));
    }

    @Test
    void shouldDetectAMovedConstant() {
      FeatureData ref = NumericSample.of(5, 5, 5, 5);
      FeatureData cur = NumericSample.of(7, 7, 7);
      assertThat(DriftStatistics.score(DriftMethod.JENSEN_SHANNON, ref, cur))
          .isCloseTo(Math.sqrt(Math.log(2)), within(1e-12));
      assertThat(DriftStatistics.score(DriftMethod.CHI_SQUARE, ref, cur)).isZero();
      assertThat(DriftStatistics.score(DriftMethod.PSI, ref, cur)).isGreaterThan(10);
    }
  }

  @Nested
  class FeatureScores {

    @Test
    void shouldComputeBinBasedScoresOfSamplesOverReferenceQuantiles() {
      FeatureData ref = new NumericSample(scrambledReference());
      FeatureData cur = new NumericSample(scrambledCurrent());
      // SciPy on the counts 10×10 and 0 2 16 16 16 16 14 15 15 40:
      // jensenshannon(ref/100, cur/150), chisquare(cur, ref·150/100)
      assertThat(DriftStatistics.score(DriftMethod.JENSEN_SHANNON, ref, cur))
          .isCloseTo(0.27080499349931025, within(1e-9));
      double chi = DriftStatistics.score(DriftMethod.CHI_SQUARE, ref, cur);
      assertThat(chi / 3.326872091275081e-11).isCloseTo(1.0, within(1e-6));
      // 100 × 150 ≥ 10000: asymptotic; SciPy: ks_2samp(ref, cur, method='asymp')
      assertThat(DriftStatistics.score(DriftMethod.KS, ref, cur))
          .isCloseTo(0.02269114325678212, within(1e-6));
      assertThat(DriftStatistics.score(DriftMethod.WASSERSTEIN, ref, cur))
          .isCloseTo(0.5771481872127818, within(1e-9));
    }

    @Test
    void shouldComputeEveryScoreOfBinnedCounts() {
      BinnedCounts ref = new BinnedCounts(new double[] {0, 1, 2, 3}, new long[] {50, 30, 20});
      BinnedCounts cur = new BinnedCounts(new double[] {0, 1, 2, 3}, new long[] {40, 30, 30});
      assertThat(DriftStatistics.score(DriftMethod.PSI, ref, cur))
          .isCloseTo(0.06286086594223742, within(1e-12));
      assertThat(DriftStatistics.score(DriftMethod.JENSEN_SHANNON, ref, cur))
          .isCloseTo(0.08841606285541162, within(1e-12));
      // expected 50 30 20: χ² = 100/50 + 0 + 100/20 = 7, dof 2: p = exp(−3.5)
      assertThat(DriftStatistics.score(DriftMethod.CHI_SQUARE, ref, cur))
          .isCloseTo(Math.exp(-3.5), within(1e-12));
      // midpoints .5 1.5 2.5: cumulative .5 .8 1 vs .4 .7 1 → D = 0.1; n = m = 100 →
      // kstwo.sf(0.1, 50)
      assertThat(DriftStatistics.score(DriftMethod.KS, ref, cur))
          .isCloseTo(0.6623112704658186, within(1e-6));
      // W = 0.1·1 + 0.1·1 = 0.2; reference mean 1.2, variance
      // (50·0.49 + 30·0.09 + 20·1.69)/100 = 0.61 → 0.2 / sqrt(0.61)
      assertThat(DriftStatistics.score(DriftMethod.WASSERSTEIN, ref, cur))
          .isCloseTo(0.2 / Math.sqrt(0.61), within(1e-12));
    }

    @Test
    void shouldCountARawSampleIntoTheBinsOfTheOtherSide() {
      BinnedCounts ref = new BinnedCounts(new double[] {0, 1, 2, 3}, new long[] {50, 30, 20});
      double[] values = new double[100];
      for (int i = 0; i < 100; i++) {
        // 40 in [0,1), 30 in [1,2), 30 in [2,3] (including 3 and one above it)
        values[i] = i < 40 ? 0.5 : i < 70 ? 1.0 : i < 98 ? 2.5 : i == 98 ? 3.0 : 7.0;
      }
      assertThat(DriftStatistics.score(DriftMethod.PSI, ref, new NumericSample(values)))
          .isCloseTo(0.06286086594223742, within(1e-12));
      // and the other way round: the raw reference is counted into the current bins, 40 30 30;
      // expected 40 30 30 against observed 50 30 20: χ² = 100/40 + 0 + 100/30, p = exp(−χ²/2)
      BinnedCounts cur = new BinnedCounts(new double[] {0, 1, 2, 3}, new long[] {50, 30, 20});
      assertThat(DriftStatistics.score(DriftMethod.CHI_SQUARE, new NumericSample(values), cur))
          .isCloseTo(Math.exp(-(2.5 + 10.0 / 3) / 2), within(1e-12));
    }

    @Test
    void shouldScoreCategoriesOverTheirUnion() {
      CategoricalCounts ref = new CategoricalCounts(Map.of("a", 50L, "b", 30L, "c", 20L));
      CategoricalCounts cur = new CategoricalCounts(Map.of("a", 40L, "b", 35L, "c", 25L));
      assertThat(DriftStatistics.score(DriftMethod.CHI_SQUARE, ref, cur))
          .isCloseTo(0.12981217685543797, within(1e-12));
      // SciPy: jensenshannon([.5, .3, .2], [.4, .35, .25])
      assertThat(DriftStatistics.score(DriftMethod.JENSEN_SHANNON, ref, cur))
          .isCloseTo(0.07167825088993672, within(1e-12));
      CategoricalCounts withNew =
          new CategoricalCounts(Map.of("a", 30L, "b", 30L, "c", 30L, "d", 10L));
      assertThat(DriftStatistics.score(DriftMethod.CHI_SQUARE, ref, withNew)).isZero();
    }

    @Test
    void shouldRejectNumericOnlyMethodsForCategories() {
      CategoricalCounts ref = new CategoricalCounts(Map.of("a", 5L));
      assertThatThrownBy(() -> DriftStatistics.score(DriftMethod.KS, ref, ref))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("categorical")
          .hasMessageContaining("KS");
      assertThatThrownBy(() -> DriftStatistics.score(DriftMethod.WASSERSTEIN, ref, ref))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectDifferentBinEdges() {
      BinnedCounts a = new BinnedCounts(new double[] {0, 1, 2}, new long[] {1, 1});
      BinnedCounts b = new BinnedCounts(new double[] {0, 1, 3}, new long[] {1, 1});
      assertThatThrownBy(() -> DriftStatistics.score(DriftMethod.PSI, a, b))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("different edges");
    }
  }

  @Nested
  class Validation {

    @Test
    void shouldRejectNonFiniteAndEmptySamples() {
      assertThatThrownBy(() -> NumericSample.of(1, Double.NaN, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("finite")
          .hasMessageContaining("index 1");
      assertThatThrownBy(() -> NumericSample.of(Double.POSITIVE_INFINITY))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(NumericSample::of)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
      assertThatThrownBy(() -> new NumericSample(null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () -> DriftStatistics.kolmogorovSmirnov(new double[] {1}, new double[] {Double.NaN}))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> DriftStatistics.wassersteinDistance(new double[0], new double[] {1}))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectInvalidBinnedCounts() {
      assertThatThrownBy(() -> new BinnedCounts(new double[] {0, 1}, new long[] {1, 2}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("edges");
      assertThatThrownBy(() -> new BinnedCounts(new double[] {0, 2, 1}, new long[] {1, 2}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ascending");
      assertThatThrownBy(() -> new BinnedCounts(new double[] {0, 1, 2}, new long[] {1, -2}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative");
      assertThatThrownBy(() -> new BinnedCounts(new double[] {0, 1, 2}, new long[] {0, 0}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zero");
      assertThatThrownBy(() -> new BinnedCounts(new double[] {0, Double.NaN, 2}, new long[] {1, 1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("finite");
    }

    @Test
    void shouldRejectInvalidCategoricalCounts() {
      assertThatThrownBy(() -> new CategoricalCounts(Map.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new CategoricalCounts(Map.of("a", -1L)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'a'");
      assertThatThrownBy(() -> new CategoricalCounts(Map.of("a", 0L)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zero");
    }

    @Test
    void shouldKeepRecordsImmutable() {
      double[] values = {3, 1, 2};
      NumericSample sample = new NumericSample(values);
      values[0] = 99;
      sample.values()[1] = 99;
      assertThat(sample.values()).containsExactly(3, 1, 2);
      assertThat(sample).isEqualTo(NumericSample.of(3, 1, 2));
    }
  }
}
