package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.catalog.FiniteNumber;
import io.modelops.orchestrator.catalog.Patterns;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;

/** One observation of a metric of a served model version. */
record MetricPoint(
    @Schema(example = "error_rate")
        @NotBlank
        @Pattern(regexp = Patterns.METRIC, message = Patterns.METRIC_MESSAGE)
        String name,
    @Schema(example = "0.012") @NotNull @FiniteNumber Double value,
    @Schema(
            example = "2026-11-23T10:15:00Z",
            description = "When it was observed; now when omitted")
        @ObservationTime
        OffsetDateTime timestamp,
    @Schema(example = "eu-west") @Pattern(regexp = Patterns.GROUP, message = Patterns.GROUP_MESSAGE)
        String segment) {}
