package io.modelops.orchestrator.monitoring.drift;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The drift statistics, as plain functions. Where Apache Commons Math has the function (the
 * Kolmogorov–Smirnov test, the χ² distribution) it is used; the rest follows SciPy's definitions,
 * which Evidently uses, so values can be checked against SciPy's documented outputs.
 */
public final class DriftStatistics {

  /** Share given to an empty bin or an unseen category, as Evidently does (0.0001). */
  public static final double EMPTY_BIN_SHARE = 1e-4;

  /** Bins of the reference used by PSI for raw numeric values (deciles). */
  public static final int PSI_BINS = 10;

  /** Floor of the reference standard deviation when normalising the Wasserstein distance. */
  public static final double MIN_STD = 1e-3;

  /** A test statistic and its p-value. */
  public record TestResult(double statistic, double pValue) {}

  /**
   * Two-sample Kolmogorov–Smirnov test, two-sided: statistic D = sup |F1 − F2| and its p-value
   * (Commons Math: exact distribution when the product of the sample sizes is below 10,000, with
   * ties broken by a deterministic jitter; otherwise the asymptotic Kolmogorov distribution, like
   * SciPy's {@code ks_2samp(method='asymp')}).
   */
  public static TestResult kolmogorovSmirnov(double[] reference, double[] current) {
    KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
    return new TestResult(
        test.kolmogorovSmirnovStatistic(reference, current),
        // P(D >= d), as SciPy; Commons Math's two-argument form answers P(D > d)
        test.kolmogorovSmirnovTest(reference, current, false));
  }

  /**
   * χ² goodness of fit of observed counts to expected counts (SciPy {@code chisquare(f_obs,
   * f_exp)}): statistic Σ (o − e)² / e and its p-value with k − 1 degrees of freedom. The expected
   * counts are rescaled to the observed total, as SciPy requires them to match.
   */
  public static TestResult chiSquare(long[] observed, double[] expected) {
    if (observed.length != expected.length) {
      throw new IllegalArgumentException("observed and expected need the same categories");
    }
    if (observed.length < 2) {
      return new TestResult(0.0, 1.0);
    }
    ChiSquareTest test = new ChiSquareTest();
    return new TestResult(test.chiSquare(expected, observed), test.chiSquareTest(expected, observed));
  }

  /**
   * Population Stability Index of two share vectors over the same bins: Σ (c − r) · ln(c / r).
   * Shares must be positive (see {@link #shares}).
   */
  public static double psi(double[] referenceShares, double[] currentShares) {
    double psi = 0;
    for (int i = 0; i < referenceShares.length; i++) {
      double r = referenceShares[i];
      double c = currentShares[i];
      psi += (c - r) * Math.log(c / r);
    }
    return psi;
  }

  /**
   * Jensen–Shannon distance of two distributions (SciPy {@code jensenshannon(p, q)}, natural
   * logarithm): both are normalised, m = (p + q) / 2, distance = √((KL(p‖m) + KL(q‖m)) / 2).
   */
  public static double jensenShannon(double[] p, double[] q) {
    return jensenShannon(p, q, Math.E);
  }

  /** Jensen–Shannon distance with the logarithm of the given base (SciPy's {@code base}). */
  public static double jensenShannon(double[] p, double[] q, double base) {
    if (p.length != q.length) {
      throw new IllegalArgumentException("both distributions need the same bins");
    }
    double sp = sum(p);
    double sq = sum(q);
    double divergence = 0;
    for (int i = 0; i < p.length; i++) {
      double pi = p[i] / sp;
      double qi = q[i] / sq;
      double m = (pi + qi) / 2;
      divergence += relativeEntropy(pi, m) + relativeEntropy(qi, m);
    }
    return Math.sqrt(Math.max(0, divergence / 2) / Math.log(base));
  }

  /** Wasserstein (earth mover's) distance of two samples (SciPy {@code wasserstein_distance(u, v)}). */
  public static double wasserstein(double[] u, double[] v) {
    double[] us = u.clone();
    double[] vs = v.clone();
    Arrays.sort(us);
    Arrays.sort(vs);
    return sortedWasserstein(us, null, vs, null);
  }

  /**
   * Wasserstein distance of two weighted samples (SciPy {@code wasserstein_distance(u, v,
   * u_weights, v_weights)}): ∫ |U(x) − V(x)| dx over the two empirical distribution functions.
   */
  public static double wasserstein(double[] u, double[] uWeights, double[] v, double[] vWeights) {
    int[] uOrder = order(u);
    int[] vOrder = order(v);
    return sortedWasserstein(
        permute(u, uOrder), permute(uWeights, uOrder), permute(v, vOrder), permute(vWeights, vOrder));
  }

  /** The integral of |U − V| over the merged, sorted values; null weights are equal weights. */
  private static double sortedWasserstein(double[] u, double[] uw, double[] v, double[] vw) {
    double uTotal = uw == null ? u.length : sum(uw);
    double vTotal = vw == null ? v.length : sum(vw);
    int iu = 0;
    int iv = 0;
    double uCum = 0;
    double vCum = 0;
    double previous = Math.min(u[0], v[0]);
    double distance = 0;
    while (iu < u.length || iv < v.length) {
      double x =
          iv >= v.length ? u[iu] : iu >= u.length ? v[iv] : Math.min(u[iu], v[iv]);
      distance += Math.abs(uCum / uTotal - vCum / vTotal) * (x - previous);
      while (iu < u.length && u[iu] == x) {
        uCum += uw == null ? 1 : uw[iu];
        iu++;
      }
      while (iv < v.length && v[iv] == x) {
        vCum += vw == null ? 1 : vw[iv];
        iv++;
      }
      previous = x;
    }
    return distance;
  }

  private static double[] permute(double[] values, int[] order) {
    if (values == null) {
      return null;
    }
    double[] out = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = values[order[i]];
    }
    return out;
  }

  /**
   * Wasserstein distance over the reference's (population) standard deviation, floored at 0.001,
   * as Evidently's {@code wasserstein} drift method: a shift of one standard deviation scores 1.
   */
  public static double normalisedWasserstein(double[] reference, double[] current) {
    return wasserstein(reference, current) / Math.max(standardDeviation(reference), MIN_STD);
  }

  /** Population standard deviation (NumPy {@code np.std}). */
  public static double standardDeviation(double[] values) {
    double mean = sum(values) / values.length;
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / values.length);
  }

  /** Shares of counts, empty bins given {@link #EMPTY_BIN_SHARE} (then renormalised). */
  public static double[] shares(long[] counts) {
    double total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] shares = new double[counts.length];
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      shares[i] = counts[i] == 0 ? EMPTY_BIN_SHARE : counts[i] / total;
      sum += shares[i];
    }
    for (int i = 0; i < shares.length; i++) {
      shares[i] /= sum;
    }
    return shares;
  }

  /**
   * Inner edges at the reference's quantiles (at most {@code bins} bins; duplicate edges of
   * repeated values are merged). The outer bins are open: values beyond count in them.
   */
  public static double[] quantileEdges(double[] reference, int bins) {
    double[] sorted = reference.clone();
    Arrays.sort(sorted);
    double[] edges = new double[bins + 1];
    int n = 0;
    edges[n++] = sorted[0];
    for (int i = 1; i < bins; i++) {
      double q = sorted[(int) Math.floor((double) i * (sorted.length - 1) / bins)];
      if (q > edges[n - 1]) {
        edges[n++] = q;
      }
    }
    double max = sorted[sorted.length - 1];
    if (max > edges[n - 1]) {
      edges[n++] = max;
    } else if (n == 1) {
      edges[n++] = max + 1; // a constant feature: one bin
    }
    return Arrays.copyOf(edges, n);
  }

  /**
   * Edges of {@code ceil(log2(n)) + 1} equal bins over the range of both samples (NumPy's
   * {@code histogram_bin_edges(..., bins='sturges')}, as Evidently bins numeric features).
   */
  public static double[] sturgesEdges(double[] a, double[] b) {
    double min = Math.min(min(a), min(b));
    double max = Math.max(max(a), max(b));
    int n = a.length + b.length;
    int bins = (int) Math.ceil(Math.log(n) / Math.log(2)) + 1;
    if (max == min) {
      return new double[] {min - 0.5, max + 0.5};
    }
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = min + (max - min) * i / bins;
    }
    edges[bins] = max;
    return edges;
  }

  /** Counts of values in bins {@code [e_i, e_i+1)}, the last closed; values outside go to the outer bins. */
  public static long[] histogram(double[] values, double[] edges) {
    int bins = edges.length - 1;
    long[] counts = new long[bins];
    for (double v : values) {
      int i = Arrays.binarySearch(edges, v);
      int bin = i >= 0 ? i : -i - 2;
      counts[Math.max(0, Math.min(bins - 1, bin))]++;
    }
    return counts;
  }

  private static double relativeEntropy(double x, double y) {
    return x == 0 ? 0 : x * Math.log(x / y);
  }

  private static int[] order(double[] values) {
    return java.util.stream.IntStream.range(0, values.length)
        .boxed()
        .sorted((i, j) -> Double.compare(values[i], values[j]))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  private static double min(double[] values) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : values) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static double max(double[] values) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  private DriftStatistics() {}
}
