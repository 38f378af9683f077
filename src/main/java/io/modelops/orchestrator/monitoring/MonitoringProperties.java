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
    @DefaultValue("30s") Duration metricsRefresh) {

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
        + ", metricLimits=" + metricLimits + ", alertWebhookUrl=" + alertWebhookUrl
        + ", alertWebhookSecret=" + (alertWebhookSecret == null || alertWebhookSecret.isEmpty() ? "" : "******") + "]";
  }
}
