package io.modelops.orchestrator.findings;

import io.modelops.orchestrator.process.EngineInternals;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Within how many days a finding must be remediated: the DMN table {@code finding-due-date} ({@code
 * processes/finding-due-date.dmn}), by severity and the version's effective risk tier.
 */
@Component
class FindingDueDates {

  static final String DECISION_KEY = "finding-due-date";

  private final DecisionService decisions;
  private final IdentityService identityService;

  FindingDueDates(DecisionService decisions, IdentityService identityService) {
    this.decisions = decisions;
    this.identityService = identityService;
  }

  int days(Severity severity, String riskTier) {
    // The orchestrator evaluates its own policy, whoever raises the finding.
    DmnDecisionResult result =
        EngineInternals.withoutAuthorization(
            identityService,
            () ->
                decisions
                    .evaluateDecisionByKey(DECISION_KEY)
                    .variables(
                        Variables.createVariables()
                            .putValue("severity", severity.name())
                            .putValue("riskTier", riskTier))
                    .evaluate());
    Object days = result.isEmpty() ? null : result.getFirstResult().getEntry("dueInDays");
    if (!(days instanceof Number number) || number.intValue() < 1) {
      throw new IllegalStateException(
          DECISION_KEY + " gave no due date for " + severity + " on tier " + riskTier);
    }
    return number.intValue();
  }
}
