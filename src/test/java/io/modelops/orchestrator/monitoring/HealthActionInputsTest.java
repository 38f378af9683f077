package io.modelops.orchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.deployment.StageLedger;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.TestVersions;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * "Determine health action" decides on the stored health evaluation and the catalog, not on the
 * lifecycle's variables: a user who edits {@code newAlert}, {@code datasetDrift} or {@code
 * riskTier} between the evaluation and the decision changes nothing.
 */
class HealthActionInputsTest {

  @Test
  @SuppressWarnings("unchecked")
  void shouldDecideOnTheStoredEvaluationAndTheCatalogNotOnEditedVariables() {
    // given: a HIGH version whose latest stored evaluation found dataset drift and a new alert,
    // and variables edited to say the opposite
    ModelVersion version = TestVersions.complete("{}"); // HIGH
    CatalogRepository catalog = mock(CatalogRepository.class);
    when(catalog.requireVersionOfLifecycle("pi-1")).thenReturn(version);
    MonitoringRepository repository = mock(MonitoringRepository.class);
    when(repository.evaluations(version.id(), 1))
        .thenReturn(
            List.of(
                new MonitoringRepository.Evaluation(
                    UUID.randomUUID(),
                    version.id(),
                    OffsetDateTime.now(),
                    null,
                    HealthStatus.DEGRADED,
                    true,
                    0.6,
                    3,
                    0.4,
                    "error_rate mean 0.2 > max 0.05 (10 points)",
                    "DATASET_DRIFT,METRIC:error_rate",
                    "DATASET_DRIFT",
                    null)));
    StageLedger ledger = mock(StageLedger.class);
    when(ledger.previousProductionVersion(version.modelId(), version.id()))
        .thenReturn(Optional.of(UUID.randomUUID()));
    DelegateExecution execution = mock(DelegateExecution.class, RETURNS_DEEP_STUBS);
    when(execution.getProcessInstanceId()).thenReturn("pi-1");
    when(execution.getVariable(any())).thenReturn(false); // edited: nothing new, no drift
    var evaluation =
        execution
            .getProcessEngineServices()
            .getDecisionService()
            .evaluateDecisionByKey(ModelLifecycle.DECISION_HEALTH_POLICY);
    when(evaluation.variables(any(Map.class))).thenReturn(evaluation);
    when(evaluation.evaluate().getSingleResult().getSingleEntry()).thenReturn("rollback");
    HealthMonitoring monitoring =
        new HealthMonitoring(
            catalog,
            null,
            ledger,
            null,
            repository,
            null,
            null,
            new MonitoringProperties(
                null, 5, null, 10, null, null, null, null, null, null, null, null),
            null,
            Clock.systemUTC());

    // when
    String action = monitoring.determineAction(execution);

    // then
    assertThat(action).isEqualTo("rollback");
    ArgumentCaptor<Map<String, Object>> inputs = ArgumentCaptor.forClass(Map.class);
    verify(evaluation).variables(inputs.capture());
    assertThat(inputs.getValue())
        .containsEntry("newAlert", true)
        .containsEntry("metricBreaches", 1)
        .containsEntry("previousVersionExists", true)
        .containsEntry("datasetDrift", true)
        .containsEntry("driftedFeatures", 3)
        .containsEntry("riskTier", "HIGH");
  }
}
