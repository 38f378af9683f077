package io.modelops.orchestrator.validation;

import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Validation gates that apply to every model.
 *
 * @param metricThresholds absolute thresholds on declared metrics
 * @param requiredDocumentation documentation fields required per risk tier
 * @param metricsRequiredFor model types that must declare at least one evaluation metric
 */
@ConfigurationProperties("modelops.validation")
public record ValidationProperties(
    @DefaultValue List<MetricThreshold> metricThresholds,
    @DefaultValue Map<RiskTier, Set<DocumentationField>> requiredDocumentation,
    @DefaultValue({"ML", "LLM"}) Set<ModelType> metricsRequiredFor) {

  /**
   * A bound on one metric, e.g. {@code auc >= 0.75}.
   *
   * @param metric metric name as declared at registration
   * @param min inclusive lower bound, or null
   * @param max inclusive upper bound, or null
   * @param required whether a version without this metric fails
   * @param modelTypes model types the threshold applies to; all when empty
   */
  public record MetricThreshold(
      String metric, Double min, Double max, boolean required, Set<ModelType> modelTypes) {

    public MetricThreshold {
      if (metric == null || metric.isBlank()) {
        throw new IllegalArgumentException("modelops.validation.metric-thresholds: metric missing");
      }
      if (min == null && max == null) {
        throw new IllegalArgumentException(
            "modelops.validation.metric-thresholds: '" + metric + "' needs min or max");
      }
      modelTypes = modelTypes == null ? Set.of() : Set.copyOf(modelTypes);
    }

    boolean appliesTo(ModelType type) {
      return modelTypes.isEmpty() || modelTypes.contains(type);
    }

    String describe() {
      if (min != null && max != null) {
        return "between " + min + " and " + max;
      }
      return min != null ? ">= " + min : "<= " + max;
    }

    boolean isMet(double value) {
      return (min == null || value >= min) && (max == null || value <= max);
    }
  }

  /** Documentation a model version can carry. */
  public enum DocumentationField {
    OWNER,
    OWNER_EMAIL,
    DESCRIPTION,
    INTENDED_USE,
    LIMITATIONS,
    TRAINING_DATA_REF,
    SOURCE_COMMIT,
    MODEL_CARD
  }
}
