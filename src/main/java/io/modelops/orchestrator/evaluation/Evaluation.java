package io.modelops.orchestrator.evaluation;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * An independent evaluation of a model version: the request the orchestrator opened (candidate, the
 * champion in production at that time, the model's evaluation dataset as registered) and, once an
 * evaluator posted them, the metrics it computed on that dataset.
 *
 * @param candidate the version under evaluation
 * @param champion the production version scored on the same dataset, or null when there was none
 * @param evaluatedBy the evaluator who posted the results, or null
 */
public record Evaluation(
    UUID id,
    String model,
    EvaluationStatus status,
    Scored candidate,
    Scored champion,
    UUID datasetId,
    String datasetUri,
    String datasetSha256,
    OffsetDateTime requestedAt,
    OffsetDateTime finishedAt,
    String evaluatedBy,
    String failureReason) {

  /**
   * One version scored by the evaluation.
   *
   * @param metrics the computed metrics, or null while the evaluation is open
   * @param rows rows of the dataset the evaluator scored, or null
   */
  public record Scored(
      UUID versionId, String version, String artifactUri, Map<String, Double> metrics, Long rows) {}

  public boolean completed() {
    return status == EvaluationStatus.COMPLETED;
  }
}
