/**
 * Data drift statistics: compares the distribution of each feature in current data (for example a
 * day of production traffic) with a reference (for example the training or validation data).
 *
 * <p>{@link io.modelops.orchestrator.monitoring.drift.DriftStatistics} has the statistics as static
 * methods (Population Stability Index, two-sample Kolmogorov–Smirnov, Jensen–Shannon distance,
 * normalised Wasserstein distance, χ² goodness of fit), each documented with the SciPy or Evidently
 * function whose results it reproduces. {@link
 * io.modelops.orchestrator.monitoring.drift.DriftDetector} picks a statistic per feature the way
 * Evidently does by default and aggregates the per-feature results into a dataset-level verdict.
 *
 * <p>Plain Java: no Spring beans, no process engine, no I/O; all types are immutable and
 * thread-safe.
 */
package io.modelops.orchestrator.monitoring.drift;
