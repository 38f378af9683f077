package io.modelops.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.process.ModelLifecycle;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of {@code processes/health-policy.dmn}, evaluated by the engine. */
@Deployment(resources = "processes/health-policy.dmn")
class HealthPolicyDecisionTest {

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder()
          .configurationResource("process-test.camunda.cfg.xml")
          .build();

  private String action(
      boolean newAlert,
      int metricBreaches,
      boolean previousVersionExists,
      boolean datasetDrift,
      int driftedFeatures,
      String riskTier) {
    return ENGINE
        .getDecisionService()
        .evaluateDecisionByKey(ModelLifecycle.DECISION_HEALTH_POLICY)
        .variables(
            Variables.createVariables()
                .putValue("newAlert", newAlert)
                .putValue("metricBreaches", metricBreaches)
                .putValue("previousVersionExists", previousVersionExists)
                .putValue("datasetDrift", datasetDrift)
                .putValue("driftedFeatures", driftedFeatures)
                .putValue("riskTier", riskTier))
        .evaluate()
        .getSingleResult()
        .getSingleEntry();
  }

  @ParameterizedTest(name = "new={0} breaches={1} previous={2} dataset={3} features={4} {5} -> {6}")
  @CsvSource(
      delimiter = '|',
      value = {
        // nothing new: no action, whatever was found
        "false | 2 | true  | true  | 5 | HIGH   | none",
        "false | 0 | false | false | 0 | LOW    | none",
        // metric limits breached
        "true  | 1 | true  | false | 0 | LOW    | rollback",
        "true  | 1 | true  | true  | 4 | HIGH   | rollback",
        "true  | 2 | false | false | 0 | MEDIUM | triage",
        // dataset drift
        "true  | 0 | true  | true  | 3 | HIGH   | triage",
        "true  | 0 | true  | true  | 3 | MEDIUM | retrain",
        "true  | 0 | false | true  | 2 | LOW    | retrain",
        // some features drift
        "true  | 0 | true  | false | 1 | HIGH   | notify",
        "true  | 0 | false | false | 2 | LOW    | notify",
        // a new alert without drift or breach cannot happen, but the table has an answer
        "true  | 0 | false | false | 0 | LOW    | none",
      })
  void shouldChooseTheActionByWhatWasFound(
      boolean newAlert,
      int breaches,
      boolean previous,
      boolean datasetDrift,
      int features,
      String riskTier,
      String expected) {
    assertThat(action(newAlert, breaches, previous, datasetDrift, features, riskTier))
        .isEqualTo(expected);
  }

  @Test
  void shouldNeverActTwiceOnTheSameOpenAlert() {
    for (String tier : new String[] {"LOW", "MEDIUM", "HIGH"}) {
      for (int breaches = 0; breaches <= 2; breaches++) {
        for (boolean drift : new boolean[] {true, false}) {
          assertThat(action(false, breaches, true, drift, drift ? 3 : 0, tier)).isEqualTo("none");
        }
      }
    }
  }
}
