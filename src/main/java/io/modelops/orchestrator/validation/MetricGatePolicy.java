package io.modelops.orchestrator.validation;

import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import java.util.List;

/** Which metric gates apply to a model version. */
interface MetricGatePolicy {
  List<MetricGate> gatesFor(ModelType modelType, RiskTier riskTier);
}
