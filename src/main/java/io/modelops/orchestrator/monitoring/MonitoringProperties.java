package io.modelops.orchestrator.monitoring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Production monitoring settings.
 *
 * @param defaultInterval how often a production version's health is evaluated when its approval
 *     policy gives no {@code monitoringInterval} (e.g. a version restored by a rollback)
 * @param minSamples points a metric needs in an interval before its limits are checked
 * @param metricLimits limits of served metrics for every version; a version's own {@code
 *     monitoring.metricLimits} override them metric by metric. Defaults: {@code error_rate} at most
 *     0.05, {@code latency_p95_ms} at most 1000
 * @param trendLength how many earlier evaluations the triage form shows as a trend
 * @param alertWebhookUrl where alert events are POSTed (signed like deployment webhooks); none when
 *     empty
 * @param alertWebhookSecret shared secret of the alert webhook's HMAC-SHA256 signature
 * @param alertWebhookTimeout connect and read timeout of the alert webhook
 * @param metricsRefresh how often the operator gauges at {@code /actuator/prometheus} are read
 * @param quota how much monitoring data one version may send
 * @param retention how long monitoring data is kept
 * @param metricRanges the values a metric point may have, per metric name; a point outside its
 *     metric's range rejects the whole batch with 400. Defaults: rates and scores ({@code
 *     error_rate}, {@code accuracy}, {@code auc}, {@code precision}, {@code recall}, {@code f1},
 *     ...) in [0, 1], latencies and counts at least 0 (application.yaml lists them)
 * @param defaultMetricRange the range of a metric without one of its own: by default any value
 *     between -1e12 and 1e12 (finite values only, in every range)
 */
@ConfigurationProperties("modelops.monitoring")
public record MonitoringProperties(
    @DefaultValue("PT1H") Duration defaultInterval,
    @DefaultValue("5") int minSamples,
    Map<String, MonitoringProfile.MetricLimit> metricLimits,
    @DefaultValue("10") int trendLength,
    String alertWebhookUrl,
    String alertWebhookSecret,
    @DefaultValue("10s") Duration alertWebhookTimeout,
    @DefaultValue("30s") Duration metricsRefresh,
    @DefaultValue Quota quota,
    @DefaultValue Retention retention,
    Map<String, MetricRange> metricRanges,
    MetricRange defaultMetricRange) {

  /**
   * The closed interval a metric's values must lie in; an open end is unbounded. Values are always
   * finite.
   */
  public record MetricRange(Double min, Double max) {
    public MetricRange {
      if (min != null && !Double.isFinite(min) || max != null && !Double.isFinite(max)) {
        throw new IllegalArgumentException("A metric range has finite bounds: " + min + ", " + max);
      }
      if (min != null && max != null && min > max) {
        throw new IllegalArgumentException("A metric range needs min <= max: " + min + ", " + max);
      }
    }

    public boolean contains(double value) {
      return Double.isFinite(value)
          && (min == null || value >= min)
          && (max == null || value <= max);
    }

    @Override
    public String toString() {
      return "["
          + (min == null ? "-inf" : MetricRanges.format(min))
          + ", "
          + (max == null ? "+inf" : MetricRanges.format(max))
          + "]";
    }
  }

  /** Rates and scores in [0, 1]. */
  private static final MetricRange RATE = new MetricRange(0.0, 1.0);

  /** Latencies, counts, sizes: at least 0. */
  private static final MetricRange NON_NEGATIVE = new MetricRange(0.0, null);

  /**
   * Quotas per model version and UTC day of receipt. A batch or window over a quota is refused
   * whole (429) and nothing of it is stored.
   *
   * @param metricPointsPerDay metric points a version may send per day
   * @param featureWindowsPerDay feature windows a version may send per day
   * @param valuesPerWindow raw values, bins and categories of all features of one window together
   *     (400 above)
   */
  public record Quota(
      @DefaultValue("10000000") long metricPointsPerDay,
      @DefaultValue("200") int featureWindowsPerDay,
      @DefaultValue("100000") int valuesPerWindow) {}

  /**
   * Removal of old monitoring data.
   *
   * @param period metric points observed, and feature windows received, longer ago than this are
   *     removed, except what the next health evaluation or a running canary analysis still reads
   *     and the windows that stored evaluations refer to
   * @param cron when the cleanup runs (Spring cron, server time zone); "-" turns it off
   * @param batchSize rows removed per short transaction
   */
  public record Retention(
      @DefaultValue("P90D") Duration period,
      @DefaultValue("0 30 2 * * *") String cron,
      @DefaultValue("5000") int batchSize) {}

  public MonitoringProperties {
    if (metricLimits == null || metricLimits.isEmpty()) {
      metricLimits =
          Map.of(
              "error_rate", new MonitoringProfile.MetricLimit(null, 0.05),
              "latency_p95_ms", new MonitoringProfile.MetricLimit(null, 1000.0));
    }
    if (metricRanges == null || metricRanges.isEmpty()) {
      metricRanges = new java.util.HashMap<>();
      for (String rate : List.of("error_rate", "accuracy", "auc", "precision", "recall", "f1")) {
        metricRanges.put(rate, RATE);
      }
      for (String amount :
          List.of("latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "request_count")) {
        metricRanges.put(amount, NON_NEGATIVE);
      }
    }
    metricRanges = Map.copyOf(metricRanges);
    if (defaultMetricRange == null) {
      defaultMetricRange = new MetricRange(-1e12, 1e12);
    }
  }

  @Override
  public String toString() {
    return "MonitoringProperties[defaultInterval="
        + defaultInterval
        + ", minSamples="
        + minSamples
        + ", metricLimits="
        + metricLimits
        + ", metricRanges="
        + metricRanges
        + ", defaultMetricRange="
        + defaultMetricRange
        + ", quota="
        + quota
        + ", retention="
        + retention
        + ", alertWebhookUrl="
        + alertWebhookUrl
        + ", alertWebhookSecret="
        + (alertWebhookSecret == null || alertWebhookSecret.isEmpty() ? "" : "******")
        + "]";
  }
}
