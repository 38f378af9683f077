package io.modelops.orchestrator.catalog;

import io.modelops.orchestrator.process.ModelLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Gateway "Lowering of the risk tier requested?" and the summary "Decide risk tier" shows. Reads
 * the catalog, not process variables: whether a version needs a model-risk decision is not
 * something a user who can edit variables may answer.
 */
@Component("riskTierGate")
public class RiskTierGate {

  private final CatalogRepository catalog;
  private final RiskTierRepository riskTiers;

  public RiskTierGate(CatalogRepository catalog, RiskTierRepository riskTiers) {
    this.catalog = catalog;
    this.riskTiers = riskTiers;
  }

  /**
   * True when the version's declared and computed tiers are both below its effective tier (the
   * model's current tier). Also sets the summary shown in the decision form.
   */
  public boolean loweringRequested(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    RiskTierRepository.VersionRisk risk =
        riskTiers
            .find(version.id())
            .orElseThrow(() -> new IllegalStateException("No risk tier for " + version.id()));
    if (!risk.aboveOwnTier()) {
      return false;
    }
    ModelLifecycle.RISK_TIER_SUMMARY.set(
        execution,
        "Declared "
            + risk.declared()
            + ", questionnaire "
            + (risk.computed() == null ? "not answered" : risk.computed())
            + ", effective "
            + risk.effective()
            + ": "
            + risk.reason()
            + ". LOWER sets the tier to "
            + RiskTiers.lowered(risk.declared(), risk.computed())
            + "; KEEP leaves it at "
            + risk.effective()
            + ".");
    return true;
  }
}
