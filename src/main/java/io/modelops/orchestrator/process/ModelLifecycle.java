package io.modelops.orchestrator.process;

import static io.modelops.orchestrator.process.ProcessVariable.booleanVariable;
import static io.modelops.orchestrator.process.ProcessVariable.stringVariable;

/** Backing class of {@code processes/model-lifecycle.bpmn}: key, element ids and variables. */
public final class ModelLifecycle {

  public static final String KEY = "model-lifecycle";

  // Element ids
  public static final String START_REGISTERED = "StartEvent_ModelVersionRegistered";
  public static final String TASK_RECORD_REGISTRATION = "Task_RecordRegistration";
  public static final String GATEWAY_RISK_TIER_LOWERING = "Gateway_RiskTierLoweringRequested";
  public static final String TASK_DECIDE_RISK_TIER = "Task_DecideRiskTier";
  public static final String GATEWAY_EVALUATION_DATASET_REGISTERED =
      "Gateway_EvaluationDatasetRegistered";
  public static final String SUBPROCESS_EVALUATE = "SubProcess_EvaluateModelVersion";
  public static final String GATEWAY_EVALUATION_SETTLED = "Gateway_EvaluationSettled";
  public static final String TASK_VALIDATE = "Task_ValidateModelVersion";
  public static final String GATEWAY_VALIDATION_PASSED = "Gateway_ValidationPassed";
  public static final String TASK_DETERMINE_POLICY = "Task_DetermineApprovalPolicy";
  public static final String GATEWAY_REVIEW_REQUIRED = "Gateway_ReviewRequired";
  public static final String TASK_AUTO_APPROVAL = "Task_RecordAutomaticApproval";
  public static final String SUBPROCESS_REVIEW = "SubProcess_ReviewByGroup";
  public static final String TASK_REVIEW = "Task_ReviewModelVersion";
  public static final String TIMER_REVIEW_OVERDUE = "Event_ReviewOverdue";
  public static final String TIMER_ESCALATION_DUE = "Event_ReviewEscalationDue";
  public static final String TASK_REMIND_REVIEWERS = "Task_RemindReviewers";
  public static final String TASK_ESCALATE_REVIEW = "Task_EscalateOverdueReview";
  public static final String GATEWAY_REVIEW_OUTCOME = "Gateway_ReviewOutcome";
  public static final String TASK_NOTIFY_CHANGES = "Task_NotifyOwnerOfRequestedChanges";
  public static final String GATEWAY_AWAIT_NEW_VERSION = "Gateway_AwaitNewVersion";
  public static final String EVENT_SUPERSEDED = "Event_ModelVersionSuperseded";
  public static final String TIMER_RESUBMISSION_ELAPSED = "Event_ResubmissionWindowElapsed";
  public static final String END_SUPERSEDED = "EndEvent_ModelVersionSuperseded";
  public static final String END_CHANGES_NOT_MADE = "EndEvent_ChangesNotMade";
  public static final String TASK_DEPLOY_STAGING = "Task_DeployToStaging";
  public static final String TASK_CHECK_STAGING = "Task_CheckStagingDeployment";
  public static final String GATEWAY_RELEASE_APPROVAL_REQUIRED = "Gateway_ReleaseApprovalRequired";
  public static final String TASK_APPROVE_RELEASE = "Task_ApproveProductionRelease";
  public static final String TIMER_RELEASE_APPROVAL_OVERDUE = "Event_ReleaseApprovalOverdue";
  public static final String TIMER_RELEASE_APPROVAL_ESCALATION_DUE =
      "Event_ReleaseApprovalEscalationDue";
  public static final String TASK_REMIND_RELEASE_APPROVERS = "Task_RemindReleaseApprovers";
  public static final String TASK_ESCALATE_RELEASE_APPROVAL = "Task_EscalateReleaseApproval";
  public static final String END_RELEASE_APPROVERS_REMINDED = "EndEvent_ReleaseApproversReminded";
  public static final String END_RELEASE_APPROVAL_ESCALATED = "EndEvent_ReleaseApprovalEscalated";
  public static final String GATEWAY_RELEASE_APPROVED = "Gateway_ReleaseApproved";
  public static final String TASK_START_CANARY = "Task_StartCanary";
  public static final String TIMER_CANARY_WINDOW = "Event_CanaryWindowElapsed";
  public static final String TASK_ANALYZE_CANARY = "Task_AnalyzeCanary";
  public static final String GATEWAY_CANARY_HEALTHY = "Gateway_CanaryHealthy";
  public static final String TASK_DECIDE_CANARY = "Task_DecideCanary";
  public static final String TIMER_CANARY_DECISION_OVERDUE = "Event_CanaryDecisionOverdue";
  public static final String TIMER_CANARY_DECISION_ESCALATION_DUE =
      "Event_CanaryDecisionEscalationDue";
  public static final String TASK_REMIND_CANARY_DECIDERS = "Task_RemindCanaryDeciders";
  public static final String TASK_ESCALATE_CANARY_DECISION = "Task_EscalateCanaryDecision";
  public static final String END_CANARY_DECIDERS_REMINDED = "EndEvent_CanaryDecidersReminded";
  public static final String END_CANARY_DECISION_ESCALATED = "EndEvent_CanaryDecisionEscalated";
  public static final String GATEWAY_CANARY_DECISION = "Gateway_CanaryDecision";
  public static final String TASK_PROMOTE = "Task_PromoteToProduction";
  public static final String TASK_ROLL_BACK_CANARY = "Task_RollBackCanary";
  public static final String END_CANARY_ROLLED_BACK = "EndEvent_CanaryRolledBack";
  public static final String SUBPROCESS_MONITOR = "SubProcess_MonitorInProduction";
  public static final String TIMER_MONITORING_INTERVAL = "Event_MonitoringIntervalElapsed";
  public static final String TIMER_RETRAINING_SCHEDULE = "Event_RetrainingScheduleDue";
  public static final String TASK_REQUEST_SCHEDULED_RETRAINING = "Task_RequestScheduledRetraining";
  public static final String END_NO_RETRAINING_SCHEDULE = "EndEvent_NoRetrainingSchedule";
  public static final String TASK_EVALUATE_HEALTH = "Task_EvaluateModelHealth";
  public static final String TASK_DETERMINE_HEALTH_ACTION = "Task_DetermineHealthAction";
  public static final String GATEWAY_HEALTH_ACTION = "Gateway_HealthAction";
  public static final String TASK_NOTIFY_ALERT = "Task_NotifyModelAlert";
  public static final String TASK_REQUEST_RETRAINING = "Task_RequestRetraining";
  public static final String TASK_TRIAGE_ALERT = "Task_TriageModelAlert";
  public static final String TIMER_ALERT_TRIAGE_OVERDUE = "Event_AlertTriageOverdue";
  public static final String TIMER_ALERT_TRIAGE_ESCALATION_DUE = "Event_AlertTriageEscalationDue";
  public static final String TASK_REMIND_ALERT_TRIAGERS = "Task_RemindAlertTriagers";
  public static final String TASK_ESCALATE_ALERT_TRIAGE = "Task_EscalateAlertTriage";
  public static final String END_ALERT_TRIAGERS_REMINDED = "EndEvent_AlertTriagersReminded";
  public static final String END_ALERT_TRIAGE_ESCALATED = "EndEvent_AlertTriageEscalated";
  public static final String TASK_ACCEPT_ALERT = "Task_AcceptModelAlert";
  public static final String END_ROLLBACK_REQUIRED = "EndEvent_RollbackRequired";
  public static final String EVENT_ROLLBACK_REQUIRED = "Event_RollbackRequired";
  public static final String TASK_ROLL_BACK_UNHEALTHY = "Task_RollBackUnhealthyVersion";
  public static final String END_UNHEALTHY_ROLLED_BACK = "EndEvent_UnhealthyVersionRolledBack";
  public static final String EVENT_REPLACED = "Event_ModelVersionReplaced";
  public static final String TASK_RETIRE = "Task_RetireModelVersion";
  public static final String END_RETIRED = "EndEvent_ModelVersionRetired";
  public static final String START_RESTORED = "StartEvent_ModelVersionRestored";
  public static final String START_ROLLBACK = "StartEvent_RollbackRequested";
  public static final String TASK_ROLL_BACK_PRODUCTION = "Task_RollBackToPreviousVersion";
  public static final String END_ROLLED_BACK = "EndEvent_ModelVersionRolledBack";
  public static final String START_STOP = "StartEvent_StopRequested";
  public static final String TASK_STOP = "Task_StopModelVersion";
  public static final String END_STOPPED = "EndEvent_ModelVersionStopped";
  public static final String TASK_NOTIFY_REJECTION = "Task_NotifyOwnerOfRejection";
  public static final String GATEWAY_APPROVED = "Gateway_Approved";
  public static final String EVENT_APPROVED = "Event_ModelVersionApproved";
  public static final String END_REJECTED = "EndEvent_ModelVersionRejected";

  // Periodic revalidation and owner attestations (in production)
  public static final String GATEWAY_REVALIDATION_SCHEDULED = "Gateway_RevalidationScheduled";
  public static final String END_NO_REVALIDATION_SCHEDULE = "EndEvent_NoRevalidationSchedule";
  public static final String GATEWAY_REVALIDATE_AGAIN = "Gateway_RevalidateAgain";
  public static final String TIMER_REVALIDATION_DUE = "Event_RevalidationDue";
  public static final String SUBPROCESS_REEVALUATE = "SubProcess_ReevaluateModelVersion";
  public static final String TASK_REVALIDATE = "Task_RevalidateModelVersion";
  public static final String TIMER_REVALIDATION_OVERDUE = "Event_RevalidationOverdue";
  public static final String TIMER_REVALIDATION_ESCALATION_DUE = "Event_RevalidationEscalationDue";
  public static final String TASK_REMIND_REVALIDATORS = "Task_RemindRevalidators";
  public static final String TASK_ESCALATE_REVALIDATION = "Task_EscalateRevalidation";
  public static final String END_REVALIDATORS_REMINDED = "EndEvent_RevalidatorsReminded";
  public static final String END_REVALIDATION_ESCALATED = "EndEvent_RevalidationEscalated";
  public static final String GATEWAY_REVALIDATION_OUTCOME = "Gateway_RevalidationOutcome";
  public static final String TASK_NOTIFY_REVALIDATION_CHANGES =
      "Task_NotifyOwnerOfRevalidationChanges";
  public static final String GATEWAY_ATTESTATION_SCHEDULED = "Gateway_AttestationScheduled";
  public static final String END_NO_ATTESTATION_SCHEDULE = "EndEvent_NoAttestationSchedule";
  public static final String GATEWAY_ATTEST_AGAIN = "Gateway_AttestAgain";
  public static final String TIMER_ATTESTATION_DUE = "Event_AttestationDue";
  public static final String TASK_ATTEST = "Task_AttestModelUse";
  public static final String TIMER_ATTESTATION_OVERDUE = "Event_AttestationOverdue";
  public static final String TIMER_ATTESTATION_ESCALATION_DUE = "Event_AttestationEscalationDue";
  public static final String TASK_REMIND_ATTESTER = "Task_RemindAttester";
  public static final String TASK_ESCALATE_ATTESTATION = "Task_EscalateAttestation";
  public static final String END_ATTESTER_REMINDED = "EndEvent_AttesterReminded";
  public static final String END_ATTESTATION_ESCALATED = "EndEvent_AttestationEscalated";
  public static final String GATEWAY_STILL_USED_AS_INTENDED = "Gateway_StillUsedAsIntended";
  public static final String TASK_RAISE_ATTESTATION_ALERT = "Task_RaiseAttestationAlert";

  /**
   * The revalidation intervals per effective tier ({@code processes/revalidation-interval.dmn}).
   */
  public static final String DECISION_REVALIDATION_INTERVAL = "revalidation-interval";

  public static final String FORM_REVALIDATE = "revalidate-model-version";
  public static final String FORM_ATTEST = "attest-model-use";

  /** The group that revalidates versions in production. */
  public static final String GROUP_VALIDATORS = "model-validators";

  public static final String REVALIDATION_CONFIRM = "CONFIRM";
  public static final String REVALIDATION_REQUIRE_CHANGES = "REQUIRE_CHANGES";

  /** CONFIRM or REQUIRE_CHANGES, set in "Revalidate model version". */
  public static final ProcessVariable<String> REVALIDATION_DECISION =
      stringVariable("revalidationDecision");

  public static final ProcessVariable<String> REVALIDATION_COMMENT =
      stringVariable("revalidationComment");

  /** Due date, last revalidation, evaluation status: shown in the revalidation form. */
  public static final ProcessVariable<String> REVALIDATION_SUMMARY =
      stringVariable("revalidationSummary");

  /** "Still used as intended, inputs unchanged", set in "Attest model use". */
  public static final ProcessVariable<Boolean> STILL_USED_AS_INTENDED =
      booleanVariable("stillUsedAsIntended");

  public static final ProcessVariable<String> ATTESTATION_COMMENT =
      stringVariable("attestationComment");

  /** Form of the review task ({@code forms/review-model-version.form}). */
  public static final String FORM_REVIEW = "review-model-version";

  /** Form of "Decide risk tier" ({@code forms/decide-risk-tier.form}). */
  public static final String FORM_DECIDE_RISK_TIER = "decide-risk-tier";

  /** The group that owns risk classification and decides on lowering a model's tier. */
  public static final String GROUP_RISK = "model-risk";

  public static final String DECISION_LOWER = "LOWER";
  public static final String DECISION_KEEP = "KEEP";

  /** The approval policy decision ({@code processes/approval-policy.dmn}). */
  public static final String DECISION_APPROVAL_POLICY = "approval-policy";

  // Variables: references and the few flags the gateways need; domain data stays in our tables.
  public static final ProcessVariable<String> MODEL_VERSION_ID = stringVariable("modelVersionId");
  public static final ProcessVariable<String> MODEL_NAME = stringVariable("modelName");
  public static final ProcessVariable<String> MODEL_VERSION = stringVariable("modelVersion");
  public static final ProcessVariable<String> RISK_TIER = stringVariable("riskTier");
  public static final ProcessVariable<String> MODEL_TYPE = stringVariable("modelType");
  public static final ProcessVariable<String> REGISTERED_BY = stringVariable("registeredBy");
  public static final ProcessVariable<String> ARTIFACT_URI = stringVariable("artifactUri");
  public static final ProcessVariable<Boolean> VALIDATION_PASSED =
      booleanVariable("validationPassed");

  /** Human-readable list of the validation checks, shown in the review form. */
  public static final ProcessVariable<String> VALIDATION_SUMMARY =
      stringVariable("validationSummary");

  /** Number of validation checks that ended in WARN: an input of the approval policy. */
  public static final ProcessVariable<Integer> VALIDATION_WARNINGS =
      ProcessVariable.integerVariable("validationWarnings");

  /** Whether the model has a version in production: an input of the approval policy. */
  public static final ProcessVariable<Boolean> CHAMPION_EXISTS = booleanVariable("championExists");

  /** The champion's version label, shown in the review form; "none" without champion. */
  public static final ProcessVariable<String> CHAMPION_VERSION = stringVariable("championVersion");

  /** The approval policy (DMN {@code approval-policy}, single result as a map). */
  public static final String APPROVAL_POLICY = "approvalPolicy";

  /** The group a review instance is for (element variable of the review multi-instance). */
  public static final ProcessVariable<String> REVIEW_GROUP = stringVariable("reviewGroup");

  /** "Review 1 of 2 (model-validators)", shown in the review form. */
  public static final ProcessVariable<String> REVIEW_STEP = stringVariable("reviewStep");

  /** The version that superseded this one while changes were requested. */
  public static final ProcessVariable<String> SUPERSEDED_BY = stringVariable("supersededBy");

  /**
   * {@code APPROVE}, {@code APPROVE_WITH_CONDITIONS}, {@code REJECT} or {@code REQUEST_CHANGES},
   * set by the reviewer.
   */
  public static final ProcessVariable<String> REVIEW_DECISION = stringVariable("reviewDecision");

  public static final ProcessVariable<String> REVIEW_COMMENT = stringVariable("reviewComment");
  public static final ProcessVariable<String> REVIEWED_BY = stringVariable("reviewedBy");
  public static final ProcessVariable<String> REJECTION_REASON = stringVariable("rejectionReason");

  /** Shown in "Decide risk tier": declared and computed tier, the model's current tier and why. */
  public static final ProcessVariable<String> RISK_TIER_SUMMARY = stringVariable("riskTierSummary");

  /** {@code LOWER} or {@code KEEP}, set in "Decide risk tier" by model-risk. */
  public static final ProcessVariable<String> RISK_TIER_DECISION =
      stringVariable("riskTierDecision");

  public static final ProcessVariable<String> RISK_TIER_COMMENT = stringVariable("riskTierComment");

  // Release
  public static final ProcessVariable<String> STAGING_REFERENCE =
      stringVariable("stagingReference");

  /** "10 % of production traffic for 1 hour", shown in the release form. */
  public static final ProcessVariable<String> CANARY_PLAN = stringVariable("canaryPlan");

  public static final ProcessVariable<String> RELEASE_DECISION = stringVariable("releaseDecision");
  public static final ProcessVariable<String> RELEASE_COMMENT = stringVariable("releaseComment");

  /** When the canary started (ISO-8601): the start of the analysis window. */
  public static final ProcessVariable<String> CANARY_STARTED_AT = stringVariable("canaryStartedAt");

  /** HEALTHY, UNHEALTHY or INCONCLUSIVE. */
  public static final ProcessVariable<String> CANARY_VERDICT = stringVariable("canaryVerdict");

  public static final ProcessVariable<String> CANARY_REPORT = stringVariable("canaryReport");

  /** PROMOTE, ROLL_BACK or EXTEND, when a person decides an inconclusive canary. */
  public static final ProcessVariable<String> CANARY_DECISION = stringVariable("canaryDecision");

  public static final ProcessVariable<String> CANARY_COMMENT = stringVariable("canaryComment");

  /** Who asked for a rollback or an emergency stop, and why. */
  public static final ProcessVariable<String> REQUESTED_BY = stringVariable("requestedBy");

  public static final ProcessVariable<String> REQUEST_REASON = stringVariable("requestReason");

  // Monitoring in production
  /** The health policy decision ({@code processes/health-policy.dmn}). */
  public static final String DECISION_HEALTH_POLICY = "health-policy";

  public static final String FORM_TRIAGE = "triage-model-alert";

  /** Inputs of the health policy, set by "Evaluate model health". */
  public static final ProcessVariable<String> HEALTH_EVALUATION_ID =
      stringVariable("healthEvaluationId");

  public static final ProcessVariable<String> HEALTH_STATUS = stringVariable("healthStatus");
  public static final ProcessVariable<Boolean> NEW_ALERT = booleanVariable("newAlert");
  public static final ProcessVariable<Integer> METRIC_BREACHES =
      ProcessVariable.integerVariable("metricBreaches");
  public static final ProcessVariable<Boolean> DATASET_DRIFT = booleanVariable("datasetDrift");
  public static final ProcessVariable<Integer> DRIFTED_FEATURES =
      ProcessVariable.integerVariable("driftedFeatures");
  public static final ProcessVariable<Boolean> PREVIOUS_VERSION_EXISTS =
      booleanVariable("previousVersionExists");

  /** What the evaluation found, for mails and the triage form. */
  public static final ProcessVariable<String> HEALTH_SUMMARY = stringVariable("healthSummary");

  /** Output of the health policy: none, notify, triage, retrain or rollback. */
  public static final ProcessVariable<String> HEALTH_ACTION = stringVariable("healthAction");

  /**
   * The choices "Triage model alert" offers (JSON list of {@code {label, value}}, the form's {@code
   * valuesKey}): ROLL_BACK only when an earlier production version exists.
   */
  public static final String TRIAGE_OPTIONS = "triageOptions";

  public static final String TRIAGE_RETRAIN = "RETRAIN";
  public static final String TRIAGE_ROLL_BACK = "ROLL_BACK";
  public static final String TRIAGE_ACCEPT = "ACCEPT";

  /** RETRAIN, ROLL_BACK or ACCEPT, set in "Triage model alert". */
  public static final ProcessVariable<String> TRIAGE_DECISION = stringVariable("triageDecision");

  public static final ProcessVariable<String> TRIAGE_COMMENT = stringVariable("triageComment");

  /** Who completed "Triage model alert". */
  public static final ProcessVariable<String> TRIAGE_DECIDED_BY = stringVariable("triageDecidedBy");

  /** For how many days an accepted alert triggers nothing (1 to 90, 7 when not given). */
  public static final ProcessVariable<Integer> TRIAGE_ACCEPT_DAYS =
      ProcessVariable.integerVariable("triageAcceptDays");

  public static final String MESSAGE_REPLACED = "ModelVersionReplaced";
  public static final String MESSAGE_ROLLBACK = "ModelVersionRollbackRequested";
  public static final String MESSAGE_STOP = "ModelVersionStopRequested";
  public static final String MESSAGE_RESTORED = "ModelVersionRestored";

  public static final String GROUP_OPS = "ml-ops";
  public static final String FORM_RELEASE = "approve-production-release";
  public static final String FORM_DECIDE_CANARY = "decide-canary";

  public static final String DECISION_APPROVE = "APPROVE";

  /**
   * An approval that leaves findings the reviewer raised to be remediated: routed as an approval,
   * recorded as given.
   */
  public static final String DECISION_APPROVE_WITH_CONDITIONS = "APPROVE_WITH_CONDITIONS";

  public static final String DECISION_REJECT = "REJECT";
  public static final String DECISION_REQUEST_CHANGES = "REQUEST_CHANGES";

  /** Message correlated to a lifecycle waiting for changes when a newer version is registered. */
  public static final String MESSAGE_SUPERSEDED = "ModelVersionSuperseded";

  /**
   * The fields a person decides in each task of the lifecycle: the only variables completing the
   * task may set (its form's editable fields; {@code FormsTest} keeps the two in step).
   */
  public static final java.util.Map<String, java.util.Set<String>> DECISION_FIELDS =
      java.util.Map.of(
          TASK_DECIDE_RISK_TIER,
          java.util.Set.of(RISK_TIER_DECISION.name(), RISK_TIER_COMMENT.name()),
          TASK_REVIEW,
          java.util.Set.of(REVIEW_DECISION.name(), REVIEW_COMMENT.name()),
          TASK_APPROVE_RELEASE,
          java.util.Set.of(RELEASE_DECISION.name(), RELEASE_COMMENT.name()),
          TASK_DECIDE_CANARY,
          java.util.Set.of(CANARY_DECISION.name(), CANARY_COMMENT.name()),
          TASK_TRIAGE_ALERT,
          java.util.Set.of(
              TRIAGE_DECISION.name(), TRIAGE_ACCEPT_DAYS.name(), TRIAGE_COMMENT.name()),
          TASK_REVALIDATE,
          java.util.Set.of(REVALIDATION_DECISION.name(), REVALIDATION_COMMENT.name()),
          TASK_ATTEST,
          java.util.Set.of(STILL_USED_AS_INTENDED.name(), ATTESTATION_COMMENT.name()));

  /** Whether a review decision approves the version (with or without conditions). */
  public static boolean isApproval(String decision) {
    return DECISION_APPROVE.equals(decision) || DECISION_APPROVE_WITH_CONDITIONS.equals(decision);
  }

  /**
   * The evidence of the version as the review form shows it (Markdown, task-local, set when the
   * review task is created from the catalog, the attachments and the findings).
   */
  public static final ProcessVariable<String> REVIEW_EVIDENCE = stringVariable("reviewEvidence");

  /** Open findings of the version, shown in the release approval form. */
  public static final ProcessVariable<String> FINDINGS_SUMMARY = stringVariable("findingsSummary");

  /** Business key of a lifecycle instance: {@code <model>:<version>}. */
  public static String businessKey(String modelName, String version) {
    return modelName + ":" + version;
  }

  private ModelLifecycle() {}
}
