package io.modelops.orchestrator.validation;

import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import java.util.List;

/** Which metric gates apply to a model version. */
interface MetricGatePolicy {
  List<MetricGate> gatesFor(ModelType modelType, RiskTier riskTier);

  /**
   * The gates, knowing whether the metrics they apply to were computed by an independent evaluation
   * (true) or only declared by the registrant (false).
   */
  default List<MetricGate> gatesFor(
      ModelType modelType, RiskTier riskTier, boolean independentlyEvaluated) {
    return gatesFor(modelType, riskTier);
  }
}
