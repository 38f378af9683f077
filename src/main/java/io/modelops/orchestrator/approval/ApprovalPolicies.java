package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.validation.ValidationReport;
import io.modelops.orchestrator.validation.ValidationReportRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Determines a version's approval policy and freezes it in the catalog; reads it back for the
 * gateways, timers and guards. Used from the BPMN as {@code
 * ${approvalPolicies.determine(execution)}} ("Determine approval policy").
 *
 * <p>The inputs come from our tables, not from process variables: the version's (effective) risk
 * tier and model type from the catalog, whether the model has a champion in production from the
 * catalog, and the number of warnings of the stored validation report (without the one of the
 * independent evaluation), and whether the version was independently evaluated ({@code
 * independentlyEvaluated}, true when its check {@code independent-evaluation} passed; no rule of
 * the shipped table reads it, a column may). The decision {@code approval-policy} is evaluated as
 * the system (not as whoever triggered the job), with the newest shared (tenant-less) definition,
 * and the result is stored once: a second run finds it frozen.
 */
@Component("approvalPolicies")
public class ApprovalPolicies {

  private final CatalogRepository catalog;
  private final ValidationReportRepository reports;
  private final ApprovalPolicyRepository policies;
  private final Clock clock;

  public ApprovalPolicies(
      CatalogRepository catalog,
      ValidationReportRepository reports,
      ApprovalPolicyRepository policies,
      Clock clock) {
    this.catalog = catalog;
    this.reports = reports;
    this.policies = policies;
    this.clock = clock;
  }

  /** "Determine approval policy": freezes the policy (once) and shows a copy in the lifecycle. */
  public ApprovalPolicy determine(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    ApprovalPolicy policy = policies.find(version.id()).orElseGet(() -> freeze(version, execution));
    // display only (forms, Cockpit); no gateway, timer or guard reads it
    execution.setVariable(ModelLifecycle.APPROVAL_POLICY, new HashMap<>(policy.displayMap()));
    return policy;
  }

  /** The frozen policy of the lifecycle's version (by the catalog's instance id). */
  public ApprovalPolicy policyOf(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    return policyOf(version.id())
        .orElseThrow(
            () ->
                ControlViolationException.at(
                    execution,
                    version,
                    List.of("no approval policy was determined and frozen for this version")));
  }

  /** The frozen policy of a version, if it was determined. */
  public Optional<ApprovalPolicy> policyOf(UUID modelVersionId) {
    return policies.find(modelVersionId);
  }

  private ApprovalPolicy freeze(ModelVersion version, DelegateExecution execution) {
    ValidationReport report =
        reports
            .findLatest(version.id())
            .filter(ValidationReport::passed)
            .orElseThrow(
                () ->
                    ControlViolationException.at(
                        execution,
                        version,
                        List.of("no passed validation report is stored for this version")));
    ApprovalPolicy.Inputs inputs =
        new ApprovalPolicy.Inputs(
            version.riskTier().name(),
            version.modelType().name(),
            catalog.findChampion(version.modelId(), version.id()).isPresent(),
            report.policyWarnings());
    ProcessEngineServices engine = execution.getProcessEngineServices();
    ApprovalPolicy policy =
        EngineInternals.withoutAuthorization(
            engine.getIdentityService(),
            () -> evaluate(engine, version, inputs, report.independentlyEvaluated()));
    policies.insert(policy, execution.getProcessInstanceId());
    return policy;
  }

  private ApprovalPolicy evaluate(
      ProcessEngineServices engine,
      ModelVersion version,
      ApprovalPolicy.Inputs inputs,
      boolean independentlyEvaluated) {
    Map<String, Object> variables = new HashMap<>(inputs.asVariables());
    variables.put("independentlyEvaluated", independentlyEvaluated);
    DecisionDefinition definition =
        engine
            .getRepositoryService()
            .createDecisionDefinitionQuery()
            .decisionDefinitionKey(ModelLifecycle.DECISION_APPROVAL_POLICY)
            .withoutTenantId()
            .latestVersion()
            .singleResult();
    if (definition == null) {
      throw new IllegalStateException(
          "Decision " + ModelLifecycle.DECISION_APPROVAL_POLICY + " is not deployed");
    }
    DmnDecisionResult result =
        engine
            .getDecisionService()
            .evaluateDecisionById(definition.getId())
            .variables(variables)
            .evaluate();
    DmnDecisionResultEntries single = result.getSingleResult();
    if (single == null) {
      throw new IllegalStateException(
          "Decision " + definition.getKey() + " gave no result for " + inputs);
    }
    Map<String, Object> entries = new HashMap<>(single.getEntryMap());
    return ApprovalPolicy.fromDecisionResult(
        version.id(),
        entries,
        definition.getId(),
        definition.getKey(),
        definition.getVersion(),
        inputs,
        OffsetDateTime.now(clock));
  }
}
