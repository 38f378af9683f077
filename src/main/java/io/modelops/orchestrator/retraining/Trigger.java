package io.modelops.orchestrator.retraining;

import java.time.OffsetDateTime;

/** One reason to retrain: a drift alert, the schedule or a manual request. */
record Trigger(
    String kind, String reason, String requestedBy, OffsetDateTime requestedAt, String dedupKey) {

  public static final String DRIFT = "DRIFT";
  public static final String SCHEDULE = "SCHEDULE";
  public static final String MANUAL = "MANUAL";
}
