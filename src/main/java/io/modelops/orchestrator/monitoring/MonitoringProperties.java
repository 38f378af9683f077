package io.modelops.orchestrator.monitoring;

import java.time.Duration;
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
 *     monitoring.metricLimits} override them metric by metric. Defaults: {@code error_rate} at
 *     most 0.05, {@code latency_p95_ms} at most 1000
 * @param trendLength how many earlier evaluations the triage form shows as a trend
 * @param alertWebhookUrl where alert events are POSTed (signed like deployment webhooks); none
 *     when empty
 * @param alertWebhookSecret shared secret of the alert webhook's HMAC-SHA256 signature
 * @param alertWebhookTimeout connect and read timeout of the alert webhook
 * @param metricsRefresh how often the operator gauges at {@code /actuator/prometheus} are read
 * @param quota how much monitoring data one version may send
 * @param retention how long monitoring data is kept
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
    @DefaultValue Retention retention) {

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
  }

  @Override
  public String toString() {
    return "MonitoringProperties[defaultInterval=" + defaultInterval + ", minSamples=" + minSamples
        + ", metricLimits=" + metricLimits + ", quota=" + quota + ", retention=" + retention
        + ", alertWebhookUrl=" + alertWebhookUrl
        + ", alertWebhookSecret=" + (alertWebhookSecret == null || alertWebhookSecret.isEmpty() ? "" : "******") + "]";
  }
}
