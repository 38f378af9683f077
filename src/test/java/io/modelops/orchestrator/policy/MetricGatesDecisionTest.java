package io.modelops.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.validation.DmnMetricGatePolicy;
import io.modelops.orchestrator.validation.MetricGate;
import java.util.List;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every rule of {@code processes/metric-gates.dmn}, read through {@link DmnMetricGatePolicy}. */
@Deployment(resources = "processes/metric-gates.dmn")
class MetricGatesDecisionTest {

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder()
          .configurationResource("process-test.camunda.cfg.xml")
          .build();

  private List<MetricGate> gates(ModelType type, RiskTier tier) {
    return new DmnMetricGatePolicy(ENGINE.getDecisionService()).gatesFor(type, tier);
  }

  @Test
  void shouldGateClassifiersOnAucAccuracyF1AndLatency() {
    assertThat(gates(ModelType.ML, RiskTier.MEDIUM))
        .extracting(
            MetricGate::metric,
            MetricGate::minValue,
            MetricGate::maxValue,
            MetricGate::higherIsBetter,
            MetricGate::maxDegradation,
            MetricGate::required)
        .containsExactly(
            tuple("auc", 0.7, null, true, 0.01, false),
            tuple("accuracy", 0.7, null, true, 0.02, false),
            tuple("f1", 0.5, null, true, 0.02, false),
            tuple("latency_p95_ms", null, 500.0, false, 50.0, false));
  }

  @Test
  void shouldRequireAHigherAucWithoutDegradationForHighRisk() {
    assertThat(gates(ModelType.ML, RiskTier.HIGH))
        .filteredOn(g -> g.metric().equals("auc"))
        .extracting(MetricGate::minValue, MetricGate::maxDegradation, MetricGate::required)
        .containsExactly(tuple(0.75, 0.0, true));
  }

  @Test
  void shouldGateLanguageModelsOnToxicity() {
    assertThat(gates(ModelType.LLM, RiskTier.LOW))
        .extracting(MetricGate::metric, MetricGate::maxValue, MetricGate::higherIsBetter)
        .containsExactly(
            tuple("toxicity_rate", 0.01, false), tuple("latency_p95_ms", 500.0, false));
  }

  @Test
  void shouldOnlyGateLatencyOfDecisionModels() {
    assertThat(gates(ModelType.DMN, RiskTier.HIGH))
        .extracting(MetricGate::metric)
        .containsExactly("latency_p95_ms");
  }
}
