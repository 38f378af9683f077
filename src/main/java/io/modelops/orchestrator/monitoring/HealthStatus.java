package io.modelops.orchestrator.monitoring;

/** The outcome of a health evaluation. */
public enum HealthStatus {
  /** No drift, no metric limit breached. */
  HEALTHY,
  /** Some features (or the dataset) drift; the metrics are within their limits. */
  DRIFTING,
  /** A metric limit is breached. */
  DEGRADED,
  /** Nothing to evaluate yet: no feature window and too few metric points. */
  NO_DATA
}
