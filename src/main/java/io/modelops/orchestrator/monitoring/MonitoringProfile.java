package io.modelops.orchestrator.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.modelops.orchestrator.catalog.FiniteNumber;
import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.monitoring.drift.DriftMethod;
import io.modelops.orchestrator.monitoring.drift.DriftThresholds;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * How a version is watched in production, given at registration: the reference distribution of each
 * feature (from training or validation data), optional overrides of the drift thresholds, and
 * limits of the metrics serving reports.
 */
@Schema(description = "Reference profile and monitoring settings of a version")
public record MonitoringProfile(
    @Schema(description = "Reference distribution per feature (the data the model was trained on)")
        @NotNull
        @Size(min = 1, max = MonitoringProfile.MAX_FEATURES)
        Map<
                @Pattern(regexp = Patterns.METRIC, message = Patterns.METRIC_MESSAGE) String,
                @NotNull @Valid FeatureSpec>
            reference,
    @Valid DriftSettings drift,
    @Schema(
            description =
                "Limits of served metrics over a monitoring interval, e.g."
                    + " {\"error_rate\": {\"max\": 0.05}, \"accuracy\": {\"min\": 0.85}}")
        @Size(max = 50)
        Map<
                @Pattern(regexp = Patterns.METRIC, message = Patterns.METRIC_MESSAGE) String,
                @NotNull @Valid MetricLimit>
            metricLimits) {

  public static final int MAX_FEATURES = 200;

  /**
   * Overrides of the drift defaults (Evidently's): any field left out keeps its default.
   *
   * @param smallReferenceLimit up to this many reference rows, KS / chi-squared tests are used;
   *     above, Wasserstein / Jensen-Shannon distances
   * @param methods a fixed method per feature
   */
  @Schema(description = "Overrides of the drift defaults; omitted fields keep Evidently's defaults")
  public record DriftSettings(
      @Schema(example = "1000") @Min(1) @Max(100_000_000) Integer smallReferenceLimit,
      @Schema(example = "0.05")
          @FiniteNumber
          @DecimalMin(value = "0", inclusive = false)
          @DecimalMax(value = "1", inclusive = false)
          Double pValue,
      @Schema(example = "0.1") @FiniteNumber @DecimalMin(value = "0", inclusive = false)
          Double wasserstein,
      @Schema(example = "0.1")
          @FiniteNumber
          @DecimalMin(value = "0", inclusive = false)
          @DecimalMax("1")
          Double jensenShannon,
      @Schema(example = "0.1") @FiniteNumber @DecimalMin(value = "0", inclusive = false) Double psi,
      @Schema(example = "0.5")
          @FiniteNumber
          @DecimalMin(value = "0", inclusive = false)
          @DecimalMax("1")
          Double driftShare,
      @Schema(example = "{\"amount\": \"PSI\"}") @Size(max = MAX_FEATURES)
          Map<
                  @Pattern(regexp = Patterns.METRIC, message = Patterns.METRIC_MESSAGE) String,
                  @NotNull DriftMethod>
              methods) {}

  /** Bounds of a metric's mean over a monitoring interval; at least one of them. */
  public record MetricLimit(
      @Schema(example = "0.85") @FiniteNumber Double min,
      @Schema(example = "0.05") @FiniteNumber Double max) {
    @JsonIgnore
    @AssertTrue(message = "give min, max or both, with min <= max")
    public boolean isBounded() {
      return (min != null || max != null) && (min == null || max == null || min <= max);
    }
  }

  /** The drift thresholds of this version: the defaults with this profile's overrides. */
  public DriftThresholds thresholds() {
    DriftThresholds d = DriftThresholds.defaults();
    if (drift == null) {
      return d;
    }
    return new DriftThresholds(
        drift.smallReferenceLimit() == null ? d.smallReferenceLimit() : drift.smallReferenceLimit(),
        drift.pValue() == null ? d.pValue() : drift.pValue(),
        drift.wasserstein() == null ? d.wasserstein() : drift.wasserstein(),
        drift.jensenShannon() == null ? d.jensenShannon() : drift.jensenShannon(),
        drift.psi() == null ? d.psi() : drift.psi(),
        drift.driftShare() == null ? d.driftShare() : drift.driftShare(),
        drift.methods() == null ? d.methodPerFeature() : Map.copyOf(drift.methods()),
        d.numericMethod(),
        d.categoricalMethod());
  }
}
