package io.modelops.orchestrator.validation;

/**
 * A gate on one metric, with the semantics of MLflow's {@code MetricThreshold}: an absolute bound
 * and, when a champion is in production, bounds relative to the champion's value.
 *
 * @param metric metric name as declared at registration
 * @param minValue the value must be at least this (absolute), or null
 * @param maxValue the value must be at most this (absolute), or null
 * @param higherIsBetter direction of improvement, for the relative bounds
 * @param minAbsoluteChange the candidate must be better than the champion by at least this, or null
 * @param minRelativeChange the candidate must be better than the champion by at least this fraction
 *     of the champion's value, or null
 * @param maxDegradation the candidate may be worse than the champion by at most this, or null
 * @param required whether a version that does not declare the metric fails
 */
public record MetricGate(
    String metric,
    Double minValue,
    Double maxValue,
    boolean higherIsBetter,
    Double minAbsoluteChange,
    Double minRelativeChange,
    Double maxDegradation,
    boolean required) {

  boolean hasAbsoluteBound() {
    return minValue != null || maxValue != null;
  }

  boolean hasRelativeBound() {
    return minAbsoluteChange != null || minRelativeChange != null || maxDegradation != null;
  }

  String describeAbsolute() {
    if (minValue != null && maxValue != null) {
      return "between " + minValue + " and " + maxValue;
    }
    return minValue != null ? ">= " + minValue : "<= " + maxValue;
  }

  boolean meetsAbsolute(double value) {
    return (minValue == null || value >= minValue) && (maxValue == null || value <= maxValue);
  }
}
