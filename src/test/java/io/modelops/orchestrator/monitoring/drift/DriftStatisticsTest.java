package io.modelops.orchestrator.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The statistics against published worked examples: the outputs printed in SciPy's documentation
 * (scipy.stats.wasserstein_distance, scipy.spatial.distance.jensenshannon, scipy.stats.chisquare)
 * and values derived by hand in the comments.
 */
class DriftStatisticsTest {

  private static final double TOLERANCE = 1e-6;

  @Test
  void wassersteinMatchesScipysExamples() {
    // wasserstein_distance([0, 1, 3], [5, 6, 8]) -> 5.0
    assertThat(DriftStatistics.wasserstein(new double[] {0, 1, 3}, new double[] {5, 6, 8}))
        .isCloseTo(5.0, within(TOLERANCE));
    // wasserstein_distance([0, 1], [0, 1], [3, 1], [2, 2]) -> 0.25
    assertThat(
            DriftStatistics.wasserstein(
                new double[] {0, 1}, new double[] {3, 1}, new double[] {0, 1}, new double[] {2, 2}))
        .isCloseTo(0.25, within(TOLERANCE));
    // wasserstein_distance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4],
    //                      [1.4, 0.9, 3.1, 7.2], [3.2, 3.5]) -> 4.0781331438047861
    assertThat(
            DriftStatistics.wasserstein(
                new double[] {3.4, 3.9, 7.5, 7.8},
                new double[] {1.4, 0.9, 3.1, 7.2},
                new double[] {4.5, 1.4},
                new double[] {3.2, 3.5}))
        .isCloseTo(4.0781331438047861, within(TOLERANCE));
  }

  @Test
  void wassersteinIsNormalisedByTheReferenceStandardDeviation() {
    // np.std([0, 1, 3]) = sqrt(42 / 27) = 1.247219128924647; 5.0 / 1.247219128924647
    assertThat(DriftStatistics.standardDeviation(new double[] {0, 1, 3}))
        .isCloseTo(1.247219128924647, within(TOLERANCE));
    assertThat(DriftStatistics.normalisedWasserstein(new double[] {0, 1, 3}, new double[] {5, 6, 8}))
        .isCloseTo(4.008918628686366, within(TOLERANCE));
    // a constant reference is floored at 0.001: a shift by 0.5 scores 500
    assertThat(DriftStatistics.normalisedWasserstein(new double[] {2, 2}, new double[] {2.5, 2.5}))
        .isCloseTo(500.0, within(TOLERANCE));
  }

  @Test
  void jensenShannonMatchesScipysExamples() {
    // jensenshannon([1.0, 0.0, 0.0], [0.0, 1.0, 0.0], 2.0) -> 1.0
    assertThat(DriftStatistics.jensenShannon(new double[] {1, 0, 0}, new double[] {0, 1, 0}, 2.0))
        .isCloseTo(1.0, within(TOLERANCE));
    // jensenshannon([1.0, 0.0], [0.5, 0.5]) -> 0.46450140402245893
    assertThat(DriftStatistics.jensenShannon(new double[] {1, 0}, new double[] {0.5, 0.5}))
        .isCloseTo(0.46450140402245893, within(TOLERANCE));
    // jensenshannon([1.0, 0.0, 0.0], [1.0, 0.0, 0.0]) -> 0.0; unnormalised inputs are normalised
    assertThat(DriftStatistics.jensenShannon(new double[] {1, 0, 0}, new double[] {4, 0, 0}))
        .isCloseTo(0.0, within(TOLERANCE));
  }

  @Test
  void chiSquareMatchesScipysExamples() {
    // chisquare([16, 18, 16, 14, 12, 12]) -> statistic 2.0, p 0.84914503608460956
    DriftStatistics.TestResult uniform =
        DriftStatistics.chiSquare(new long[] {16, 18, 16, 14, 12, 12}, new double[] {88 / 6.0, 88 / 6.0, 88 / 6.0, 88 / 6.0, 88 / 6.0, 88 / 6.0});
    assertThat(uniform.statistic()).isCloseTo(2.0, within(TOLERANCE));
    assertThat(uniform.pValue()).isCloseTo(0.84914503608460956, within(TOLERANCE));
    // chisquare([16, 18, 16, 14, 12, 12], f_exp=[16, 16, 16, 16, 16, 8]) -> 3.5, p 0.62338762774958223
    DriftStatistics.TestResult expected =
        DriftStatistics.chiSquare(new long[] {16, 18, 16, 14, 12, 12}, new double[] {16, 16, 16, 16, 16, 8});
    assertThat(expected.statistic()).isCloseTo(3.5, within(TOLERANCE));
    assertThat(expected.pValue()).isCloseTo(0.62338762774958223, within(TOLERANCE));
  }

  @Test
  void kolmogorovSmirnovOfSeparatedSamplesHasTheExactPValue() {
    // Two samples of 5 without overlap: D = 1. Of the C(10, 5) = 252 equally likely orderings,
    // only 2 give D = 1 (all of x first, or all of y first): p = 2 / 252 (as ks_2samp, exact).
    DriftStatistics.TestResult ks =
        DriftStatistics.kolmogorovSmirnov(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
    assertThat(ks.statistic()).isCloseTo(1.0, within(TOLERANCE));
    assertThat(ks.pValue()).isCloseTo(2.0 / 252, within(TOLERANCE));
    // Identical samples: D = 0, p = 1
    DriftStatistics.TestResult same =
        DriftStatistics.kolmogorovSmirnov(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4});
    assertThat(same.statistic()).isZero();
    assertThat(same.pValue()).isCloseTo(1.0, within(TOLERANCE));
  }

  @Test
  void psiSumsTheLogRatiosOfTheShares() {
    // reference 50/50, current 25/75: (0.25 - 0.5) ln(0.25/0.5) + (0.75 - 0.5) ln(0.75/0.5)
    //   = 0.25 ln 2 + 0.25 ln 1.5 = 0.25 ln 3 = 0.2746530721670274
    assertThat(
            DriftStatistics.psi(
                DriftStatistics.shares(new long[] {50, 50}), DriftStatistics.shares(new long[] {25, 75})))
        .isCloseTo(0.2746530721670274, within(TOLERANCE));
    // an empty bin counts as a share of 0.0001 instead of making the index infinite
    double[] withEmpty = DriftStatistics.shares(new long[] {100, 0});
    assertThat(withEmpty[1]).isCloseTo(1e-4 / (1 + 1e-4), within(1e-12));
    assertThat(DriftStatistics.psi(withEmpty, DriftStatistics.shares(new long[] {50, 50}))).isFinite();
  }

  @Test
  void binsComeFromTheReference() {
    double[] reference = new double[100];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = i;
    }
    double[] edges = DriftStatistics.quantileEdges(reference, 10);
    assertThat(edges).hasSize(11).startsWith(0.0).endsWith(99.0);
    long[] counts = DriftStatistics.histogram(reference, edges);
    assertThat(counts).hasSize(10);
    assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(100);
    // values beyond the reference's range count in the outer bins
    assertThat(DriftStatistics.histogram(new double[] {-50, 500}, edges)).startsWith(1L).endsWith(1L);
    // NumPy's Sturges rule: ceil(log2(8)) + 1 = 4 bins over [0, 8]
    assertThat(DriftStatistics.sturgesEdges(new double[] {0, 2, 4, 6}, new double[] {1, 3, 5, 8}))
        .containsExactly(0, 2, 4, 6, 8);
  }
}
