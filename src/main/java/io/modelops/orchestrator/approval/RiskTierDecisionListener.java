package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.RiskTierRepository;
import io.modelops.orchestrator.catalog.RiskTiers;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Guards and applies "Decide risk tier" ("complete" task listener): only a member of {@code
 * model-risk} decides, never the version's registrant; the decision is LOWER or KEEP with a
 * comment, recorded as an approval (step {@code Task_DecideRiskTier}) and in the audit log. LOWER
 * sets the effective tier in the catalog to the version's own tier (the higher of declared and
 * computed); KEEP leaves the model's current tier. Everything it reads comes from the catalog and
 * the identity service, not from process variables.
 */
@Component("riskTierDecisionListener")
public class RiskTierDecisionListener implements TaskListener {

  private final CatalogRepository catalog;
  private final RiskTierRepository riskTiers;
  private final AuditLog audit;
  private final TaskDecisionListener decision;

  public RiskTierDecisionListener(
      CatalogRepository catalog,
      RiskTierRepository riskTiers,
      ApprovalRepository approvals,
      ApprovalRecorder recorder,
      AuditLog audit,
      Clock clock) {
    this.catalog = catalog;
    this.riskTiers = riskTiers;
    this.audit = audit;
    this.decision =
        new TaskDecisionListener(
            ModelLifecycle.RISK_TIER_DECISION,
            ModelLifecycle.RISK_TIER_COMMENT,
            Set.of(ModelLifecycle.DECISION_LOWER, ModelLifecycle.DECISION_KEEP),
            null,
            false,
            catalog,
            approvals,
            recorder,
            clock);
  }

  @Override
  public void notify(DelegateTask task) {
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    String user =
        EngineInternals.currentUserId(identity)
            .orElseThrow(
                () ->
                    new AuthorizationException(
                        "Risk tier decisions must be made by an authenticated user"));
    ModelVersion version = catalog.requireVersionOfLifecycle(task.getProcessInstanceId());
    if (user.equals(version.registeredBy())) {
      throw new AuthorizationException(
          "Segregation of duties: "
              + user
              + " registered "
              + version.modelName()
              + ":"
              + version.version()
              + " and cannot decide on its risk tier");
    }
    boolean riskMember = EngineInternals.isMember(identity, user, ModelLifecycle.GROUP_RISK);
    if (!riskMember) {
      throw new AuthorizationException(
          "Only members of " + ModelLifecycle.GROUP_RISK + " decide on a model's risk tier");
    }
    RiskTierRepository.VersionRisk risk =
        riskTiers
            .find(version.id())
            .orElseThrow(() -> new IllegalStateException("No risk tier for " + version.id()));

    decision.notify(task); // decision and comment checked, approval and audit recorded

    String chosen = ModelLifecycle.RISK_TIER_DECISION.get(task);
    String comment = ModelLifecycle.RISK_TIER_COMMENT.get(task);
    RiskTier after =
        ModelLifecycle.DECISION_LOWER.equals(chosen)
            ? RiskTiers.lowered(risk.declared(), risk.computed())
            : risk.effective();
    String reason =
        (after == risk.effective() ? "kept at " : "lowered to ")
            + after
            + " by "
            + user
            + " (model-risk): "
            + comment;
    riskTiers.setEffective(version.id(), after, reason);
    ModelLifecycle.RISK_TIER.set(task, after.name());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("decision", chosen);
    details.put("declaredRiskTier", risk.declared().name());
    details.put("computedRiskTier", risk.computed() == null ? null : risk.computed().name());
    details.put("previousRiskTier", risk.effective().name());
    details.put("riskTier", after.name());
    details.put("comment", comment);
    audit.record(
        "RISK_TIER_DECIDED",
        user,
        version.modelName(),
        version.version(),
        task.getProcessInstanceId(),
        details);
  }
}
