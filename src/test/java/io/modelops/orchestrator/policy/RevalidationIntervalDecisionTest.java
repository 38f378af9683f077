package io.modelops.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of {@code processes/revalidation-interval.dmn}: each effective tier. */
@Deployment(resources = "processes/revalidation-interval.dmn")
class RevalidationIntervalDecisionTest {

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder()
          .configurationResource("process-test.camunda.cfg.xml")
          .build();

  @ParameterizedTest(name = "{0} tier -> revalidation {1}, attestation {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        "HIGH    | P1Y | P3M  | P30D | P7D  | P14D",
        "MEDIUM  | P2Y | P6M  | P60D | P14D | P30D",
        "LOW     | P3Y | none | P90D | P30D | P60D",
        // a tier the table does not know gets the shortest intervals, as HIGH
        "UNKNOWN | P1Y | P3M  | P30D | P7D  | P14D",
      })
  void shouldGiveTheIntervalsOfEachTier(
      String tier,
      String revalidation,
      String attestation,
      String recheck,
      String reminder,
      String escalation) {
    Map<String, Object> result =
        ENGINE
            .getDecisionService()
            .evaluateDecisionByKey("revalidation-interval")
            .variables(Variables.createVariables().putValue("riskTier", tier))
            .evaluate()
            .getSingleResult()
            .getEntryMap();
    assertThat(result)
        .containsEntry("revalidationInterval", revalidation)
        .containsEntry("attestationInterval", attestation)
        .containsEntry("recheckInterval", recheck)
        .containsEntry("reminderAfter", reminder)
        .containsEntry("escalationAfter", escalation);
  }
}
