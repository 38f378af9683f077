package io.modelops.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of {@code processes/finding-due-date.dmn}: each severity × effective tier. */
@Deployment(resources = "processes/finding-due-date.dmn")
class FindingDueDateDecisionTest {

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder()
          .configurationResource("process-test.camunda.cfg.xml")
          .build();

  @ParameterizedTest(name = "{0} finding, {1} tier -> {2} days")
  @CsvSource(
      delimiter = '|',
      value = {
        "CRITICAL | HIGH    | 30",
        "CRITICAL | MEDIUM  | 45",
        "CRITICAL | LOW     | 60",
        "HIGH     | HIGH    | 45",
        "HIGH     | MEDIUM  | 60",
        "HIGH     | LOW     | 90",
        "MEDIUM   | HIGH    | 90",
        "MEDIUM   | MEDIUM  | 120",
        "MEDIUM   | LOW     | 150",
        "LOW      | HIGH    | 120",
        "LOW      | MEDIUM  | 150",
        "LOW      | LOW     | 180",
        // a tier the table does not know gets the shortest time, as HIGH
        "CRITICAL | UNKNOWN | 30",
        "LOW      | UNKNOWN | 120",
      })
  void shouldGiveTheDaysToRemediateBySeverityAndTier(String severity, String tier, int days) {
    Object result =
        ENGINE
            .getDecisionService()
            .evaluateDecisionByKey("finding-due-date")
            .variables(
                Variables.createVariables()
                    .putValue("severity", severity)
                    .putValue("riskTier", tier))
            .evaluate()
            .getSingleResult()
            .getSingleEntry();
    assertThat(((Number) result).intValue()).isEqualTo(days);
  }
}
