package io.modelops.orchestrator.retraining;

/** Where a retraining run is. */
enum RetrainingStatus {
  /** Recorded before training was dispatched (older runs). */
  RECORDED,
  /** Waiting for the training worker or pipeline. */
  TRAINING,
  /** The candidate version is registered and in its own lifecycle. */
  CANDIDATE,
  /** The candidate replaced the champion in production. */
  PROMOTED,
  /** The candidate was rejected, rolled back, stopped or superseded. */
  NOT_PROMOTED,
  /** The training produced no candidate (no better model, failed run, invalid result). */
  NO_CANDIDATE
}
