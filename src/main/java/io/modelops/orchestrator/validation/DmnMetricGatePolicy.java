package io.modelops.orchestrator.validation;

import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Metric gates from the DMN table {@code metric-gates} ({@code processes/metric-gates.dmn}), so a
 * model risk officer changes them in Camunda Modeler without code. Always the latest deployed
 * version of the table.
 */
@Component
public class DmnMetricGatePolicy implements MetricGatePolicy {

  public static final String DECISION_KEY = "metric-gates";

  private final DecisionService decisionService;

  public DmnMetricGatePolicy(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  @Override
  public List<MetricGate> gatesFor(ModelType modelType, RiskTier riskTier) {
    return gatesFor(modelType, riskTier, false);
  }

  /**
   * Besides {@code modelType} and {@code riskTier}, the table may read {@code
   * independentlyEvaluated}: true when the gates apply to metrics an evaluator computed on the
   * model's evaluation dataset, false when they apply to the registrant's declared ones (e.g. to
   * ask more of declared metrics, or to require an evaluation for high risk).
   */
  @Override
  public List<MetricGate> gatesFor(
      ModelType modelType, RiskTier riskTier, boolean independentlyEvaluated) {
    DmnDecisionResult result =
        decisionService
            .evaluateDecisionByKey(DECISION_KEY)
            .variables(
                Variables.createVariables()
                    .putValue("modelType", modelType.name())
                    .putValue("riskTier", riskTier.name())
                    .putValue("independentlyEvaluated", independentlyEvaluated))
            .evaluate();
    return result.getResultList().stream().map(DmnMetricGatePolicy::gate).toList();
  }

  static MetricGate gate(Map<String, Object> row) {
    return new MetricGate(
        (String) row.get("metric"),
        number(row.get("minValue")),
        number(row.get("maxValue")),
        !Boolean.FALSE.equals(row.get("higherIsBetter")),
        number(row.get("minAbsoluteChange")),
        number(row.get("minRelativeChange")),
        number(row.get("maxDegradation")),
        Boolean.TRUE.equals(row.get("required")));
  }

  private static Double number(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }
}
