package io.modelops.orchestrator.monitoring.drift;

import java.util.Arrays;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Drift statistics, as static methods. The array methods reproduce the SciPy function named in
 * each, so that results can be compared with notebooks; {@link #score(DriftMethod, FeatureData,
 * FeatureData, int)} applies them to a feature the way Evidently does.
 *
 * <h2>Definitions</h2>
 *
 * <dl>
 *   <dt>Population Stability Index ({@link DriftMethod#PSI})
 *   <dd>{@code PSI = Σ (c_i − r_i) · ln(c_i / r_i)} over bins (or categories) {@code i}, with
 *       {@code r_i}, {@code c_i} the reference and current proportions. A zero proportion is
 *       replaced, on each side separately, as Evidently does: by {@value #EMPTY_BIN_PROPORTION}, or
 *       by a millionth of the smallest non-zero proportion of that side when that is itself at most
 *       {@value #EMPTY_BIN_PROPORTION}. Proportions are not renormalised afterwards.
 *   <dt>Kolmogorov–Smirnov ({@link DriftMethod#KS})
 *   <dd>Two-sided two-sample test as SciPy's {@code scipy.stats.ks_2samp}. Statistic {@code D =
 *       max_x |F_ref(x) − F_cur(x)|} over all observed values, with right-continuous empirical
 *       distribution functions, so ties are handled as SciPy does. The p-value {@code P(D_{n,m} ≥
 *       d)} under the null hypothesis of one continuous distribution is
 *       <ul>
 *         <li>exact when {@code n·m <} {@value #KS_EXACT_LIMIT} (SciPy {@code method='exact'}), by
 *             lattice-path counting in Commons Math {@code KolmogorovSmirnovTest.exactP} (Hodges
 *             1957);
 *         <li>otherwise SciPy's {@code method='asymp'}: {@code kstwo.sf(d, round(n·m/(n+m)))}, the
 *             one-sample Kolmogorov distribution with that many observations, as {@code 1 −
 *             KolmogorovSmirnovTest.cdf(d, N)} of Commons Math (Durbin's matrix method up to 140,
 *             Pelz–Good above). Where the Dvoretzky–Kiefer–Wolfowitz bound {@code 2·exp(−2Nd²)} is
 *             below 1e-16 the p-value is reported as 0, which is below what {@code 1 − cdf}
 *             resolves in double precision anyway.
 *       </ul>
 *       SciPy's default {@code method='auto'} (Evidently's call) is exact up to {@code max(n, m) ≤
 *       10000}; between Commons Math's limit and SciPy's the asymptotic p-value here differs from
 *       SciPy's exact one, typically in the second or third significant digit. Ties in the data are
 *       not corrected for, as in SciPy: the p-value is then conservative.
 *   <dt>Wasserstein distance ({@link DriftMethod#WASSERSTEIN})
 *   <dd>First Wasserstein (earth mover's) distance of the two one-dimensional empirical
 *       distributions, {@code ∫ |F_ref(x) − F_cur(x)| dx}, as {@code
 *       scipy.stats.wasserstein_distance}; for drift divided by the reference's population standard
 *       deviation ({@code numpy.std}, ddof 0), at least {@value #MIN_WASSERSTEIN_NORM} so that a
 *       constant reference does not divide by zero: Evidently's {@code wasserstein_distance(ref,
 *       cur) / max(np.std(ref), 0.001)}.
 *   <dt>Jensen–Shannon distance ({@link DriftMethod#JENSEN_SHANNON})
 *   <dd>SciPy's {@code scipy.spatial.distance.jensenshannon(p, q)} with its default natural
 *       logarithm, which is what Evidently calls: {@code sqrt((KL(p‖m) + KL(q‖m)) / 2)} with {@code
 *       m = (p + q) / 2}, after normalising {@code p} and {@code q} to sum 1. Between 0 and {@code
 *       sqrt(ln 2) ≈ 0.8326}; with base 2 it would be between 0 and 1.
 *   <dt>χ² goodness of fit ({@link DriftMethod#CHI_SQUARE})
 *   <dd>Evidently's {@code chisquare} test: observed are the current counts over the union of
 *       categories (or bins), expected the reference counts scaled to the current total, {@code χ²
 *       = Σ (o_i − e_i)² / e_i}, p-value from the χ² distribution with {@code k − 1} degrees of
 *       freedom ({@code scipy.stats.chisquare}, via the regularised incomplete gamma function of
 *       Commons Math). The test takes the reference proportions as exact: with a current sample
 *       about as large as the reference, χ² is about twice what sampling noise alone explains, and
 *       the test reports drift too often. Use it with a reference much larger than the current
 *       data, or use Jensen–Shannon or PSI.
 * </dl>
 *
 * <h2>Bins of numeric samples</h2>
 *
 * <p>PSI, Jensen–Shannon and χ² compare distributions over bins. For two {@link NumericSample}s the
 * bins come from the reference: {@link #DEFAULT_BINS} quantile bins ({@link #quantileBinEdges}),
 * counted as {@link #histogram} does (current values outside the reference's range fall in the
 * outermost bins). A reference with no more distinct values than bins (a discrete or constant
 * feature) is binned by value instead: one bin per distinct value of reference and current
 * together, as Evidently does for numeric features with few values. Evidently bins numeric features
 * with many values differently (Sturges' rule over reference and current together, 30 bins for
 * PSI); its scores are therefore not comparable one to one.
 *
 * <h2>Pre-binned counts</h2>
 *
 * <p>With {@link BinnedCounts} on either side, both sides are counted over its bins (when both are
 * binned, their edges must be equal). PSI, Jensen–Shannon and χ² are then exact on these bins.
 * Kolmogorov–Smirnov and Wasserstein need raw values and are approximated: every value is taken to
 * lie at the midpoint of its bin. D is then the largest difference of the cumulative proportions at
 * the bin edges (a lower bound of D on the raw data, so the p-value is high rather than low), and
 * the Wasserstein distance and standard deviation are those of the midpoints weighted by the counts
 * (off by at most half a bin width).
 */
public final class DriftStatistics {

  /** Number of reference quantile bins of numeric samples: 10. */
  public static final int DEFAULT_BINS = 10;

  /** Proportion that replaces an empty bin in the PSI (as Evidently): 1e-4. */
  public static final double EMPTY_BIN_PROPORTION = 1e-4;

  /** Smallest reference standard deviation the Wasserstein distance is divided by (Evidently). */
  public static final double MIN_WASSERSTEIN_NORM = 1e-3;

  /**
   * Kolmogorov–Smirnov p-values are exact when the product of the sample sizes is below this
   * (Commons Math's own limit for its exact method), asymptotic otherwise.
   */
  public static final long KS_EXACT_LIMIT = 10_000;

  /** SciPy's relative tolerance for the sums of observed and expected counts in chisquare. */
  private static final double CHI_SQUARE_SUM_TOLERANCE = 1e-8;

  /** Below this the Kolmogorov–Smirnov tail bound makes the asymptotic p-value 0. */
  private static final double KS_NEGLIGIBLE_P = 1e-16;

  /** Only the stateless parts are used (exactP, cdf), so one instance serves all threads. */
  private static final KolmogorovSmirnovTest KS = new KolmogorovSmirnovTest();

  private DriftStatistics() {}

  /**
   * Result of a two-sample Kolmogorov–Smirnov test.
   *
   * @param statistic D, between 0 and 1
   * @param pValue two-sided p-value
   * @param exact whether the p-value is exact rather than asymptotic
   */
  public record KolmogorovSmirnov(double statistic, double pValue, boolean exact) {}

  /**
   * Result of a χ² goodness-of-fit test.
   *
   * @param statistic χ², {@code +∞} when a category was observed that has expected count zero
   * @param pValue p-value, 0 for an infinite statistic, 1 with fewer than two categories
   * @param degreesOfFreedom categories (without those with zero observed and expected) minus 1
   */
  public record ChiSquare(double statistic, double pValue, int degreesOfFreedom) {}

  // ---------------------------------------------------------------------------------------------
  // Feature level

  /**
   * Score of {@code method} for one feature, with {@link #DEFAULT_BINS} bins for numeric samples.
   *
   * @see #score(DriftMethod, FeatureData, FeatureData, int)
   */
  public static double score(DriftMethod method, FeatureData reference, FeatureData current) {
    return score(method, reference, current, DEFAULT_BINS);
  }

  /**
   * Score of {@code method} for one feature: the p-value for {@link DriftMethod#KS} and {@link
   * DriftMethod#CHI_SQUARE}, the distance or index for the others. See the class documentation for
   * how each form of {@link FeatureData} is handled.
   *
   * @param bins number of reference quantile bins for two numeric samples (at least 1)
   * @throws IllegalArgumentException if one side is numeric and the other categorical, if binned
   *     edges differ, or if the method does not apply to categorical data
   */
  public static double score(
      DriftMethod method, FeatureData reference, FeatureData current, int bins) {
    if (method == null) {
      throw new IllegalArgumentException("method must not be null");
    }
    return FeaturePair.of(null, reference, current, bins).score(method);
  }

  // ---------------------------------------------------------------------------------------------
  // Population Stability Index

  /**
   * PSI of two numeric samples over {@link #DEFAULT_BINS} quantile bins of the reference.
   *
   * @see #psi(double[], double[], int)
   */
  public static double psi(double[] reference, double[] current) {
    return psi(reference, current, DEFAULT_BINS);
  }

  /**
   * PSI of two numeric samples over {@code bins} quantile bins of the reference (or one bin per
   * value when the reference has at most {@code bins} distinct values; see the class
   * documentation).
   */
  public static double psi(double[] reference, double[] current, int bins) {
    return score(DriftMethod.PSI, new NumericSample(reference), new NumericSample(current), bins);
  }

  /**
   * PSI of two histograms over the same bins (or categories, in the same order): {@code Σ (c_i −
   * r_i) · ln(c_i / r_i)} of the proportions, zero proportions replaced as described in the class
   * documentation.
   *
   * @param referenceCounts counts per bin of the reference, none negative, not all zero
   * @param currentCounts counts per bin of the current data, same length
   */
  public static double psi(long[] referenceCounts, long[] currentCounts) {
    requireCounts(referenceCounts, currentCounts);
    double[] r = proportionsWithFloor(referenceCounts);
    double[] c = proportionsWithFloor(currentCounts);
    double psi = 0;
    for (int i = 0; i < r.length; i++) {
      psi += (c[i] - r[i]) * Math.log(c[i] / r[i]);
    }
    return psi;
  }

  /** Proportions of the counts, with Evidently's replacement of zeros. */
  private static double[] proportionsWithFloor(long[] counts) {
    double total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] p = new double[counts.length];
    double smallest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < counts.length; i++) {
      p[i] = counts[i] / total;
      if (p[i] > 0 && p[i] < smallest) {
        smallest = p[i];
      }
    }
    double floor = smallest <= EMPTY_BIN_PROPORTION ? smallest / 1e6 : EMPTY_BIN_PROPORTION;
    for (int i = 0; i < p.length; i++) {
      if (p[i] == 0) {
        p[i] = floor;
      }
    }
    return p;
  }

  // ---------------------------------------------------------------------------------------------
  // Jensen–Shannon

  /**
   * Jensen–Shannon distance with the natural logarithm, as {@code
   * scipy.spatial.distance.jensenshannon(p, q)} (and Evidently).
   *
   * @param p weights of the first distribution (normalised to sum 1), finite, non-negative
   * @param q weights of the second distribution, same length
   */
  public static double jensenShannonDistance(double[] p, double[] q) {
    return jensenShannon(p, q, Double.NaN);
  }

  /**
   * Jensen–Shannon distance with the logarithm to {@code base}, as {@code
   * scipy.spatial.distance.jensenshannon(p, q, base)}; base 2 gives a distance between 0 and 1.
   */
  public static double jensenShannonDistance(double[] p, double[] q, double base) {
    if (!(base > 0 && Double.isFinite(base) && base != 1)) {
      throw new IllegalArgumentException("base must be positive, finite and not 1, got " + base);
    }
    return jensenShannon(p, q, base);
  }

  /** Jensen–Shannon distance (natural logarithm) of two histograms over the same bins. */
  public static double jensenShannonDistance(long[] referenceCounts, long[] currentCounts) {
    requireCounts(referenceCounts, currentCounts);
    return jensenShannon(toDouble(referenceCounts), toDouble(currentCounts), Double.NaN);
  }

  private static double jensenShannon(double[] p, double[] q, double base) {
    requireWeights(p, q);
    double sp = sum(p);
    double sq = sum(q);
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double pi = p[i] / sp;
      double qi = q[i] / sq;
      double m = (pi + qi) / 2.0;
      if (pi > 0) {
        js += pi * Math.log(pi / m);
      }
      if (qi > 0) {
        js += qi * Math.log(qi / m);
      }
    }
    if (!Double.isNaN(base)) {
      js /= Math.log(base);
    }
    // rounding can leave a tiny negative sum for identical distributions
    return Math.sqrt(Math.max(js / 2.0, 0));
  }

  // ---------------------------------------------------------------------------------------------
  // Chi-square

  /**
   * χ² test of {@code observed} against equal expected counts, as {@code
   * scipy.stats.chisquare(observed)}.
   */
  public static ChiSquare chiSquare(double[] observed) {
    if (observed == null || observed.length == 0) {
      throw new IllegalArgumentException("observed must not be empty");
    }
    double[] expected = new double[observed.length];
    Arrays.fill(expected, sum(observed) / observed.length);
    return chiSquare(observed, expected);
  }

  /**
   * χ² goodness-of-fit test, as {@code scipy.stats.chisquare(observed, expected)}: {@code χ² = Σ
   * (o_i − e_i)² / e_i}, p-value {@code Q((k − 1)/2, χ²/2)} (the χ² survival function). Unlike
   * SciPy, a category with expected and observed count zero is left out (SciPy returns NaN), and a
   * category with expected zero but observed counts makes χ² infinite and the p-value 0 without a
   * warning.
   *
   * @param observed observed counts (finite, non-negative)
   * @param expected expected counts, same length; both must have the same sum (relative tolerance
   *     1e-8, as SciPy)
   */
  public static ChiSquare chiSquare(double[] observed, double[] expected) {
    requireWeights(observed, expected);
    double so = sum(observed);
    double se = sum(expected);
    if (Math.abs(so - se) / Math.min(so, se) > CHI_SQUARE_SUM_TOLERANCE) {
      throw new IllegalArgumentException(
          "observed and expected must have the same sum, got " + so + " and " + se);
    }
    double statistic = 0;
    int categories = 0;
    boolean infinite = false;
    for (int i = 0; i < observed.length; i++) {
      double o = observed[i];
      double e = expected[i];
      if (e == 0) {
        if (o != 0) {
          categories++;
          infinite = true;
        }
        continue;
      }
      categories++;
      double d = o - e;
      statistic += d * d / e;
    }
    int dof = categories - 1;
    if (infinite) {
      return new ChiSquare(Double.POSITIVE_INFINITY, 0.0, dof);
    }
    double p = dof <= 0 ? 1.0 : Gamma.regularizedGammaQ(dof / 2.0, statistic / 2.0);
    return new ChiSquare(statistic, p, dof);
  }

  /**
   * Evidently's two-sample χ² test of two histograms over the same bins or categories: observed the
   * current counts, expected the reference counts times {@code currentTotal / referenceTotal}.
   */
  public static ChiSquare chiSquare(long[] referenceCounts, long[] currentCounts) {
    requireCounts(referenceCounts, currentCounts);
    double[] observed = toDouble(currentCounts);
    double[] expected = toDouble(referenceCounts);
    double scale = sum(observed) / sum(expected);
    for (int i = 0; i < expected.length; i++) {
      expected[i] *= scale;
    }
    return chiSquare(observed, expected);
  }

  // ---------------------------------------------------------------------------------------------
  // Kolmogorov–Smirnov

  /**
   * Two-sided two-sample Kolmogorov–Smirnov test, as {@code scipy.stats.ks_2samp(reference,
   * current)}; see the class documentation for which p-value is computed.
   *
   * @param reference at least one finite value
   * @param current at least one finite value
   */
  public static KolmogorovSmirnov kolmogorovSmirnov(double[] reference, double[] current) {
    return kolmogorovSmirnovSorted(
        sortedCopy(reference, "reference"), sortedCopy(current, "current"));
  }

  static KolmogorovSmirnov kolmogorovSmirnovSorted(double[] reference, double[] current) {
    double d = ksStatisticSorted(reference, current);
    return new KolmogorovSmirnov(
        d,
        kolmogorovSmirnovPValue(d, reference.length, current.length),
        ksExact(reference.length, current.length));
  }

  /**
   * Two-sided p-value {@code P(D_{n,m} ≥ d)} of the two-sample Kolmogorov–Smirnov statistic: exact
   * when {@code n·m <} {@value #KS_EXACT_LIMIT}, SciPy's asymptotic {@code kstwo.sf(d,
   * round(n·m/(n+m)))} otherwise.
   *
   * @param d statistic, between 0 and 1
   * @param n size of the first sample, at least 1
   * @param m size of the second sample, at least 1
   */
  public static double kolmogorovSmirnovPValue(double d, long n, long m) {
    if (n < 1 || m < 1) {
      throw new IllegalArgumentException("sample sizes must be at least 1, got " + n + ", " + m);
    }
    if (!(d >= 0 && d <= 1)) {
      throw new IllegalArgumentException("D must be between 0 and 1, got " + d);
    }
    if (d == 0) {
      return 1.0;
    }
    if (ksExact(n, m)) {
      return clamp01(KS.exactP(d, (int) n, (int) m, false));
    }
    double en = (double) n * (double) m / ((double) n + (double) m);
    // numpy.round rounds halves to even, as Math.rint does
    int size = (int) Math.max(1, Math.min(Math.rint(en), Integer.MAX_VALUE));
    if (d >= 1 || 2 * Math.exp(-2.0 * size * d * d) < KS_NEGLIGIBLE_P) {
      return 0.0;
    }
    return clamp01(1 - KS.cdf(d, size));
  }

  private static boolean ksExact(long n, long m) {
    return n < KS_EXACT_LIMIT && m < KS_EXACT_LIMIT && n * m < KS_EXACT_LIMIT;
  }

  /** D of two sorted samples, ties handled as SciPy (right-continuous ECDFs). */
  static double ksStatisticSorted(double[] x, double[] y) {
    int n = x.length;
    int m = y.length;
    int i = 0;
    int j = 0;
    long diff = 0; // n·m·(F_x − F_y)
    long sup = 0;
    while (i < n && j < m) {
      double z = x[i] <= y[j] ? x[i] : y[j];
      while (i < n && x[i] == z) {
        i++;
        diff += m;
      }
      while (j < m && y[j] == z) {
        j++;
        diff -= n;
      }
      long abs = Math.abs(diff);
      if (abs > sup) {
        sup = abs;
      }
    }
    // once one sample is used up the difference only shrinks towards 0
    return sup / ((double) n * (double) m);
  }

  /** D at the edges of two histograms over the same bins (KS of the bin midpoints). */
  static double ksStatisticCounts(long[] reference, long[] current) {
    double nr = 0;
    double nc = 0;
    for (int i = 0; i < reference.length; i++) {
      nr += reference[i];
      nc += current[i];
    }
    double cr = 0;
    double cc = 0;
    double sup = 0;
    for (int i = 0; i < reference.length; i++) {
      cr += reference[i];
      cc += current[i];
      sup = Math.max(sup, Math.abs(cr / nr - cc / nc));
    }
    return Math.min(sup, 1.0);
  }

  // ---------------------------------------------------------------------------------------------
  // Wasserstein

  /**
   * First Wasserstein distance of two one-dimensional samples, as {@code
   * scipy.stats.wasserstein_distance(u, v)}.
   */
  public static double wassersteinDistance(double[] u, double[] v) {
    return wassersteinSorted(sortedCopy(u, "u"), null, sortedCopy(v, "v"), null);
  }

  /**
   * First Wasserstein distance of two weighted one-dimensional samples, as {@code
   * scipy.stats.wasserstein_distance(u, v, uWeights, vWeights)}.
   *
   * @param uWeights one finite, non-negative weight per value of {@code u}, not all zero
   * @param vWeights one finite, non-negative weight per value of {@code v}, not all zero
   */
  public static double wassersteinDistance(
      double[] u, double[] v, double[] uWeights, double[] vWeights) {
    requireFinite(u, "u");
    requireFinite(v, "v");
    requireWeightsFor(u, uWeights, "uWeights");
    requireWeightsFor(v, vWeights, "vWeights");
    int[] uo = sortedOrder(u);
    int[] vo = sortedOrder(v);
    return wassersteinSorted(
        permute(u, uo), permute(uWeights, uo), permute(v, vo), permute(vWeights, vo));
  }

  /**
   * Wasserstein distance divided by the reference's population standard deviation (at least {@value
   * #MIN_WASSERSTEIN_NORM}): Evidently's normed Wasserstein distance.
   */
  public static double normalizedWassersteinDistance(double[] reference, double[] current) {
    return normalizedWassersteinSorted(
        sortedCopy(reference, "reference"), sortedCopy(current, "current"));
  }

  static double normalizedWassersteinSorted(double[] reference, double[] current) {
    double wd = wassersteinSorted(reference, null, current, null);
    return wd / Math.max(standardDeviation(reference, null), MIN_WASSERSTEIN_NORM);
  }

  /** Normalised Wasserstein distance of two histograms over the same bins, at the midpoints. */
  static double normalizedWassersteinCounts(double[] edges, long[] reference, long[] current) {
    double[] mid = new double[reference.length];
    for (int i = 0; i < mid.length; i++) {
      mid[i] = edges[i] + (edges[i + 1] - edges[i]) / 2;
    }
    double[] rw = toDouble(reference);
    double[] cw = toDouble(current);
    double wd = wassersteinSorted(mid, rw, mid, cw);
    return wd / Math.max(standardDeviation(mid, rw), MIN_WASSERSTEIN_NORM);
  }

  /**
   * {@code ∫ |U(x) − V(x)| dx} of two sorted samples with optional weights (null: all 1), by one
   * merge of the two: between consecutive distinct values both distribution functions are constant.
   */
  static double wassersteinSorted(double[] u, double[] uw, double[] v, double[] vw) {
    int n = u.length;
    int m = v.length;
    double invU = 1.0 / (uw == null ? n : sum(uw));
    double invV = 1.0 / (vw == null ? m : sum(vw));
    int i = 0;
    int j = 0;
    double cu = 0;
    double cv = 0;
    double area = 0;
    double prev = Math.min(u[0], v[0]);
    while (i < n || j < m) {
      double x = j >= m || (i < n && u[i] <= v[j]) ? u[i] : v[j];
      area += Math.abs(cu * invU - cv * invV) * (x - prev);
      while (i < n && u[i] == x) {
        cu += uw == null ? 1 : uw[i];
        i++;
      }
      while (j < m && v[j] == x) {
        cv += vw == null ? 1 : vw[j];
        j++;
      }
      prev = x;
    }
    return area;
  }

  /** Population standard deviation (ddof 0, as numpy.std), optionally weighted. */
  static double standardDeviation(double[] values, double[] weights) {
    double total = weights == null ? values.length : sum(weights);
    double mean = 0;
    for (int i = 0; i < values.length; i++) {
      mean += (weights == null ? 1 : weights[i]) * values[i];
    }
    mean /= total;
    double squares = 0;
    for (int i = 0; i < values.length; i++) {
      double d = values[i] - mean;
      squares += (weights == null ? 1 : weights[i]) * d * d;
    }
    return Math.sqrt(squares / total);
  }

  // ---------------------------------------------------------------------------------------------
  // Bins

  /**
   * Edges of {@code bins} quantile bins of {@code reference}: the quantiles at {@code 0, 1/bins,
   * ..., 1}, interpolated linearly as {@code numpy.quantile} does by default, with repeated edges
   * (ties in the data) dropped, so there may be fewer bins. The first edge is the minimum, the last
   * the maximum.
   */
  public static double[] quantileBinEdges(double[] reference, int bins) {
    requireBins(bins);
    return quantileEdgesSorted(sortedCopy(reference, "reference"), bins);
  }

  static double[] quantileEdgesSorted(double[] sorted, int bins) {
    int n = sorted.length;
    double[] edges = new double[bins + 1];
    int count = 0;
    for (int b = 0; b <= bins; b++) {
      double edge;
      if (b == 0) {
        edge = sorted[0];
      } else if (b == bins) {
        edge = sorted[n - 1];
      } else {
        double h = (n - 1) * ((double) b / bins);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        double t = h - lo;
        double a = sorted[lo];
        double diff = sorted[hi] - a;
        // numpy's _lerp: from the nearer end, so that the result stays within [a, b]
        edge = t >= 0.5 ? sorted[hi] - diff * (1 - t) : a + diff * t;
      }
      if (count == 0 || edge > edges[count - 1]) {
        edges[count++] = edge;
      }
    }
    return Arrays.copyOf(edges, count);
  }

  /**
   * Counts {@code values} into the bins of {@code edges} as {@code numpy.histogram(values, edges)}:
   * bins {@code [edges[i], edges[i + 1])}, the last one closed; unlike NumPy, values below the
   * first edge count in the first bin and values above the last edge in the last bin, so no value
   * is lost.
   *
   * @param edges at least one edge, strictly ascending; one edge gives a single bin
   */
  public static long[] histogram(double[] values, double[] edges) {
    requireFinite(values, "values");
    requireEdges(edges);
    long[] counts = new long[Math.max(edges.length - 1, 1)];
    for (double x : values) {
      counts[binOf(x, edges)]++;
    }
    return counts;
  }

  /** Bin of {@code x}: the number of inner edges at or below it. */
  static int binOf(double x, double[] edges) {
    int lo = 1;
    int hi = edges.length - 1; // inner edges are edges[1 .. length - 2]
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return Math.max(lo - 1, 0);
  }

  /** {@link #histogram} of sorted values, in one pass. */
  static long[] histogramSorted(double[] sorted, double[] edges) {
    int bins = Math.max(edges.length - 1, 1);
    long[] counts = new long[bins];
    int b = 0;
    for (double x : sorted) {
      while (b < bins - 1 && edges[b + 1] <= x) {
        b++;
      }
      counts[b]++;
    }
    return counts;
  }

  /** Number of distinct values of a sorted array, counting stops above {@code limit}. */
  static int distinctValues(double[] sorted, int limit) {
    int distinct = 1;
    for (int i = 1; i < sorted.length && distinct <= limit; i++) {
      if (sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    return distinct;
  }

  /** Counts of both sorted samples per distinct value of the two together: {reference, current}. */
  static long[][] countsPerValue(double[] reference, double[] current) {
    int values = 0;
    int i = 0;
    int j = 0;
    while (i < reference.length || j < current.length) {
      double x = nextValue(reference, i, current, j);
      while (i < reference.length && reference[i] == x) {
        i++;
      }
      while (j < current.length && current[j] == x) {
        j++;
      }
      values++;
    }
    long[] r = new long[values];
    long[] c = new long[values];
    i = 0;
    j = 0;
    for (int k = 0; k < values; k++) {
      double x = nextValue(reference, i, current, j);
      while (i < reference.length && reference[i] == x) {
        i++;
        r[k]++;
      }
      while (j < current.length && current[j] == x) {
        j++;
        c[k]++;
      }
    }
    return new long[][] {r, c};
  }

  private static double nextValue(double[] a, int i, double[] b, int j) {
    if (i >= a.length) {
      return b[j];
    }
    if (j >= b.length) {
      return a[i];
    }
    return Math.min(a[i], b[j]);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  static double[] sortedCopy(double[] values, String name) {
    requireFinite(values, name);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted;
  }

  private static void requireFinite(double[] values, String name) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            name + " must be finite, found " + values[i] + " at index " + i);
      }
    }
  }

  private static void requireWeightsFor(double[] values, double[] weights, String name) {
    if (weights == null || weights.length != values.length) {
      throw new IllegalArgumentException(name + " must have one weight per value");
    }
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0 && Double.isFinite(weights[i]))) {
        throw new IllegalArgumentException(
            name + " must be finite and non-negative, found " + weights[i] + " at index " + i);
      }
      total += weights[i];
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException(name + " must not all be zero");
    }
  }

  private static void requireWeights(double[] p, double[] q) {
    if (p == null || q == null || p.length == 0 || p.length != q.length) {
      throw new IllegalArgumentException("both distributions need the same, non-zero length");
    }
    requireWeightsFor(p, p, "first distribution");
    requireWeightsFor(q, q, "second distribution");
  }

  private static void requireCounts(long[] reference, long[] current) {
    if (reference == null
        || current == null
        || reference.length == 0
        || reference.length != current.length) {
      throw new IllegalArgumentException(
          "reference and current need the same, non-zero number of" + " bins");
    }
    requireNonNegative(reference, "reference");
    requireNonNegative(current, "current");
  }

  private static void requireNonNegative(long[] counts, String name) {
    boolean any = false;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException(
            name + " counts must not be negative, found " + counts[i] + " in bin " + i);
      }
      any |= counts[i] > 0;
    }
    if (!any) {
      throw new IllegalArgumentException(name + " counts are all zero");
    }
  }

  private static void requireEdges(double[] edges) {
    if (edges == null || edges.length == 0) {
      throw new IllegalArgumentException("edges must not be empty");
    }
    for (int i = 0; i < edges.length; i++) {
      if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
        throw new IllegalArgumentException("edges must be finite and strictly ascending");
      }
    }
  }

  static void requireBins(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, got " + bins);
    }
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  private static double[] toDouble(long[] counts) {
    double[] d = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      d[i] = counts[i];
    }
    return d;
  }

  private static double clamp01(double p) {
    return p < 0 ? 0 : (p > 1 ? 1 : p);
  }

  private static double[] permute(double[] values, int[] order) {
    double[] out = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = values[order[i]];
    }
    return out;
  }

  /** Indices of {@code values} in ascending order of value (stable merge sort, no boxing). */
  private static int[] sortedOrder(double[] values) {
    int n = values.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int[] buffer = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, n);
        int a = lo;
        int b = mid;
        int k = lo;
        while (a < mid && b < hi) {
          buffer[k++] = values[order[b]] < values[order[a]] ? order[b++] : order[a++];
        }
        while (a < mid) {
          buffer[k++] = order[a++];
        }
        while (b < hi) {
          buffer[k++] = order[b++];
        }
        System.arraycopy(buffer, lo, order, lo, hi - lo);
      }
    }
    return order;
  }
}
