package io.modelops.orchestrator.retraining;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A retraining run as the API shows it, with every trigger recorded on it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RetrainingView(
    UUID id,
    String model,
    String championVersion,
    RetrainingStatus status,
    String trainingDataRef,
    String candidateVersion,
    String outcome,
    OffsetDateTime requestedAt,
    OffsetDateTime finishedAt,
    String processInstanceId,
    List<TriggerView> triggers,
    RetrainingRequests.Outcome triggerOutcome) {

  /** One trigger of the run; the first started it. */
  public record TriggerView(
      String kind, String reason, String requestedBy, OffsetDateTime requestedAt) {}

  static RetrainingView of(
      Retraining r, List<Trigger> triggers, RetrainingRequests.Outcome triggerOutcome) {
    return new RetrainingView(
        r.id(),
        r.modelName(),
        r.championVersion(),
        r.status(),
        r.trainingDataRef(),
        r.candidateVersion(),
        r.outcome(),
        r.requestedAt(),
        r.finishedAt(),
        r.processInstanceId(),
        triggers.stream()
            .map(t -> new TriggerView(t.kind(), t.reason(), t.requestedBy(), t.requestedAt()))
            .toList(),
        triggerOutcome);
  }
}
