package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.monitoring.drift.DatasetDrift;
import io.modelops.orchestrator.web.html.Readable;
import java.util.List;
import java.util.UUID;

/**
 * The result of one health evaluation of a production version.
 *
 * @param drift the drift of the newest feature window against the reference; null when no new
 *     window arrived since the previous evaluation, or the version has no reference profile
 * @param causes every cause found now ({@code DATASET_DRIFT}, {@code DRIFT:<feature>}, {@code
 *     METRIC:<name>})
 * @param newCauses the causes that opened a new alert: only these trigger an action
 */
record HealthReport(
    UUID evaluationId,
    HealthStatus status,
    DatasetDrift drift,
    List<MetricBreach> breaches,
    List<String> causes,
    List<String> newCauses,
    String summary) {

  /** A metric whose mean over the interval is outside its limits. */
  public record MetricBreach(String metric, double mean, long samples, Double min, Double max) {
    public String describe() {
      String bound =
          max != null && mean > max
              ? "> max " + Readable.limit(max)
              : "< min " + Readable.limit(min);
      return metric
          + " mean "
          + Readable.number(mean)
          + " "
          + bound
          + " ("
          + samples
          + (samples == 1 ? " point)" : " points)");
    }
  }

  public boolean newAlert() {
    return !newCauses.isEmpty();
  }

  public boolean datasetDrift() {
    return drift != null && drift.datasetDrift();
  }

  public int driftedFeatures() {
    return drift == null ? 0 : drift.driftedFeatures();
  }
}
