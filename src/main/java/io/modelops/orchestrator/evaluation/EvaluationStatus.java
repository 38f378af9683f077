package io.modelops.orchestrator.evaluation;

/** Where an evaluation request stands. */
public enum EvaluationStatus {
  /** Waiting for an evaluator's results. */
  OPEN,
  /** Results stored: candidate and, when there is one, champion metrics computed. */
  COMPLETED,
  /** The evaluator reported a business failure (e.g. the dataset changed). */
  FAILED
}
