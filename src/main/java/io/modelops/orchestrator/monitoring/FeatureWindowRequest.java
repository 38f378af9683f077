package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.catalog.Patterns;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Map;

/** The distribution of the features a served version saw in a time window. */
@Schema(description = "Feature distributions observed in served traffic")
record FeatureWindowRequest(
    @Schema(example = "2026-11-23T10:00:00Z", description = "End of the window; now when omitted")
        @ObservationTime
        OffsetDateTime observedAt,
    @NotNull @Size(min = 1, max = MonitoringProfile.MAX_FEATURES)
        Map<
                @Pattern(regexp = Patterns.METRIC, message = Patterns.METRIC_MESSAGE) String,
                @NotNull @Valid FeatureSpec>
            features) {}
