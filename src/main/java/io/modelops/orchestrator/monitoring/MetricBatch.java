package io.modelops.orchestrator.monitoring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A batch of metric points, as serving systems or CI send them. */
public record MetricBatch(
    @NotEmpty @Size(max = MetricBatch.MAX_POINTS) List<@Valid @NotNull MetricPoint> points) {
  public static final int MAX_POINTS = 10_000;
}
