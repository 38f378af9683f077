package io.modelops.orchestrator.evaluation;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How declared metrics are compared with the computed ones of an independent evaluation.
 *
 * @param tolerance largest absolute difference between a declared and a computed metric that still
 *     counts as a match (check {@code declared-metrics-match})
 * @param tolerances a tolerance of its own per metric name, overriding {@code tolerance}
 */
@ConfigurationProperties("modelops.evaluation")
public record EvaluationProperties(
    @DefaultValue("0.02") double tolerance, Map<String, Double> tolerances) {

  public EvaluationProperties {
    tolerances = tolerances == null ? Map.of() : Map.copyOf(tolerances);
  }

  /** The tolerance of one metric. */
  public double toleranceFor(String metric) {
    Double own = tolerances.get(metric);
    return own != null ? own : tolerance;
  }
}
