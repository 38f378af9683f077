package io.modelops.orchestrator.deployment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Success conditions of a canary, checked by "Analyze canary" on the metrics ingested for the
 * canary and the production version during the canary window (as Argo Rollouts' analysis).
 *
 * @param minSamples points of each required metric the canary needs for a verdict; fewer make the
 *     analysis inconclusive (a person decides)
 * @param maxErrorRate absolute upper bound of the canary's mean {@code error_rate}
 * @param maxErrorRateIncrease how much higher than production's the canary's error rate may be
 * @param maxLatencyMs absolute upper bound of the canary's mean {@code latency_p95_ms}
 * @param maxLatencyIncrease relative increase of latency over production allowed (0.2 = 20 %)
 * @param qualityMetric the primary quality metric compared when both report it (e.g. accuracy)
 * @param maxQualityDrop how much lower than production's the canary's quality may be
 */
@ConfigurationProperties("modelops.deployment.canary")
public record CanaryProperties(
    @DefaultValue("5") int minSamples,
    @DefaultValue("0.05") double maxErrorRate,
    @DefaultValue("0.01") double maxErrorRateIncrease,
    @DefaultValue("1000") double maxLatencyMs,
    @DefaultValue("0.2") double maxLatencyIncrease,
    @DefaultValue("accuracy") String qualityMetric,
    @DefaultValue("0.02") double maxQualityDrop) {}
