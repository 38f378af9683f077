package io.modelops.orchestrator.catalog;

import io.modelops.orchestrator.process.EngineInternals;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates {@code processes/risk-classification.dmn}: the minimum risk tier a questionnaire
 * implies. Fails closed: a decision that gives no tier, or one that is not a {@link RiskTier},
 * refuses the registration instead of passing it as LOW.
 */
@Component
public class RiskClassifier {

  /** Key of the decision ({@code processes/risk-classification.dmn}). */
  public static final String DECISION_KEY = "risk-classification";

  private final DecisionService decisions;
  private final IdentityService identityService;

  public RiskClassifier(DecisionService decisions, IdentityService identityService) {
    this.decisions = decisions;
    this.identityService = identityService;
  }

  /** The minimum tier, and the answers that set it. */
  public record Classification(RiskTier tier, String reason) {}

  public Classification classify(RiskAssessment assessment, ModelType modelType) {
    Map<String, Object> inputs =
        Variables.createVariables()
            .putValue("automatedDecisions", assessment.automatedDecisions())
            .putValue("personalData", assessment.personalData())
            .putValue("specialCategoryData", assessment.specialCategoryData())
            .putValue("annexIIIArea", assessment.annexIIIArea().name())
            .putValue("financialImpact", assessment.financialImpact().name())
            .putValue("clinicalImpact", assessment.clinicalImpact())
            .putValue("modelType", modelType.name());
    // The orchestrator classifies on its own behalf, whoever registers.
    DmnDecisionResult result =
        EngineInternals.withoutAuthorization(
            identityService,
            () -> decisions.evaluateDecisionByKey(DECISION_KEY).variables(inputs).evaluate());
    if (result.isEmpty() || result.getFirstResult().getEntry("minimumTier") == null) {
      throw new IllegalStateException(DECISION_KEY + " gave no tier for " + assessment);
    }
    String tier = result.getFirstResult().getEntry("minimumTier");
    String reason = result.getFirstResult().getEntry("reason");
    return new Classification(RiskTier.valueOf(tier), reason == null ? "" : reason);
  }
}
