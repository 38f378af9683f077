package io.modelops.orchestrator.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What served a model at a moment, and the history it was derived from.
 *
 * @param production the version with production traffic at {@code at}, or null
 * @param canary the canary next to it at {@code at}, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StagesView(
    String model, OffsetDateTime at, Serving production, Serving canary, List<StageEvent> history) {

  /** A version serving a stage since an event. */
  public record Serving(String version, int trafficPercent, OffsetDateTime since) {}
}
