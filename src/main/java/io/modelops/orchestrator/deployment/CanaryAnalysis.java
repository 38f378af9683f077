package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.monitoring.MetricPointRepository;
import io.modelops.orchestrator.monitoring.MetricPointRepository.Stats;
import io.modelops.orchestrator.monitoring.MonitoringIdentities;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Compares a canary with the production version over the canary window: error rate and latency
 * against absolute bounds and against production, and the primary quality metric against
 * production. Too few samples make the result inconclusive rather than a guess.
 *
 * <p>Only points posted by monitoring identities count ({@link MonitoringIdentities}): never the
 * registrant's of the version they describe.
 */
@Service
public class CanaryAnalysis {

  public static final String ERROR_RATE = "error_rate";
  public static final String LATENCY = "latency_p95_ms";

  /** The outcome of an analysis. */
  public enum Verdict {
    HEALTHY,
    UNHEALTHY,
    INCONCLUSIVE
  }

  /** A verdict with one line per condition. */
  public record Result(Verdict verdict, List<String> findings) {
    public String report() {
      return verdict + "\n" + String.join("\n", findings);
    }
  }

  private final MetricPointRepository metrics;
  private final CanaryProperties properties;
  private final CatalogRepository catalog;
  private final MonitoringIdentities identities;

  public CanaryAnalysis(
      MetricPointRepository metrics,
      CanaryProperties properties,
      CatalogRepository catalog,
      MonitoringIdentities identities) {
    this.metrics = metrics;
    this.properties = properties;
    this.catalog = catalog;
    this.identities = identities;
  }

  /**
   * Analyzes the window.
   *
   * @param production the version serving production next to the canary, or null
   */
  public Result analyze(UUID canary, UUID production, OffsetDateTime from, OffsetDateTime to) {
    List<String> findings = new ArrayList<>();
    boolean failed = false;
    boolean inconclusive = false;
    Set<String> canaryPosters = posters(canary);
    Set<String> productionPosters = production == null ? Set.of() : posters(production);

    Stats errors = metrics.stats(canary, ERROR_RATE, from, to, canaryPosters);
    Stats latency = metrics.stats(canary, LATENCY, from, to, canaryPosters);
    for (var required :
        List.of(new Object[] {ERROR_RATE, errors}, new Object[] {LATENCY, latency})) {
      Stats stats = (Stats) required[1];
      if (stats.count() < properties.minSamples()) {
        inconclusive = true;
        findings.add(
            "INCONCLUSIVE "
                + required[0]
                + ": "
                + stats.count()
                + " sample(s), at least "
                + properties.minSamples()
                + " needed");
      }
    }
    Stats prodErrors =
        production == null
            ? null
            : sufficient(metrics.stats(production, ERROR_RATE, from, to, productionPosters));
    Stats prodLatency =
        production == null
            ? null
            : sufficient(metrics.stats(production, LATENCY, from, to, productionPosters));

    if (errors.count() >= properties.minSamples()) {
      failed |=
          check(
              findings,
              ERROR_RATE + " <= " + properties.maxErrorRate(),
              errors.mean(),
              errors.mean() <= properties.maxErrorRate());
      if (prodErrors != null) {
        double bound = prodErrors.mean() + properties.maxErrorRateIncrease();
        failed |=
            check(
                findings,
                ERROR_RATE
                    + " <= production "
                    + format(prodErrors.mean())
                    + " + "
                    + properties.maxErrorRateIncrease(),
                errors.mean(),
                errors.mean() <= bound);
      }
    }
    if (latency.count() >= properties.minSamples()) {
      failed |=
          check(
              findings,
              LATENCY + " <= " + properties.maxLatencyMs(),
              latency.mean(),
              latency.mean() <= properties.maxLatencyMs());
      if (prodLatency != null) {
        double bound = prodLatency.mean() * (1 + properties.maxLatencyIncrease());
        failed |=
            check(
                findings,
                LATENCY
                    + " <= production "
                    + format(prodLatency.mean())
                    + " + "
                    + format(properties.maxLatencyIncrease() * 100)
                    + " %",
                latency.mean(),
                latency.mean() <= bound);
      }
    }
    String quality = properties.qualityMetric();
    Stats canaryQuality = sufficient(metrics.stats(canary, quality, from, to, canaryPosters));
    Stats prodQuality =
        production == null
            ? null
            : sufficient(metrics.stats(production, quality, from, to, productionPosters));
    if (canaryQuality != null && prodQuality != null) {
      failed |=
          check(
              findings,
              quality
                  + " >= production "
                  + format(prodQuality.mean())
                  + " - "
                  + properties.maxQualityDrop(),
              canaryQuality.mean(),
              canaryQuality.mean() >= prodQuality.mean() - properties.maxQualityDrop());
    }
    if (production != null && prodErrors == null) {
      findings.add("NOTE production has too few samples: compared with absolute bounds only");
    }
    Verdict verdict =
        failed ? Verdict.UNHEALTHY : inconclusive ? Verdict.INCONCLUSIVE : Verdict.HEALTHY;
    return new Result(verdict, findings);
  }

  /** The identities whose points about the version count. */
  private Set<String> posters(UUID versionId) {
    return identities.trustedPosters(
        catalog
            .findVersion(versionId)
            .orElseThrow(() -> new IllegalStateException("No model version " + versionId)));
  }

  private Stats sufficient(Stats stats) {
    return stats.count() >= properties.minSamples() ? stats : null;
  }

  /** Adds a finding; returns true when the condition failed. */
  private static boolean check(
      List<String> findings, String condition, double observed, boolean ok) {
    findings.add((ok ? "PASS " : "FAIL ") + condition + " (observed " + format(observed) + ")");
    return !ok;
  }

  static String format(double value) {
    return new java.math.BigDecimal(value)
        .round(new java.math.MathContext(4))
        .stripTrailingZeros()
        .toPlainString();
  }
}
