package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.approval.ApprovalControls;
import io.modelops.orchestrator.approval.ApprovalPolicies;
import io.modelops.orchestrator.approval.ApprovalPolicy;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.notification.OwnerNotifications;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.retraining.RetrainingRequests;
import io.modelops.orchestrator.web.html.Readable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The release steps of {@code model-lifecycle}: staging, canary, analysis, promotion, rollback,
 * retirement and emergency stop. Used from the BPMN as expressions, e.g. {@code
 * ${releaseSteps.startCanary(execution)}}. Each step calls the version's deployment target (which
 * is idempotent per version, stage and action), records the stage history and moves the catalog
 * entry, in the transaction of the job.
 */
@Component("releaseSteps")
public class ReleaseSteps {

  /** Actor of automated steps in the stage history. */
  public static final String SYSTEM = "system";

  private final CatalogRepository catalog;
  private final DeploymentTargets targets;
  private final StageLedger ledger;
  private final CanaryAnalysis analysis;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final OwnerNotifications notifications;
  private final RetrainingRequests retraining;
  private final ApprovalControls controls;
  private final ApprovalPolicies policies;
  private final CanaryAnalysisLog canaryAnalyses;
  private final Clock clock;

  public ReleaseSteps(
      CatalogRepository catalog,
      DeploymentTargets targets,
      StageLedger ledger,
      CanaryAnalysis analysis,
      RuntimeService runtimeService,
      IdentityService identityService,
      OwnerNotifications notifications,
      RetrainingRequests retraining,
      ApprovalControls controls,
      ApprovalPolicies policies,
      CanaryAnalysisLog canaryAnalyses,
      Clock clock) {
    this.catalog = catalog;
    this.targets = targets;
    this.ledger = ledger;
    this.analysis = analysis;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.notifications = notifications;
    this.retraining = retraining;
    this.controls = controls;
    this.policies = policies;
    this.canaryAnalyses = canaryAnalyses;
    this.clock = clock;
  }

  /**
   * "Deploy to staging": only with the approvals of the frozen policy ({@link ApprovalControls}).
   */
  public void deployToStaging(DelegateExecution execution) {
    controls.checkApproved(execution);
    ModelVersion version = version(execution);
    ApprovalPolicy policy = policies.policyOf(execution);
    DeploymentResult result =
        apply(version, DeploymentStage.STAGING, DeploymentAction.DEPLOY, 100, null);
    ledger.record(
        version,
        DeploymentStage.STAGING,
        "DEPLOY",
        100,
        result.targetReference(),
        SYSTEM,
        result.message());
    catalog.updateStage(version.id(), Stage.STAGING, LifecycleStatus.APPROVED, null, now());
    ModelLifecycle.STAGING_REFERENCE.set(execution, result.targetReference());
    ModelLifecycle.CANARY_PLAN.set(
        execution,
        policy.canaryPercent()
            + " % of production traffic for "
            + Readable.duration(policy.canaryWindow()));
  }

  /** "Check staging deployment": retries (job retry cycle) until the target reports READY. */
  public void checkStaging(DelegateExecution execution) {
    ModelVersion version = version(execution);
    DeploymentStatus status =
        target(version)
            .status(request(version, DeploymentStage.STAGING, DeploymentAction.DEPLOY, 100, null));
    switch (status) {
      case READY -> {}
      case PENDING ->
          throw new DeploymentPendingException(
              "Staging deployment of " + name(version) + " is not ready yet");
      case FAILED ->
          throw new IllegalStateException("Staging deployment of " + name(version) + " failed");
    }
  }

  /**
   * "Start canary": next to the production version, with the frozen policy's share of traffic; only
   * when the release is cleared ({@link ApprovalControls}).
   */
  public void startCanary(DelegateExecution execution) {
    controls.checkReleaseCleared(execution);
    ModelVersion version = version(execution);
    ModelVersion production = production(version);
    int percent = policies.policyOf(execution).canaryPercent();
    DeploymentResult result =
        apply(version, DeploymentStage.CANARY, DeploymentAction.DEPLOY, percent, production);
    ledger.record(
        version,
        DeploymentStage.CANARY,
        "DEPLOY",
        percent,
        result.targetReference(),
        SYSTEM,
        result.message());
    catalog.updateStage(version.id(), Stage.CANARY, LifecycleStatus.APPROVED, null, now());
    ModelLifecycle.CANARY_STARTED_AT.set(execution, now().toString());
  }

  /**
   * "Analyze canary": stores the verdict (the evidence the promotion guard re-checks) and sets the
   * variable the gateway routes on. The window starts with the canary's deployment in the stage
   * history, not with a variable.
   */
  public void analyzeCanary(DelegateExecution execution) {
    ModelVersion version = version(execution);
    ModelVersion production = production(version);
    OffsetDateTime from = canaryStart(version, execution);
    OffsetDateTime to = now();
    CanaryAnalysis.Result result =
        analysis.analyze(version.id(), production == null ? null : production.id(), from, to);
    canaryAnalyses.record(version.id(), execution.getProcessInstanceId(), result, from, to, to);
    ModelLifecycle.CANARY_VERDICT.set(execution, result.verdict().name());
    ModelLifecycle.CANARY_REPORT.set(execution, result.report());
  }

  /**
   * "Promote to production": 100 % of traffic; the previous version is retired. Only after a
   * healthy canary or an eligible PROMOTE decision ({@link ApprovalControls}).
   */
  public void promote(DelegateExecution execution) {
    controls.checkPromotion(execution);
    ModelVersion version = version(execution);
    ModelVersion production = production(version);
    DeploymentResult result =
        apply(version, DeploymentStage.PRODUCTION, DeploymentAction.PROMOTE, 100, production);
    String actor = actor(execution);
    if (production != null) {
      ledger.record(
          production,
          DeploymentStage.PRODUCTION,
          "RETIRE",
          0,
          result.targetReference(),
          actor,
          "Replaced by " + version.version());
      runtimeService
          .createMessageCorrelation(ModelLifecycle.MESSAGE_REPLACED)
          .processInstanceId(production.processInstanceId())
          .setVariable(ModelLifecycle.SUPERSEDED_BY.name(), version.version())
          .correlateAll();
    }
    ledger.record(
        version,
        DeploymentStage.PRODUCTION,
        "PROMOTE",
        100,
        result.targetReference(),
        actor,
        result.message());
    catalog.updateStage(version.id(), Stage.PRODUCTION, LifecycleStatus.IN_PRODUCTION, null, now());
    retraining.candidateStatusChanged(version, LifecycleStatus.IN_PRODUCTION);
  }

  /** "Roll back canary": production keeps serving; the owner is told why. */
  public void rollBackCanary(DelegateExecution execution) {
    ModelVersion version = version(execution);
    ModelVersion production = production(version);
    DeploymentResult result =
        apply(version, DeploymentStage.CANARY, DeploymentAction.ROLLBACK, 0, production);
    String reason =
        "Canary rolled back ("
            + ModelLifecycle.CANARY_VERDICT.get(execution)
            + "): "
            + firstFailure(ModelLifecycle.CANARY_REPORT.get(execution));
    ledger.record(
        version,
        DeploymentStage.CANARY,
        "ROLLBACK",
        0,
        result.targetReference(),
        actor(execution),
        reason);
    catalog.updateStage(version.id(), Stage.NONE, LifecycleStatus.ROLLED_BACK, reason, now());
    retraining.candidateStatusChanged(version, LifecycleStatus.ROLLED_BACK);
    notifications.rolledBack(execution, reason);
  }

  /** "Retire model version": a newer version took over production. */
  public void retire(DelegateExecution execution) {
    ModelVersion version = version(execution);
    catalog.updateStage(
        version.id(),
        Stage.RETIRED,
        LifecycleStatus.RETIRED,
        "Replaced by version " + ModelLifecycle.SUPERSEDED_BY.get(execution),
        now());
  }

  /**
   * "Roll back to previous version": the version that served production before this one gets all
   * traffic again and a lifecycle of its own; this one is ROLLED_BACK.
   */
  public void rollBackToPrevious(DelegateExecution execution) {
    ModelVersion version = version(execution);
    UUID previousId =
        ledger
            .previousProductionVersion(version.modelId(), version.id())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No earlier production version of " + version.modelName()));
    ModelVersion previous = catalog.findVersion(previousId).orElseThrow();
    DeploymentResult result =
        apply(version, DeploymentStage.PRODUCTION, DeploymentAction.ROLLBACK, 0, previous);
    String actor = actor(execution);
    String reason =
        "Rolled back to "
            + previous.version()
            + " by "
            + actor
            + ": "
            + ModelLifecycle.REQUEST_REASON.get(execution);
    ledger.record(
        version,
        DeploymentStage.PRODUCTION,
        "ROLLBACK",
        0,
        result.targetReference(),
        actor,
        reason);
    ledger.record(
        previous,
        DeploymentStage.PRODUCTION,
        "RESTORE",
        100,
        result.targetReference(),
        actor,
        "Restored by rollback of " + version.version());
    catalog.updateStage(version.id(), Stage.RETIRED, LifecycleStatus.ROLLED_BACK, reason, now());
    retraining.candidateStatusChanged(version, LifecycleStatus.ROLLED_BACK);
    catalog.updateStage(
        previous.id(), Stage.PRODUCTION, LifecycleStatus.IN_PRODUCTION, null, now());

    Map<String, Object> variables = new HashMap<>();
    ModelLifecycle.MODEL_VERSION_ID.putInto(variables, previous.id().toString());
    ModelLifecycle.MODEL_NAME.putInto(variables, previous.modelName());
    ModelLifecycle.MODEL_VERSION.putInto(variables, previous.version());
    ModelLifecycle.RISK_TIER.putInto(variables, previous.riskTier().name());
    ModelLifecycle.MODEL_TYPE.putInto(variables, previous.modelType().name());
    ModelLifecycle.REGISTERED_BY.putInto(variables, previous.registeredBy());
    ProcessInstance restored =
        EngineInternals.asSystem(
            identityService,
            () ->
                runtimeService.startProcessInstanceByMessage(
                    ModelLifecycle.MESSAGE_RESTORED,
                    ModelLifecycle.businessKey(previous.modelName(), previous.version()),
                    variables));
    catalog.setProcessInstanceId(previous.id(), restored.getId());
  }

  /** "Stop model version": out of traffic at once (a canary leaves production as it was). */
  public void stop(DelegateExecution execution) {
    ModelVersion version = version(execution);
    boolean canary = version.stage() == Stage.CANARY;
    ModelVersion production = canary ? production(version) : null;
    DeploymentStage stage = canary ? DeploymentStage.CANARY : DeploymentStage.PRODUCTION;
    DeploymentResult result = apply(version, stage, DeploymentAction.STOP, 0, production);
    String actor = actor(execution);
    String reason = "Stopped by " + actor + ": " + ModelLifecycle.REQUEST_REASON.get(execution);
    ledger.record(version, stage, "STOP", 0, result.targetReference(), actor, reason);
    catalog.updateStage(version.id(), Stage.NONE, LifecycleStatus.STOPPED, reason, now());
    retraining.candidateStatusChanged(version, LifecycleStatus.STOPPED);
  }

  private DeploymentResult apply(
      ModelVersion version,
      DeploymentStage stage,
      DeploymentAction action,
      int percent,
      ModelVersion previous) {
    return target(version).apply(request(version, stage, action, percent, previous));
  }

  private DeploymentTarget target(ModelVersion version) {
    return targets.forKind(version.deploymentTarget());
  }

  static DeploymentRequest request(
      ModelVersion version,
      DeploymentStage stage,
      DeploymentAction action,
      int percent,
      ModelVersion previous) {
    return new DeploymentRequest(
        version.modelName(),
        version.version(),
        version.id(),
        version.modelType(),
        version.framework(),
        version.artifactUri(),
        stage,
        action,
        percent,
        previous == null ? null : previous.version(),
        previous == null ? null : previous.artifactUri());
  }

  /** When this version's canary was deployed, from the stage history. */
  private OffsetDateTime canaryStart(ModelVersion version, DelegateExecution execution) {
    return ledger
        .lastAt(version.modelId(), DeploymentStage.CANARY, now())
        .filter(e -> e.version().equals(version.version()) && "DEPLOY".equals(e.action()))
        .map(StageEvent::occurredAt)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No canary deployment of "
                        + name(version)
                        + " in the stage history (lifecycle "
                        + execution.getProcessInstanceId()
                        + ")"));
  }

  private ModelVersion version(DelegateExecution execution) {
    return catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
  }

  private ModelVersion production(ModelVersion version) {
    return catalog.findChampion(version.modelId(), version.id()).orElse(null);
  }

  private static String actor(DelegateExecution execution) {
    String requestedBy = ModelLifecycle.REQUESTED_BY.get(execution);
    return requestedBy == null ? SYSTEM : requestedBy;
  }

  private static String firstFailure(String report) {
    if (report == null) {
      return "no report";
    }
    return report
        .lines()
        .filter(l -> l.startsWith("FAIL") || l.startsWith("INCONCLUSIVE"))
        .findFirst()
        .orElse(report.lines().findFirst().orElse(""));
  }

  private static String name(ModelVersion version) {
    return version.modelName() + ":" + version.version();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
