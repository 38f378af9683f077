package io.modelops.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.process.ModelLifecycle;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of {@code processes/approval-policy.dmn}, evaluated by the engine. */
@Deployment(resources = "processes/approval-policy.dmn")
class ApprovalPolicyDecisionTest {

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder()
          .configurationResource("process-test.camunda.cfg.xml")
          .build();

  private Map<String, Object> policy(
      String riskTier, String modelType, boolean championExists, int warnings) {
    DecisionService decisions = ENGINE.getDecisionService();
    return decisions
        .evaluateDecisionByKey(ModelLifecycle.DECISION_APPROVAL_POLICY)
        .variables(
            Variables.createVariables()
                .putValue("riskTier", riskTier)
                .putValue("modelType", modelType)
                .putValue("championExists", championExists)
                .putValue("validationWarnings", warnings))
        .evaluate()
        .getSingleResult()
        .getEntryMap();
  }

  @ParameterizedTest(name = "{0} {1} champion={2} warnings={3} -> [{4}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "LOW    | ML    | false | 0 | ''                          | P5D | P10D | false | 20 | PT30M | PT1H  | PT8H | P1D",
        "LOW    | LLM   | true  | 0 | ''                          | P5D | P10D | false | 20 | PT30M | PT1H  | PT8H | P1D",
        "LOW    | DMN   | true  | 0 | model-validators            | P5D | P10D | false | 20 | PT30M | PT1H  | PT8H | P1D",
        "LOW    | RULES | false | 0 | model-validators            | P5D | P10D | false | 20 | PT30M | PT1H  | PT8H | P1D",
        "LOW    | DMN   | false | 2 | model-validators            | P5D | P10D | false | 20 | PT30M | PT1H  | PT8H | P1D",
        "LOW    | ML    | false | 1 | model-validators            | P5D | P10D | false | 20 | PT30M | PT1H  | PT8H | P1D",
        "MEDIUM | ML    | true  | 0 | model-validators            | P3D | P6D  | true  | 10 | PT1H  | PT1H  | PT4H | PT12H",
        "MEDIUM | LLM   | false | 3 | model-validators            | P3D | P6D  | true  | 10 | PT1H  | PT1H  | PT4H | PT12H",
        "MEDIUM | RULES | false | 0 | model-validators            | P3D | P6D  | true  | 10 | PT1H  | PT1H  | PT4H | PT12H",
        "HIGH   | ML    | false | 0 | model-validators,model-risk | P2D | P4D  | true  | 5  | PT4H  | PT30M | PT2H | PT8H",
        "HIGH   | ML    | true  | 0 | model-validators,model-risk | P2D | P4D  | true  | 10 | PT2H  | PT30M | PT2H | PT8H",
        "HIGH   | ML    | true  | 5 | model-validators,model-risk | P2D | P4D  | true  | 10 | PT2H  | PT30M | PT2H | PT8H",
        "HIGH   | DMN   | false | 0 | model-validators,model-risk | P2D | P4D  | true  | 5  | PT4H  | PT30M | PT2H | PT8H",
        "SEVERE | ML    | true  | 0 | model-validators,model-risk | P2D | P4D  | true  | 5  | PT4H  | PT30M | PT2H | PT8H",
      })
  void shouldRouteByRisk(
      String riskTier,
      String modelType,
      boolean champion,
      int warnings,
      String groups,
      String deadline,
      String escalation,
      boolean productionApproval,
      int canaryPercent,
      String canaryWindow,
      String monitoring,
      String operationsReminder,
      String operationsEscalation) {
    Map<String, Object> policy = policy(riskTier, modelType, champion, warnings);

    assertThat(policy)
        .containsEntry("reviewGroups", groups)
        .containsEntry("reviewDeadline", deadline)
        .containsEntry("escalationDeadline", escalation)
        .containsEntry("productionApprovalRequired", productionApproval)
        .containsEntry("canaryPercent", canaryPercent)
        .containsEntry("canaryWindow", canaryWindow)
        .containsEntry("monitoringInterval", monitoring)
        .containsEntry("operationsReminder", operationsReminder)
        .containsEntry("operationsEscalation", operationsEscalation);
  }

  @Test
  void shouldGiveEveryDecisionModelAtLeastOneHumanReview() {
    for (String tier : new String[] {"LOW", "MEDIUM", "HIGH", "UNKNOWN"}) {
      for (String type : new String[] {"DMN", "RULES"}) {
        for (boolean champion : new boolean[] {true, false}) {
          assertThat((String) policy(tier, type, champion, 0).get("reviewGroups"))
              .as(tier + " " + type + " champion=" + champion)
              .contains("model-validators");
        }
      }
    }
  }

  @Test
  void shouldGiveEveryRuleOperationsTaskDurations() {
    for (String tier : new String[] {"LOW", "MEDIUM", "HIGH", "UNKNOWN"}) {
      for (String type : new String[] {"ML", "DMN", "RULES", "LLM", "VENDOR"}) {
        Map<String, Object> policy = policy(tier, type, false, 0);
        java.time.Duration reminder =
            java.time.Duration.parse((String) policy.get("operationsReminder"));
        java.time.Duration escalation =
            java.time.Duration.parse((String) policy.get("operationsEscalation"));
        assertThat(reminder).as(tier + " " + type).isPositive().isLessThan(escalation);
      }
    }
  }

  @Test
  void shouldNeverApproveHighRiskWithoutTwoGroups() {
    for (boolean champion : new boolean[] {true, false}) {
      for (int warnings : new int[] {0, 1, 10}) {
        assertThat(policy("HIGH", "ML", champion, warnings).get("reviewGroups"))
            .isEqualTo("model-validators,model-risk");
      }
    }
  }
}
