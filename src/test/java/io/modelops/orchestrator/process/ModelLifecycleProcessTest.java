package io.modelops.orchestrator.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.modelops.orchestrator.approval.Approval;
import io.modelops.orchestrator.approval.ApprovalControls;
import io.modelops.orchestrator.approval.ApprovalPolicies;
import io.modelops.orchestrator.approval.ApprovalPolicy;
import io.modelops.orchestrator.approval.ApprovalRepository;
import io.modelops.orchestrator.approval.ControlViolationException;
import io.modelops.orchestrator.approval.LifecycleDecisions;
import io.modelops.orchestrator.approval.ReviewDecisionListener;
import io.modelops.orchestrator.approval.ReviewReminders;
import io.modelops.orchestrator.approval.ReviewRouting;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.CatalogStatusListener;
import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.RiskTierGate;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.deployment.ReleaseSteps;
import io.modelops.orchestrator.evaluation.Evaluations;
import io.modelops.orchestrator.monitoring.HealthMonitoring;
import io.modelops.orchestrator.notification.EscalationRecipients;
import io.modelops.orchestrator.notification.OwnerNotifications;
import io.modelops.orchestrator.notification.TaskReminders;
import io.modelops.orchestrator.retraining.RetrainingSchedule;
import io.modelops.orchestrator.revalidation.Revalidations;
import io.modelops.orchestrator.validation.CheckStatus;
import io.modelops.orchestrator.validation.ValidationCheck;
import io.modelops.orchestrator.validation.ValidationReport;
import io.modelops.orchestrator.validation.ValidationReportRepository;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/**
 * Every path of {@code model-lifecycle}, on an in-memory engine with the job executor off, the real
 * approval policy (DMN) and the delegates replaced by mocks. Coverage of the model must stay at 90
 * % or more.
 */
@Deployment(
    resources = {
      "processes/model-lifecycle.bpmn",
      "processes/model-evaluation.bpmn",
      "processes/approval-policy.dmn",
      "processes/health-policy.dmn",
      "processes/revalidation-interval.dmn"
    })
class ModelLifecycleProcessTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE =
      ProcessEngineCoverageExtension.builder()
          // Not camunda.cfg.xml: the engine REST API of the integration tests would pick that up
          // as a second default engine.
          .configurationResource("process-test.camunda.cfg.xml")
          .assertClassCoverageAtLeast(0.9)
          .build();

  private final JavaDelegate recordRegistration = mock(JavaDelegate.class);
  private final JavaDelegate validate = mock(JavaDelegate.class);
  private final OwnerNotifications ownerNotifications = mock(OwnerNotifications.class);
  private final JavaDelegate autoApproval = mock(JavaDelegate.class);
  private final CatalogStatusListener catalogStatus = mock(CatalogStatusListener.class);
  private final ReviewDecisionListener reviewDecision = mock(ReviewDecisionListener.class);
  private final ReviewReminders reminders = mock(ReviewReminders.class);
  private final ReleaseSteps release = mock(ReleaseSteps.class);
  private final TaskListener releaseDecision = mock(TaskListener.class);
  private final TaskListener canaryDecision = mock(TaskListener.class);
  private final HealthMonitoring health = mock(HealthMonitoring.class);
  private final TaskListener triageDecision = mock(TaskListener.class);
  private final RetrainingSchedule retrainingSchedule = mock(RetrainingSchedule.class);
  private final RiskTierGate riskTierGate = mock(RiskTierGate.class);
  private final TaskListener riskTierDecision = mock(TaskListener.class);
  private final TaskListener releaseFindings = mock(TaskListener.class);
  private final Revalidations revalidation = mock(Revalidations.class);
  private final TaskListener revalidationDecision = mock(TaskListener.class);
  private final TaskListener attestation = mock(TaskListener.class);
  private final Evaluations evaluations = mock(Evaluations.class);
  private final TaskListener reviewEvidence = mock(TaskListener.class);

  // The catalog, in memory: the frozen policies, the recorded decisions, the validation report.
  private static final UUID VERSION_ID = UUID.fromString("6f1c2a6e-0000-4000-8000-000000000001");
  private final CatalogRepository catalog = mock(CatalogRepository.class);
  private final ApprovalRepository approvals = mock(ApprovalRepository.class);
  private final ValidationReportRepository reports = mock(ValidationReportRepository.class);
  private final ApprovalPolicies policies = mock(ApprovalPolicies.class);
  private final ApprovalControls controls = mock(ApprovalControls.class);
  private final List<Approval> recorded = new ArrayList<>();
  private final Map<String, ApprovalPolicy> frozen = new LinkedHashMap<>();

  /** Real timer durations (from the frozen approval policy), mails replaced. */
  private final TaskReminders taskReminders =
      spy(new TaskReminders(catalog, policies, null, null, new EscalationRecipients(null)));

  private ValidationReport report;

  @BeforeEach
  void registerMocks() {
    Mocks.register("recordRegistrationDelegate", recordRegistration);
    Mocks.register("validateModelVersionDelegate", validate);
    Mocks.register("ownerNotifications", ownerNotifications);
    Mocks.register("recordAutomaticApprovalDelegate", autoApproval);
    Mocks.register("catalogStatus", catalogStatus);
    Mocks.register("reviewDecisionListener", reviewDecision);
    Mocks.register("reviewReminders", reminders);
    Mocks.register("reviewRouting", new ReviewRouting());
    Mocks.register("releaseSteps", release);
    Mocks.register("releaseDecisionListener", releaseDecision);
    Mocks.register("canaryDecisionListener", canaryDecision);
    Mocks.register("healthMonitoring", health);
    Mocks.register("triageDecisionListener", triageDecision);
    Mocks.register("retrainingSchedule", retrainingSchedule);
    Mocks.register("taskReminders", taskReminders);
    // the health policy itself, on the inputs the evaluation stub leaves in the variables (the
    // real step reads them from the stored evaluation)
    when(health.determineAction(any()))
        .thenAnswer(
            invocation -> {
              DelegateExecution execution = invocation.getArgument(0);
              return execution
                  .getProcessEngineServices()
                  .getDecisionService()
                  .evaluateDecisionByKey(ModelLifecycle.DECISION_HEALTH_POLICY)
                  .variables(execution.getVariables())
                  .evaluate()
                  .getSingleResult()
                  .getSingleEntry();
            });
    doNothing().when(taskReminders).remind(any());
    doNothing().when(taskReminders).escalate(any());
    Mocks.register("riskTierGate", riskTierGate);
    Mocks.register("riskTierDecisionListener", riskTierDecision);
    Mocks.register("releaseFindingsListener", releaseFindings);
    Mocks.register("revalidation", revalidation);
    Mocks.register("revalidationDecisionListener", revalidationDecision);
    Mocks.register("attestationListener", attestation);
    // no evaluation dataset unless a test registers one
    Mocks.register("evaluations", evaluations);
    Mocks.register("reviewEvidenceListener", reviewEvidence);
    when(health.interval(any())).thenReturn("PT1H");

    Mocks.register("approvalPolicies", policies);
    Mocks.register("approvalControls", controls);
    Mocks.register(
        "lifecycleDecisions", new LifecycleDecisions(catalog, policies, approvals, reports));
    when(catalog.requireVersionOfLifecycle(anyString())).thenReturn(version());
    when(approvals.findByVersion(any())).thenAnswer(invocation -> List.copyOf(recorded));
    when(reports.findLatest(any())).thenAnswer(invocation -> Optional.ofNullable(report));
    when(policies.determine(any()))
        .thenAnswer(
            invocation -> {
              DelegateExecution execution = invocation.getArgument(0);
              ApprovalPolicy policy =
                  frozen.computeIfAbsent(
                      execution.getProcessInstanceId(), id -> evaluatePolicy(execution));
              execution.setVariable(
                  ModelLifecycle.APPROVAL_POLICY, new HashMap<>(policy.displayMap()));
              return policy;
            });
    when(policies.policyOf(any(DelegateExecution.class)))
        .thenAnswer(
            invocation -> {
              DelegateExecution execution = invocation.getArgument(0);
              ApprovalPolicy policy = frozen.get(execution.getProcessInstanceId());
              if (policy == null) {
                throw new IllegalStateException("no frozen policy");
              }
              return policy;
            });
    // the version's policy (one version per test: the last one frozen)
    when(policies.policyOf(any(UUID.class)))
        .thenAnswer(invocation -> frozen.values().stream().reduce((first, last) -> last));
    recordDecisions(reviewDecision, ModelLifecycle.REVIEW_DECISION);
    recordDecisions(releaseDecision, ModelLifecycle.RELEASE_DECISION);
    recordDecisions(canaryDecision, ModelLifecycle.CANARY_DECISION);
  }

  /** The decision listeners record the decision in the (in-memory) approval table. */
  private void recordDecisions(TaskListener listener, ProcessVariable<String> decision) {
    doAnswer(
            invocation -> {
              DelegateTask task = invocation.getArgument(0);
              String group = ModelLifecycle.REVIEW_GROUP.get(task);
              recorded.add(
                  new Approval(
                      UUID.randomUUID(),
                      VERSION_ID,
                      task.getId(),
                      task.getTaskDefinitionKey(),
                      group,
                      decision.get(task),
                      "person-" + recorded.size(),
                      OffsetDateTime.now(),
                      null,
                      null));
              return null;
            })
        .when(listener)
        .notify(any(DelegateTask.class));
  }

  /** What "Determine approval policy" evaluates: the real DMN, on the catalog's facts. */
  private static ApprovalPolicy evaluatePolicy(DelegateExecution execution) {
    ApprovalPolicy.Inputs inputs =
        new ApprovalPolicy.Inputs(
            ModelLifecycle.RISK_TIER.get(execution),
            ModelLifecycle.MODEL_TYPE.get(execution),
            Boolean.TRUE.equals(ModelLifecycle.CHAMPION_EXISTS.get(execution)),
            ModelLifecycle.VALIDATION_WARNINGS.get(execution));
    Map<String, Object> result =
        execution
            .getProcessEngineServices()
            .getDecisionService()
            .evaluateDecisionTableByKey(
                ModelLifecycle.DECISION_APPROVAL_POLICY,
                new HashMap<>(
                    Map.of(
                        "riskTier", inputs.riskTier(),
                        "modelType", inputs.modelType(),
                        "championExists", inputs.championExists(),
                        "validationWarnings", inputs.validationWarnings())))
            .getSingleResult()
            .getEntryMap();
    return ApprovalPolicy.fromDecisionResult(
        VERSION_ID,
        result,
        "approval-policy:1",
        "approval-policy",
        1,
        inputs,
        OffsetDateTime.now());
  }

  private static ModelVersion version() {
    OffsetDateTime now = OffsetDateTime.now();
    return new ModelVersion(
        VERSION_ID,
        UUID.randomUUID(),
        "fraud-detector",
        "1.0.0",
        "s3://models/fraud/1.0.0",
        "sklearn",
        ModelType.ML,
        RiskTier.HIGH,
        "owner",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        DeploymentTargetKind.GITOPS,
        LifecycleStatus.IN_REVIEW,
        null,
        Stage.NONE,
        "ci-bot",
        now,
        now,
        "pi",
        "hash");
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void shouldApproveALowRiskVersionWithoutReviewWhenAllChecksPass() throws Exception {
    // given
    validationResult(true, 0);

    // when
    ProcessInstance pi = startLifecycle("LOW");
    execute(job(pi)); // record registration
    execute(job(pi)); // validate
    execute(job(pi)); // determine approval policy
    execute(job(pi)); // record automatic approval
    passApprovalGuard(pi);

    // then
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.TASK_VALIDATE,
            ModelLifecycle.TASK_DETERMINE_POLICY,
            ModelLifecycle.GATEWAY_REVIEW_REQUIRED,
            ModelLifecycle.TASK_AUTO_APPROVAL,
            ModelLifecycle.EVENT_APPROVED)
        .hasNotPassed(ModelLifecycle.TASK_REVIEW)
        .isWaitingAt(ModelLifecycle.TASK_DEPLOY_STAGING);
    verify(autoApproval).execute(any());
    verify(catalogStatus).update(any(DelegateExecution.class), eq("APPROVED"));
  }

  @Test
  void shouldGoStraightToValidationWhenNoLoweringOfTheRiskTierIsRequested() throws Exception {
    // when
    ProcessInstance pi = startLifecycle("HIGH");
    execute(job(pi)); // record registration

    // then: the gateway asked the catalog (riskTierGate), not a variable
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.TASK_RECORD_REGISTRATION, ModelLifecycle.GATEWAY_RISK_TIER_LOWERING)
        .hasNotPassed(ModelLifecycle.TASK_DECIDE_RISK_TIER)
        .isWaitingAt(ModelLifecycle.TASK_VALIDATE);
    verify(riskTierGate).loweringRequested(any());
  }

  @Test
  void shouldEvaluateTheVersionIndependentlyBeforeValidationWhenADatasetIsRegistered()
      throws Exception {
    // given: the catalog says the model has an evaluation dataset
    when(evaluations.datasetRegistered(any())).thenReturn(true);
    doAnswer(
            invocation -> {
              DelegateExecution execution = invocation.getArgument(0);
              ModelEvaluation.MODEL_NAME.set(execution, "fraud-detector");
              ModelEvaluation.REQUEST_ID.set(execution, "request-1");
              ModelEvaluation.DATASET_REGISTERED.set(execution, true);
              return null;
            })
        .when(evaluations)
        .open(any());
    validationResult(true, 0);
    ProcessInstance pi = startLifecycle("HIGH");
    execute(job(pi)); // record registration

    // then: the lifecycle calls model-evaluation with the version's id
    assertThat(pi).isWaitingAt(ModelLifecycle.SUBPROCESS_EVALUATE);
    ProcessInstance evaluation =
        runtimeService()
            .createProcessInstanceQuery()
            .superProcessInstanceId(pi.getId())
            .singleResult();
    org.assertj.core.api.Assertions.assertThat(
            runtimeService()
                .getVariable(evaluation.getId(), ModelEvaluation.MODEL_VERSION_ID.name()))
        .isEqualTo("6f1c2a6e-0000-4000-8000-000000000001");
    execute(job(evaluation)); // open evaluation request
    execute(job(evaluation)); // async before "Evaluate model version"
    verify(validate, never()).execute(any());

    // when the orchestrator completes the evaluation task (after storing the computed metrics)
    String worker = "test-evaluator";
    String taskId =
        externalTaskService()
            .fetchAndLock(1, worker)
            .topic(ModelEvaluation.TOPIC_EVALUATION, 60_000)
            .execute()
            .get(0)
            .getId();
    externalTaskService().complete(taskId, worker);

    // then validation runs on the stored evaluation
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_VALIDATE);
    execute(job(pi)); // validate
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.GATEWAY_EVALUATION_DATASET_REGISTERED,
            ModelLifecycle.SUBPROCESS_EVALUATE,
            ModelLifecycle.GATEWAY_EVALUATION_SETTLED,
            ModelLifecycle.TASK_VALIDATE);
    verify(validate).execute(any());
  }

  @Test
  void shouldAskModelRiskToDecideBeforeValidationWhenALowerTierIsDeclared() throws Exception {
    // given the catalog says the declared and computed tiers are below the model's current tier
    when(riskTierGate.loweringRequested(any())).thenReturn(true);
    validationResult(true, 0);
    ProcessInstance pi = startLifecycle("HIGH");

    // when
    execute(job(pi)); // record registration

    // then
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_DECIDE_RISK_TIER);
    assertThat(task(pi)).hasCandidateGroup(ModelLifecycle.GROUP_RISK).hasName("Decide risk tier");
    verify(validate, never()).execute(any());

    // when model-risk decides
    complete(
        task(pi),
        withVariables(
            ModelLifecycle.RISK_TIER_DECISION.name(),
            ModelLifecycle.DECISION_KEEP,
            ModelLifecycle.RISK_TIER_COMMENT.name(),
            "Same use as before"));

    // then a save point, then validation and the review of the (kept) HIGH tier
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_DECIDE_RISK_TIER);
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_VALIDATE);
    execute(job(pi)); // validate
    execute(job(pi)); // determine approval policy
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.GATEWAY_RISK_TIER_LOWERING,
            ModelLifecycle.TASK_DECIDE_RISK_TIER,
            ModelLifecycle.TASK_VALIDATE,
            ModelLifecycle.TASK_DETERMINE_POLICY)
        .isWaitingAt(ModelLifecycle.TASK_REVIEW);
    verify(riskTierDecision).notify(any(DelegateTask.class));
  }

  @Test
  void shouldKeepTheRiskTierTaskOpenWhenItsListenerRefuses() throws Exception {
    // given
    when(riskTierGate.loweringRequested(any())).thenReturn(true);
    doAnswer(
            invocation -> {
              throw new AuthorizationException("registrant");
            })
        .when(riskTierDecision)
        .notify(any(DelegateTask.class));
    ProcessInstance pi = startLifecycle("HIGH");
    execute(job(pi));

    // when / then
    assertThatThrownBy(
            () ->
                complete(
                    task(pi),
                    withVariables(
                        ModelLifecycle.RISK_TIER_DECISION.name(),
                        ModelLifecycle.DECISION_LOWER,
                        ModelLifecycle.RISK_TIER_COMMENT.name(),
                        "mine")))
        .hasMessageContaining("registrant");
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_DECIDE_RISK_TIER);
  }

  @Test
  void shouldAskOneValidatorWhenALowRiskVersionHasWarnings() throws Exception {
    // when
    ProcessInstance pi = reachReview("LOW", 2);

    // then
    assertThat(task(pi)).hasCandidateGroup("model-validators");
    assertThat(pi).hasNotPassed(ModelLifecycle.TASK_AUTO_APPROVAL);
  }

  @Test
  void shouldEndApprovedWhenTheOnlyReviewerApproves() throws Exception {
    // given
    ProcessInstance pi = reachReview("MEDIUM");
    assertThat(task(pi)).hasCandidateGroup("model-validators");
    verify(catalogStatus).updateOnTask(any(DelegateTask.class), eq("IN_REVIEW"));

    // when
    decide(pi, ModelLifecycle.DECISION_APPROVE, "Evidence is sufficient");
    passApprovalGuard(pi);

    // then
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.TASK_REVIEW,
            ModelLifecycle.SUBPROCESS_REVIEW,
            ModelLifecycle.GATEWAY_REVIEW_OUTCOME,
            ModelLifecycle.EVENT_APPROVED)
        .hasNotPassed(ModelLifecycle.TASK_NOTIFY_REJECTION)
        .isWaitingAt(ModelLifecycle.TASK_DEPLOY_STAGING);
    verify(reviewDecision).notify(any(DelegateTask.class));
    verify(catalogStatus).update(any(DelegateExecution.class), eq("APPROVED"));
  }

  @Test
  void shouldNotifyOwnerAndEndRejectedWhenTheReviewerRejects() throws Exception {
    // given
    ProcessInstance pi = reachReview("MEDIUM");

    // when
    decide(pi, ModelLifecycle.DECISION_REJECT, "No fairness evidence");

    // then
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_NOTIFY_REJECTION);
    execute(job(pi));
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.GATEWAY_REVIEW_OUTCOME,
            ModelLifecycle.TASK_NOTIFY_REJECTION,
            ModelLifecycle.END_REJECTED)
        .hasNotPassed(ModelLifecycle.EVENT_APPROVED)
        .isEnded();
    InOrder order = inOrder(ownerNotifications, catalogStatus);
    order.verify(ownerNotifications).rejected(any());
    order.verify(catalogStatus).update(any(DelegateExecution.class), eq("REJECTED"));
  }

  @Test
  void shouldRequireTwoReviewsInOrderForHighRisk() throws Exception {
    // given
    ProcessInstance pi = reachReview("HIGH");
    assertThat(task(pi)).hasCandidateGroup("model-validators");
    assertThat(task(pi)).hasName("Review model version");

    // when the validator approves
    decide(pi, ModelLifecycle.DECISION_APPROVE, "Validated");

    // then model risk reviews, with a fresh form
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVIEW);
    assertThat(task(pi)).hasCandidateGroup("model-risk");
    org.assertj.core.api.Assertions.assertThat(
            runtimeService().getVariable(pi.getId(), ModelLifecycle.REVIEW_DECISION.name()))
        .isNull();
    org.assertj.core.api.Assertions.assertThat(
            org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService()
                .getVariableLocal(task(pi).getId(), ModelLifecycle.REVIEW_STEP.name()))
        .isEqualTo("Review 2 of 2 (model-risk)");

    // when model risk approves too
    decide(pi, ModelLifecycle.DECISION_APPROVE, "Risk accepted");
    passApprovalGuard(pi);

    // then
    assertThat(pi)
        .hasPassed(ModelLifecycle.EVENT_APPROVED)
        .isWaitingAt(ModelLifecycle.TASK_DEPLOY_STAGING);
    verify(reviewDecision, times(2)).notify(any(DelegateTask.class));
  }

  @Test
  void shouldStopAtTheFirstRejectionOfADualReview() throws Exception {
    // given
    ProcessInstance pi = reachReview("HIGH");

    // when
    decide(pi, ModelLifecycle.DECISION_REJECT, "Not independent enough");
    execute(job(pi));

    // then
    assertThat(pi).hasPassed(ModelLifecycle.END_REJECTED).isEnded();
    verify(reviewDecision, times(1)).notify(any(DelegateTask.class));
  }

  @Test
  void shouldWaitForANewVersionWhenChangesAreRequestedAndEndSuperseded() throws Exception {
    // given
    ProcessInstance pi = reachReview("MEDIUM");

    // when
    decide(pi, ModelLifecycle.DECISION_REQUEST_CHANGES, "Add the limitations section");
    execute(job(pi));

    // then
    assertThat(pi).isWaitingAt(ModelLifecycle.GATEWAY_AWAIT_NEW_VERSION);
    verify(ownerNotifications).changesRequested(any());
    verify(catalogStatus).update(any(DelegateExecution.class), eq("CHANGES_REQUESTED"));

    // when a newer version is registered
    runtimeService()
        .createMessageCorrelation(ModelLifecycle.MESSAGE_SUPERSEDED)
        .processInstanceId(pi.getId())
        .setVariable(ModelLifecycle.SUPERSEDED_BY.name(), "1.0.1")
        .correlate();

    // then
    assertThat(pi).hasPassed(ModelLifecycle.END_SUPERSEDED).isEnded();
    verify(catalogStatus).update(any(DelegateExecution.class), eq("SUPERSEDED"));
  }

  @Test
  void shouldRejectWhenNoNewVersionComesWithinTheResubmissionWindow() throws Exception {
    // given
    ProcessInstance pi = reachReview("MEDIUM");
    decide(pi, ModelLifecycle.DECISION_REQUEST_CHANGES, "Add the limitations section");
    execute(job(pi));

    // when
    execute(job(ModelLifecycle.TIMER_RESUBMISSION_ELAPSED, pi));

    // then
    assertThat(pi).hasPassed(ModelLifecycle.END_CHANGES_NOT_MADE).isEnded();
    verify(catalogStatus).reject(any(DelegateExecution.class), anyString());
  }

  @Test
  void shouldNotifyOwnerAndEndRejectedWhenValidationFails() throws Exception {
    // given
    validationResult(false, 0);

    // when
    ProcessInstance pi = startLifecycle("HIGH");
    execute(job(pi));
    execute(job(pi));

    // then
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_NOTIFY_REJECTION);
    execute(job(pi));
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.TASK_VALIDATE,
            ModelLifecycle.GATEWAY_VALIDATION_PASSED,
            ModelLifecycle.TASK_NOTIFY_REJECTION,
            ModelLifecycle.END_REJECTED)
        .hasNotPassed(ModelLifecycle.TASK_DETERMINE_POLICY)
        .isEnded();
    verify(catalogStatus).update(any(DelegateExecution.class), eq("REJECTED"));
  }

  @Test
  void shouldRemindTheGroupAndThenEscalateAnOverdueReview() throws Exception {
    // given
    ProcessInstance pi = reachReview("MEDIUM");

    // when the review deadline passes
    execute(job(ModelLifecycle.TIMER_REVIEW_OVERDUE, pi));
    execute(job(ModelLifecycle.TASK_REMIND_REVIEWERS, pi));

    // then the group is reminded once and the review stays open
    verify(reminders, times(1)).remind(any(DelegateExecution.class));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVIEW);

    // when the escalation deadline passes
    execute(job(ModelLifecycle.TIMER_ESCALATION_DUE, pi));
    execute(job(ModelLifecycle.TASK_ESCALATE_REVIEW, pi));

    // then operations are told, once, and the review still waits for its decision
    verify(reminders, times(1)).escalate(any(DelegateExecution.class));
    assertThat(pi)
        .hasPassed(
            ModelLifecycle.TASK_REMIND_REVIEWERS,
            ModelLifecycle.TASK_ESCALATE_REVIEW,
            "EndEvent_ReviewersReminded",
            "EndEvent_EscalationSent")
        .isWaitingAt(ModelLifecycle.TASK_REVIEW);

    decide(pi, ModelLifecycle.DECISION_APPROVE, "Sorry for the delay");
    passApprovalGuard(pi);
    assertThat(pi).hasPassed(ModelLifecycle.EVENT_APPROVED);
  }

  @Test
  void shouldStopAModificationPastTheReviewWithAnIncidentBeforeTheVersionIsApproved()
      throws Exception {
    // given: a HIGH-risk version in review, and the guard finds no recorded reviews
    ProcessInstance pi = reachReview("HIGH");
    doThrow(
            new ControlViolationException(
                pi.getId(),
                ModelLifecycle.EVENT_APPROVED,
                "fraud-detector",
                "1.0.0",
                List.of("no approval of the model-validators review")))
        .when(controls)
        .checkApproved(any());

    // when: someone who may modify instances skips the review
    runtimeService()
        .createProcessInstanceModification(pi.getId())
        .cancelAllForActivity(ModelLifecycle.SUBPROCESS_REVIEW)
        .startBeforeActivity(ModelLifecycle.EVENT_APPROVED)
        .execute();
    assertThatThrownBy(() -> execute(job(pi))).hasMessageContaining("Control violation");

    // then: an incident at once (no retries), and the version is neither approved nor deployed
    assertThat(pi).isWaitingAt(ModelLifecycle.EVENT_APPROVED);
    org.assertj.core.api.Assertions.assertThat(job(pi).getRetries()).isZero();
    org.assertj.core.api.Assertions.assertThat(
            runtimeService()
                .createIncidentQuery()
                .processInstanceId(pi.getId())
                .singleResult()
                .getIncidentMessage())
        .contains("no approval of the model-validators review");
    verify(catalogStatus, never()).update(any(DelegateExecution.class), eq("APPROVED"));
    verify(release, never()).deployToStaging(any());
  }

  @Test
  void shouldDecideOnTheFrozenPolicyWhateverTheVariablesSay() throws Exception {
    // given: a HIGH-risk version in review (frozen policy: two reviews, release approval, 5 %)
    ProcessInstance pi = reachReview("HIGH");
    ApprovalPolicy policy = frozen.get(pi.getId());
    org.assertj.core.api.Assertions.assertThat(policy.reviewGroups())
        .containsExactly("model-validators", "model-risk");

    // when: the policy and the registrant are rewritten in the variables, and reviewers send
    // extra variables with their decisions
    Map<String, Object> rewritten = new HashMap<>(policy.displayMap());
    rewritten.put("reviewGroups", "");
    rewritten.put("productionApprovalRequired", false);
    rewritten.put("canaryPercent", 100);
    runtimeService().setVariable(pi.getId(), ModelLifecycle.APPROVAL_POLICY, rewritten);
    runtimeService().setVariable(pi.getId(), ModelLifecycle.REGISTERED_BY.name(), "someone-else");
    complete(
        task(pi),
        withVariables(
            ModelLifecycle.REVIEW_DECISION.name(),
            "APPROVE",
            ModelLifecycle.APPROVAL_POLICY,
            rewritten));
    execute(job(pi));

    // then: the second review is still required, and after it the release approval
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVIEW);
    assertThat(task(pi)).hasCandidateGroup("model-risk");
    decide(pi, ModelLifecycle.DECISION_APPROVE, "Risk accepted");
    passApprovalGuard(pi);
    execute(job(pi)); // deploy to staging
    execute(job(pi)); // check staging
    assertThat(pi)
        .hasPassed(ModelLifecycle.GATEWAY_RELEASE_APPROVAL_REQUIRED)
        .isWaitingAt(ModelLifecycle.TASK_APPROVE_RELEASE);
    org.assertj.core.api.Assertions.assertThat(lifecycleDecisionsCanaryWindow(pi))
        .isEqualTo(policy.canaryWindow());
  }

  private String lifecycleDecisionsCanaryWindow(ProcessInstance pi) {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getProcessInstanceId()).thenReturn(pi.getId());
    return new LifecycleDecisions(catalog, policies, approvals, reports).canaryWindow(execution);
  }

  @Test
  void shouldKeepTheReviewOpenWhenTheDecisionIsRefused() throws Exception {
    // given
    ProcessInstance pi = reachReview("MEDIUM");
    doAnswer(
            invocation -> {
              throw new AuthorizationException("Segregation of duties");
            })
        .when(reviewDecision)
        .notify(any(DelegateTask.class));

    // when
    assertThatThrownBy(
            () ->
                complete(
                    task(pi),
                    withVariables(
                        ModelLifecycle.REVIEW_DECISION.name(), ModelLifecycle.DECISION_APPROVE)))
        .hasMessageContaining("Segregation of duties");

    // then
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVIEW);
    assertThat(task(pi)).isNotNull();
    verify(catalogStatus, never()).update(any(DelegateExecution.class), eq("APPROVED"));
  }

  @Test
  void shouldBlockTheCanaryOfAConditionalApprovalUntilItsFindingIsClosedThenGoToProduction()
      throws Exception {
    // given: a HIGH-risk version, approved with conditions by the validator, approved by model risk
    ProcessInstance pi = reachReview("HIGH");
    decide(pi, ModelLifecycle.DECISION_APPROVE_WITH_CONDITIONS, "Calibration finding raised");
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVIEW);
    decide(pi, ModelLifecycle.DECISION_APPROVE, "Agreed");
    passApprovalGuard(pi);
    execute(job(pi)); // deploy to staging
    execute(job(pi)); // check staging
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_APPROVE_RELEASE);
    verify(releaseFindings).notify(any(DelegateTask.class));
    org.assertj.core.api.Assertions.assertThat(recorded)
        .extracting(Approval::decision)
        .containsExactly(
            ModelLifecycle.DECISION_APPROVE_WITH_CONDITIONS, ModelLifecycle.DECISION_APPROVE);
    complete(task(pi), withVariables(ModelLifecycle.RELEASE_DECISION.name(), "APPROVE"));
    execute(job(pi)); // after the release approval

    // when: the canary's guard finds the open HIGH finding
    doThrow(
            new ControlViolationException(
                pi.getId(),
                ModelLifecycle.TASK_START_CANARY,
                "fraud-detector",
                "1.0.0",
                List.of("the finding HIGH \"Calibration\" (OPEN) blocks the production release")))
        .when(release)
        .startCanary(any());
    assertThatThrownBy(() -> execute(job(pi))).hasMessageContaining("Control violation");

    // then: an incident at the canary, no traffic
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_START_CANARY);
    org.assertj.core.api.Assertions.assertThat(
            runtimeService()
                .createIncidentQuery()
                .processInstanceId(pi.getId())
                .singleResult()
                .getIncidentMessage())
        .contains("Calibration", "blocks the production release");

    // when: the finding is closed and operations retry the incident
    doNothing().when(release).startCanary(any());
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService()
        .setJobRetries(job(pi).getId(), 1);
    execute(job(pi)); // start canary
    canaryVerdict("HEALTHY");
    execute(job(pi)); // canary window
    execute(job(pi)); // analyze
    execute(job(pi)); // promote

    // then
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_START_CANARY, ModelLifecycle.TASK_PROMOTE)
        .isWaitingAt(ModelLifecycle.TIMER_MONITORING_INTERVAL);
    org.assertj.core.api.Assertions.assertThat(
            runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count())
        .isZero();
  }

  @Test
  void shouldReleaseALowRiskVersionThroughStagingAndCanaryToProduction() throws Exception {
    // given: approved by policy, no release approval required for LOW risk
    ProcessInstance pi = reachStaging("LOW");

    // when
    execute(job(pi)); // deploy to staging
    execute(job(pi)); // check staging
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_START_CANARY);
    execute(job(pi)); // start canary
    assertThat(pi).isWaitingAt(ModelLifecycle.TIMER_CANARY_WINDOW);
    canaryVerdict("HEALTHY");
    execute(job(pi)); // canary window elapsed
    execute(job(pi)); // analyze canary
    execute(job(pi)); // promote

    // then
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.TASK_DEPLOY_STAGING,
            ModelLifecycle.TASK_CHECK_STAGING,
            ModelLifecycle.GATEWAY_RELEASE_APPROVAL_REQUIRED,
            ModelLifecycle.TASK_START_CANARY,
            ModelLifecycle.TIMER_CANARY_WINDOW,
            ModelLifecycle.TASK_ANALYZE_CANARY,
            ModelLifecycle.GATEWAY_CANARY_HEALTHY,
            ModelLifecycle.TASK_PROMOTE)
        .hasNotPassed(ModelLifecycle.TASK_APPROVE_RELEASE)
        .isWaitingAt(ModelLifecycle.TIMER_MONITORING_INTERVAL);
    InOrder order = inOrder(release);
    order.verify(release).deployToStaging(any());
    order.verify(release).checkStaging(any());
    order.verify(release).startCanary(any());
    order.verify(release).analyzeCanary(any());
    order.verify(release).promote(any());

    // when a newer version replaces it
    runtimeService()
        .createMessageCorrelation(ModelLifecycle.MESSAGE_REPLACED)
        .processInstanceId(pi.getId())
        .setVariable(ModelLifecycle.SUPERSEDED_BY.name(), "2.0.0")
        .correlate();
    execute(job(pi));

    // then
    assertThat(pi).hasPassed(ModelLifecycle.TASK_RETIRE, ModelLifecycle.END_RETIRED).isEnded();
    verify(release).retire(any());
  }

  @Test
  void shouldAskOperationsToApproveTheReleaseAndRollBackAnUnhealthyCanary() throws Exception {
    // given
    ProcessInstance pi = reachReview("MEDIUM");
    decide(pi, ModelLifecycle.DECISION_APPROVE, "Fine");
    passApprovalGuard(pi);
    execute(job(pi)); // deploy to staging
    execute(job(pi)); // check staging

    // then operations approve the release
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_APPROVE_RELEASE);
    assertThat(task(pi)).hasCandidateGroup(ModelLifecycle.GROUP_OPS);
    complete(task(pi), withVariables(ModelLifecycle.RELEASE_DECISION.name(), "APPROVE"));
    execute(job(pi)); // after the release approval
    verify(releaseDecision).notify(any(DelegateTask.class));

    // when the canary is unhealthy
    execute(job(pi)); // start canary
    canaryVerdict("UNHEALTHY");
    execute(job(pi)); // window
    execute(job(pi)); // analyze
    execute(job(pi)); // roll back canary

    // then
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_ROLL_BACK_CANARY, ModelLifecycle.END_CANARY_ROLLED_BACK)
        .hasNotPassed(ModelLifecycle.TASK_PROMOTE)
        .isEnded();
    verify(release).rollBackCanary(any());
  }

  @Test
  void shouldEndWhenOperationsRejectTheRelease() throws Exception {
    // given
    ProcessInstance pi = reachReview("MEDIUM");
    decide(pi, ModelLifecycle.DECISION_APPROVE, "Fine");
    passApprovalGuard(pi);
    execute(job(pi));
    execute(job(pi));

    // when
    complete(
        task(pi),
        withVariables(
            ModelLifecycle.RELEASE_DECISION.name(), "REJECT",
            ModelLifecycle.RELEASE_COMMENT.name(), "Freeze before year end"));
    execute(job(pi));
    execute(job(pi)); // notify owner of release rejection

    // then
    assertThat(pi)
        .hasPassed("Task_NotifyOwnerOfReleaseRejection", "EndEvent_ReleaseRejected")
        .hasNotPassed(ModelLifecycle.TASK_START_CANARY)
        .isEnded();
    verify(ownerNotifications).releaseRejected(any());
    verify(catalogStatus).update(any(DelegateExecution.class), eq("REJECTED"));
  }

  @Test
  void shouldLetOperationsDecideAnInconclusiveCanary() throws Exception {
    // given an inconclusive canary
    ProcessInstance pi = reachCanaryWindow();
    canaryVerdict("INCONCLUSIVE");
    execute(job(pi));
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_DECIDE_CANARY);
    assertThat(task(pi)).hasCandidateGroup(ModelLifecycle.GROUP_OPS);

    // when operations extend the window
    complete(task(pi), withVariables(ModelLifecycle.CANARY_DECISION.name(), "EXTEND"));
    execute(job(pi));

    // then the canary runs for another window
    assertThat(pi).isWaitingAt(ModelLifecycle.TIMER_CANARY_WINDOW);
    execute(job(pi));
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_DECIDE_CANARY);

    // when they promote
    complete(task(pi), withVariables(ModelLifecycle.CANARY_DECISION.name(), "PROMOTE"));
    execute(job(pi));
    execute(job(pi));

    // then
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_PROMOTE)
        .isWaitingAt(ModelLifecycle.TIMER_MONITORING_INTERVAL);
    verify(canaryDecision, times(2)).notify(any(DelegateTask.class));
  }

  @Test
  void shouldRollBackWhenOperationsDecideSo() throws Exception {
    // given
    ProcessInstance pi = reachCanaryWindow();
    canaryVerdict("INCONCLUSIVE");
    execute(job(pi));
    execute(job(pi));

    // when
    complete(task(pi), withVariables(ModelLifecycle.CANARY_DECISION.name(), "ROLL_BACK"));
    execute(job(pi));
    execute(job(pi));

    // then
    assertThat(pi).hasPassed(ModelLifecycle.TASK_ROLL_BACK_CANARY).isEnded();
  }

  @Test
  void shouldRollBackToThePreviousVersionOnRequest() throws Exception {
    // given a version in production
    ProcessInstance pi = reachCanaryWindow();
    canaryVerdict("HEALTHY");
    execute(job(pi));
    execute(job(pi));
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TIMER_MONITORING_INTERVAL);

    // when
    runtimeService()
        .createMessageCorrelation(ModelLifecycle.MESSAGE_ROLLBACK)
        .processInstanceId(pi.getId())
        .setVariable(ModelLifecycle.REQUESTED_BY.name(), "oscar")
        .correlate();
    execute(job(pi));

    // then
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_ROLL_BACK_PRODUCTION, ModelLifecycle.END_ROLLED_BACK)
        .hasNotPassed(ModelLifecycle.TASK_RETIRE)
        .isEnded();
    verify(release).rollBackToPrevious(any());
  }

  @Test
  void shouldStopACanaryAtOnce() throws Exception {
    // given
    ProcessInstance pi = reachCanaryWindow();

    // when
    runtimeService()
        .createMessageCorrelation(ModelLifecycle.MESSAGE_STOP)
        .processInstanceId(pi.getId())
        .setVariable(ModelLifecycle.REQUESTED_BY.name(), "oscar")
        .correlate();
    execute(job(pi));

    // then
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_STOP, ModelLifecycle.END_STOPPED)
        .hasNotPassed(ModelLifecycle.TASK_ANALYZE_CANARY)
        .isEnded();
    verify(release).stop(any());
  }

  @Test
  void shouldWaitInProductionWhenAVersionIsRestored() {
    // when
    ProcessInstance pi =
        runtimeService()
            .startProcessInstanceByMessage(
                ModelLifecycle.MESSAGE_RESTORED,
                ModelLifecycle.businessKey("fraud-detector", "0.9.0"),
                Map.of(
                    ModelLifecycle.MODEL_VERSION_ID.name(),
                    "6f1c2a6e-0000-4000-8000-000000000009"));

    // then: a save point first (the orchestrator links the instance in the catalog meanwhile)
    assertThat(pi).isWaitingAt(ModelLifecycle.START_RESTORED);
    execute(job(pi));
    assertThat(pi)
        .hasPassed(ModelLifecycle.START_RESTORED)
        .isWaitingAt(ModelLifecycle.TIMER_MONITORING_INTERVAL);
  }

  // Monitoring in production

  @Test
  void shouldEvaluateHealthAtEachIntervalAndDoNothingWhenNothingIsNew() throws Exception {
    // given
    ProcessInstance pi = reachProduction();
    healthFound(false, 0, true, false, 0, "LOW");

    // when two intervals elapse
    for (int round = 0; round < 2; round++) {
      execute(job(pi)); // monitoring interval elapsed
      execute(job(pi)); // evaluate model health
      execute(job(pi)); // determine health action
    }

    // then
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.TIMER_MONITORING_INTERVAL,
            ModelLifecycle.TASK_EVALUATE_HEALTH,
            ModelLifecycle.TASK_DETERMINE_HEALTH_ACTION,
            ModelLifecycle.GATEWAY_HEALTH_ACTION)
        .hasNotPassed(ModelLifecycle.TASK_NOTIFY_ALERT, ModelLifecycle.TASK_TRIAGE_ALERT)
        .isWaitingAt(ModelLifecycle.TIMER_MONITORING_INTERVAL);
    verify(health, times(2)).evaluate(any());
    verify(health, times(2)).recordAction(any());
    assertThat(pi).variables().containsEntry(ModelLifecycle.HEALTH_ACTION.name(), "none");
  }

  @Test
  void shouldNotifyWhenSomeFeaturesDrift() throws Exception {
    // given
    ProcessInstance pi = reachProduction();
    healthFound(true, 0, true, false, 1, "HIGH");

    // when
    evaluateOnce(pi);
    execute(job(pi)); // notify

    // then
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_NOTIFY_ALERT)
        .isWaitingAt(ModelLifecycle.TIMER_MONITORING_INTERVAL);
    verify(health).notifyAlert(any());
  }

  @Test
  void shouldRequestRetrainingOnDatasetDrift() throws Exception {
    // given
    ProcessInstance pi = reachProduction();
    healthFound(true, 0, true, true, 3, "MEDIUM");

    // when
    evaluateOnce(pi);
    execute(job(pi)); // request retraining

    // then
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_REQUEST_RETRAINING)
        .isWaitingAt(ModelLifecycle.TIMER_MONITORING_INTERVAL);
    verify(health).requestRetraining(any());
  }

  @Test
  void shouldRollBackWhenAMetricLimitIsBreached() throws Exception {
    // given
    ProcessInstance pi = reachProduction();
    healthFound(true, 1, true, false, 0, "LOW");

    // when
    evaluateOnce(pi);
    execute(job(pi)); // roll back unhealthy version

    // then
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.END_ROLLBACK_REQUIRED,
            ModelLifecycle.EVENT_ROLLBACK_REQUIRED,
            ModelLifecycle.TASK_ROLL_BACK_UNHEALTHY,
            ModelLifecycle.END_UNHEALTHY_ROLLED_BACK)
        .isEnded();
    InOrder order = inOrder(health, release);
    order.verify(health).prepareRollback(any());
    order.verify(release).rollBackToPrevious(any());
    verify(health).closeAlerts(any());
  }

  @Test
  void shouldLetOperationsAcceptADatasetDriftOfAHighRiskModel() throws Exception {
    // given
    ProcessInstance pi = reachTriage();
    assertThat(task(pi)).hasCandidateGroup("ml-ops");

    // when
    complete(
        task(pi),
        withVariables(
            ModelLifecycle.TRIAGE_DECISION.name(), "ACCEPT",
            ModelLifecycle.TRIAGE_ACCEPT_DAYS.name(), 14,
            ModelLifecycle.TRIAGE_COMMENT.name(), "Seasonal shift, expected"));
    execute(job(pi)); // save point after the task
    execute(job(pi)); // accept model alert

    // then
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_ACCEPT_ALERT)
        .isWaitingAt(ModelLifecycle.TIMER_MONITORING_INTERVAL);
    verify(triageDecision).notify(any(DelegateTask.class));
    verify(health).acceptAlert(any());
  }

  @Test
  void shouldRetrainWhenOperationsDecideSoInTriage() throws Exception {
    // given
    ProcessInstance pi = reachTriage();

    // when
    complete(
        task(pi),
        withVariables(
            ModelLifecycle.TRIAGE_DECISION.name(), "RETRAIN",
            ModelLifecycle.TRIAGE_COMMENT.name(), "New fraud pattern"));
    execute(job(pi));
    execute(job(pi));

    // then
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_REQUEST_RETRAINING)
        .isWaitingAt(ModelLifecycle.TIMER_MONITORING_INTERVAL);
    verify(health).requestRetraining(any());
  }

  @Test
  void shouldRollBackWhenOperationsDecideSoInTriage() throws Exception {
    // given
    ProcessInstance pi = reachTriage();

    // when
    complete(
        task(pi),
        withVariables(
            ModelLifecycle.TRIAGE_DECISION.name(), "ROLL_BACK",
            ModelLifecycle.TRIAGE_COMMENT.name(), "Too risky to keep"));
    execute(job(pi));
    execute(job(pi));

    // then
    assertThat(pi).hasPassed(ModelLifecycle.TASK_ROLL_BACK_UNHEALTHY).isEnded();
    verify(release).rollBackToPrevious(any());
  }

  @Test
  void shouldNotWaitForAScheduleWhenTheVersionHasNone() throws Exception {
    // when
    ProcessInstance pi = reachProduction();

    // then
    assertThat(pi).hasPassed(ModelLifecycle.END_NO_RETRAINING_SCHEDULE);
    org.assertj.core.api.Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).count())
        .isEqualTo(1);
  }

  @Test
  void shouldRequestRetrainingOnTheScheduleWhileInProduction() throws Exception {
    // given: a version retrained every 30 days
    when(retrainingSchedule.scheduled(any())).thenReturn(true);
    when(retrainingSchedule.next(any()))
        .thenReturn(
            java.util.Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(30))));
    ProcessInstance pi = reachProduction();

    // when the schedule is due twice
    for (int round = 0; round < 2; round++) {
      execute(job(ModelLifecycle.TIMER_RETRAINING_SCHEDULE, pi));
      execute(job(ModelLifecycle.TASK_REQUEST_SCHEDULED_RETRAINING, pi));
    }

    // then: health monitoring goes on independently
    assertThat(pi)
        .hasNotPassed(ModelLifecycle.END_NO_RETRAINING_SCHEDULE)
        .isWaitingAt(
            ModelLifecycle.TIMER_MONITORING_INTERVAL, ModelLifecycle.TIMER_RETRAINING_SCHEDULE);
    verify(retrainingSchedule, times(2)).request(any());
    verify(health, never()).evaluate(any());
  }

  @Test
  void shouldStopMonitoringAndRetireWhenReplaced() throws Exception {
    // given
    ProcessInstance pi = reachProduction();

    // when
    runtimeService()
        .createMessageCorrelation(ModelLifecycle.MESSAGE_REPLACED)
        .processInstanceId(pi.getId())
        .setVariable(ModelLifecycle.SUPERSEDED_BY.name(), "2.0.0")
        .correlate();
    execute(job(pi));

    // then
    assertThat(pi).hasPassed(ModelLifecycle.TASK_RETIRE).isEnded();
    verify(health).closeAlerts(any());
    verify(health, never()).evaluate(any());
  }

  @Test
  void shouldRemindAndEscalateAnOverdueReleaseApprovalAndKeepItOpen() throws Exception {
    // given a MEDIUM version waiting for the release approval
    ProcessInstance pi = reachReview("MEDIUM");
    decide(pi, ModelLifecycle.DECISION_APPROVE, "Fine");
    passApprovalGuard(pi);
    execute(job(pi)); // deploy to staging
    execute(job(pi)); // check staging
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_APPROVE_RELEASE);

    // then its timers follow the policy (MEDIUM: reminder after 4 hours, escalation after 12)
    assertTimers(
        pi,
        ModelLifecycle.TIMER_RELEASE_APPROVAL_OVERDUE,
        ModelLifecycle.TIMER_RELEASE_APPROVAL_ESCALATION_DUE,
        Duration.ofHours(8));

    // when both fire
    execute(job(ModelLifecycle.TIMER_RELEASE_APPROVAL_OVERDUE, pi));
    execute(job(ModelLifecycle.TASK_REMIND_RELEASE_APPROVERS, pi));
    execute(job(ModelLifecycle.TIMER_RELEASE_APPROVAL_ESCALATION_DUE, pi));
    execute(job(ModelLifecycle.TASK_ESCALATE_RELEASE_APPROVAL, pi));

    // then operations are reminded, the escalation is sent, and the approval still waits
    verify(taskReminders, times(1)).remind(any(DelegateExecution.class));
    verify(taskReminders, times(1)).escalate(any(DelegateExecution.class));
    assertThat(pi)
        .hasPassed(
            ModelLifecycle.TASK_REMIND_RELEASE_APPROVERS,
            ModelLifecycle.END_RELEASE_APPROVERS_REMINDED,
            ModelLifecycle.TASK_ESCALATE_RELEASE_APPROVAL,
            ModelLifecycle.END_RELEASE_APPROVAL_ESCALATED)
        .isWaitingAt(ModelLifecycle.TASK_APPROVE_RELEASE);
    assertThat(task(pi)).hasCandidateGroup(ModelLifecycle.GROUP_OPS);

    // when operations decide, the timers are gone with the task
    complete(task(pi), withVariables(ModelLifecycle.RELEASE_DECISION.name(), "APPROVE"));
    execute(job(pi));
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_APPROVE_RELEASE)
        .isWaitingAt(ModelLifecycle.TASK_START_CANARY);
  }

  @Test
  void shouldRemindAndEscalateAnOverdueCanaryDecisionAndKeepItOpen() throws Exception {
    // given an inconclusive canary of a LOW version
    ProcessInstance pi = reachCanaryWindow();
    canaryVerdict("INCONCLUSIVE");
    execute(job(pi));
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_DECIDE_CANARY);

    // then (LOW: reminder after 8 hours, escalation after a day)
    assertTimers(
        pi,
        ModelLifecycle.TIMER_CANARY_DECISION_OVERDUE,
        ModelLifecycle.TIMER_CANARY_DECISION_ESCALATION_DUE,
        Duration.ofHours(16));

    // when
    execute(job(ModelLifecycle.TIMER_CANARY_DECISION_OVERDUE, pi));
    execute(job(ModelLifecycle.TASK_REMIND_CANARY_DECIDERS, pi));
    execute(job(ModelLifecycle.TIMER_CANARY_DECISION_ESCALATION_DUE, pi));
    execute(job(ModelLifecycle.TASK_ESCALATE_CANARY_DECISION, pi));

    // then
    verify(taskReminders, times(1)).remind(any(DelegateExecution.class));
    verify(taskReminders, times(1)).escalate(any(DelegateExecution.class));
    assertThat(pi)
        .hasPassed(
            ModelLifecycle.TASK_REMIND_CANARY_DECIDERS,
            ModelLifecycle.END_CANARY_DECIDERS_REMINDED,
            ModelLifecycle.TASK_ESCALATE_CANARY_DECISION,
            ModelLifecycle.END_CANARY_DECISION_ESCALATED)
        .isWaitingAt(ModelLifecycle.TASK_DECIDE_CANARY);

    // when the window is extended and the canary is inconclusive again, the new decision has
    // timers of its own
    complete(task(pi), withVariables(ModelLifecycle.CANARY_DECISION.name(), "EXTEND"));
    execute(job(pi));
    execute(job(pi));
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_DECIDE_CANARY);
    assertTimers(
        pi,
        ModelLifecycle.TIMER_CANARY_DECISION_OVERDUE,
        ModelLifecycle.TIMER_CANARY_DECISION_ESCALATION_DUE,
        Duration.ofHours(16));
  }

  @Test
  void shouldRemindAndEscalateAnOverdueAlertTriageAndKeepItOpen() throws Exception {
    // given
    ProcessInstance pi = reachTriage();
    assertTimers(
        pi,
        ModelLifecycle.TIMER_ALERT_TRIAGE_OVERDUE,
        ModelLifecycle.TIMER_ALERT_TRIAGE_ESCALATION_DUE,
        Duration.ofHours(16));

    // when
    execute(job(ModelLifecycle.TIMER_ALERT_TRIAGE_OVERDUE, pi));
    execute(job(ModelLifecycle.TASK_REMIND_ALERT_TRIAGERS, pi));
    execute(job(ModelLifecycle.TIMER_ALERT_TRIAGE_ESCALATION_DUE, pi));
    execute(job(ModelLifecycle.TASK_ESCALATE_ALERT_TRIAGE, pi));

    // then
    verify(taskReminders, times(1)).remind(any(DelegateExecution.class));
    verify(taskReminders, times(1)).escalate(any(DelegateExecution.class));
    assertThat(pi)
        .hasPassed(
            ModelLifecycle.TASK_REMIND_ALERT_TRIAGERS,
            ModelLifecycle.END_ALERT_TRIAGERS_REMINDED,
            ModelLifecycle.TASK_ESCALATE_ALERT_TRIAGE,
            ModelLifecycle.END_ALERT_TRIAGE_ESCALATED)
        .isWaitingAt(ModelLifecycle.TASK_TRIAGE_ALERT);
    assertThat(task(pi)).hasCandidateGroup(ModelLifecycle.GROUP_OPS);
  }

  // Periodic revalidation and owner attestations (in production)

  @Test
  void shouldOpenTheRevalidationWhenDueAndWaitForTheNextOneAfterConfirmation() throws Exception {
    // given a version whose frozen schedule asks for revalidation
    ProcessInstance pi = reachRevalidation();

    // then: an evaluation was requested before the validators' task opened
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.TIMER_REVALIDATION_DUE, ModelLifecycle.SUBPROCESS_REEVALUATE);
    assertThat(task(ModelLifecycle.TASK_REVALIDATE, pi))
        .hasCandidateGroup(ModelLifecycle.GROUP_VALIDATORS);
    verify(revalidation).requestEvaluation(any());
    verify(revalidation).opened(any(DelegateTask.class));

    // when a validator confirms it (the outcome is read from the catalog, not the variables)
    when(revalidation.lastOutcome(any())).thenReturn(ModelLifecycle.REVALIDATION_CONFIRM);
    revalidate(pi, ModelLifecycle.REVALIDATION_REQUIRE_CHANGES);

    // then: the next cycle waits, monitoring goes on
    verify(revalidationDecision).notify(any(DelegateTask.class));
    assertThat(pi)
        .hasPassed(ModelLifecycle.GATEWAY_REVALIDATION_OUTCOME)
        .hasNotPassed(ModelLifecycle.TASK_NOTIFY_REVALIDATION_CHANGES)
        .isWaitingAt(
            ModelLifecycle.TIMER_REVALIDATION_DUE, ModelLifecycle.TIMER_MONITORING_INTERVAL);
    verify(revalidation, times(2)).revalidationDueAt(any());
  }

  @Test
  void shouldNotifyTheOwnerWhenARevalidationRequiresChangesAndRevalidateAgain() throws Exception {
    // given
    ProcessInstance pi = reachRevalidation();

    // when
    when(revalidation.lastOutcome(any())).thenReturn(ModelLifecycle.REVALIDATION_REQUIRE_CHANGES);
    revalidate(pi, ModelLifecycle.REVALIDATION_REQUIRE_CHANGES);
    execute(job(ModelLifecycle.TASK_NOTIFY_REVALIDATION_CHANGES, pi));

    // then
    verify(revalidation).changesRequired(any());
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_NOTIFY_REVALIDATION_CHANGES)
        .isWaitingAt(ModelLifecycle.TIMER_REVALIDATION_DUE);
  }

  @Test
  void shouldRemindAndEscalateAnOverdueRevalidationAndKeepItOpen() throws Exception {
    // given
    ProcessInstance pi = reachRevalidation();
    assertTimers(
        pi,
        ModelLifecycle.TIMER_REVALIDATION_OVERDUE,
        ModelLifecycle.TIMER_REVALIDATION_ESCALATION_DUE,
        Duration.ofDays(7));

    // when
    execute(job(ModelLifecycle.TIMER_REVALIDATION_OVERDUE, pi));
    execute(job(ModelLifecycle.TASK_REMIND_REVALIDATORS, pi));
    execute(job(ModelLifecycle.TIMER_REVALIDATION_ESCALATION_DUE, pi));
    execute(job(ModelLifecycle.TASK_ESCALATE_REVALIDATION, pi));

    // then
    verify(taskReminders).remind(any(DelegateExecution.class));
    verify(taskReminders).escalate(any(DelegateExecution.class));
    assertThat(pi)
        .hasPassed(
            ModelLifecycle.END_REVALIDATORS_REMINDED, ModelLifecycle.END_REVALIDATION_ESCALATED)
        .isWaitingAt(ModelLifecycle.TASK_REVALIDATE);
  }

  @Test
  void shouldAskTheOwnerToAttestAndWaitForTheNextAttestationWhenStillUsedAsIntended()
      throws Exception {
    // given
    ProcessInstance pi = reachAttestation();
    assertThat(task(ModelLifecycle.TASK_ATTEST, pi)).isAssignedTo("ci-bot");

    // when the owner says yes
    when(revalidation.lastAttestationOk(any())).thenReturn(true);
    attest(pi, false);

    // then
    verify(attestation).notify(any(DelegateTask.class));
    assertThat(pi)
        .hasPassed(ModelLifecycle.GATEWAY_STILL_USED_AS_INTENDED)
        .hasNotPassed(ModelLifecycle.TASK_RAISE_ATTESTATION_ALERT)
        .isWaitingAt(ModelLifecycle.TIMER_ATTESTATION_DUE);
  }

  @Test
  void shouldRaiseAnAlertWhenTheOwnerNoLongerAttestsTheIntendedUse() throws Exception {
    // given
    ProcessInstance pi = reachAttestation();

    // when the owner says no (the answer is read from the catalog)
    when(revalidation.lastAttestationOk(any())).thenReturn(false);
    attest(pi, true);
    execute(job(ModelLifecycle.TASK_RAISE_ATTESTATION_ALERT, pi));

    // then
    verify(revalidation).attestationDenied(any());
    assertThat(pi)
        .hasPassed(ModelLifecycle.TASK_RAISE_ATTESTATION_ALERT)
        .isWaitingAt(ModelLifecycle.TIMER_ATTESTATION_DUE);
  }

  @Test
  void shouldRemindTheOwnerAndEscalateAnOverdueAttestation() throws Exception {
    // given
    ProcessInstance pi = reachAttestation();
    assertTimers(
        pi,
        ModelLifecycle.TIMER_ATTESTATION_OVERDUE,
        ModelLifecycle.TIMER_ATTESTATION_ESCALATION_DUE,
        Duration.ofDays(7));

    // when
    execute(job(ModelLifecycle.TIMER_ATTESTATION_OVERDUE, pi));
    execute(job(ModelLifecycle.TASK_REMIND_ATTESTER, pi));
    execute(job(ModelLifecycle.TIMER_ATTESTATION_ESCALATION_DUE, pi));
    execute(job(ModelLifecycle.TASK_ESCALATE_ATTESTATION, pi));

    // then
    verify(revalidation).remindAttester(any());
    verify(revalidation).escalateAttestation(any());
    assertThat(pi)
        .hasPassed(ModelLifecycle.END_ATTESTER_REMINDED, ModelLifecycle.END_ATTESTATION_ESCALATED)
        .isWaitingAt(ModelLifecycle.TASK_ATTEST);
  }

  @Test
  void shouldCancelOpenRevalidationAndAttestationWhenTheVersionLeavesProduction() throws Exception {
    // given both tasks open
    ProcessInstance pi = reachRevalidation();
    execute(job(ModelLifecycle.TIMER_ATTESTATION_DUE, pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVALIDATE, ModelLifecycle.TASK_ATTEST);

    // when a newer version replaces it
    runtimeService()
        .createMessageCorrelation(ModelLifecycle.MESSAGE_REPLACED)
        .processInstanceId(pi.getId())
        .setVariable(ModelLifecycle.SUPERSEDED_BY.name(), "2.0.0")
        .correlate();
    execute(job(pi));

    // then
    assertThat(pi).hasPassed(ModelLifecycle.TASK_RETIRE).isEnded();
    org.assertj.core.api.Assertions.assertThat(
            org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery()
                .processInstanceId(pi.getId())
                .count())
        .isZero();
    verify(revalidationDecision, never()).notify(any(DelegateTask.class));
    verify(attestation, never()).notify(any(DelegateTask.class));
  }

  @Test
  void shouldFreezeTheRevalidationScheduleWhenMonitoringStarts() throws Exception {
    // when
    ProcessInstance pi = reachProduction();

    // then: without a schedule (mock), neither branch waits
    verify(revalidation).schedule(any());
    assertThat(pi)
        .hasPassed(
            ModelLifecycle.END_NO_REVALIDATION_SCHEDULE,
            ModelLifecycle.END_NO_ATTESTATION_SCHEDULE);
  }

  /** A production version (schedule frozen) whose revalidation review is open. */
  private ProcessInstance reachRevalidation() throws Exception {
    scheduleRevalidation();
    ProcessInstance pi = reachProduction();
    assertThat(pi).isWaitingAt(ModelLifecycle.TIMER_REVALIDATION_DUE);
    execute(job(ModelLifecycle.TIMER_REVALIDATION_DUE, pi));
    evaluationDataset(false);
    execute(job(ModelLifecycle.SUBPROCESS_REEVALUATE, pi));
    execute(job(calledEvaluation(pi))); // open evaluation request: no dataset, so it ends
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVALIDATE);
    return pi;
  }

  /** What the catalog answers when model-evaluation opens its request. */
  private void evaluationDataset(boolean registered) {
    doAnswer(
            invocation -> {
              DelegateExecution execution = invocation.getArgument(0);
              ModelEvaluation.MODEL_NAME.set(execution, "fraud-detector");
              if (registered) {
                ModelEvaluation.REQUEST_ID.set(execution, "request-2");
              }
              ModelEvaluation.DATASET_REGISTERED.set(execution, registered);
              return null;
            })
        .when(evaluations)
        .open(any());
  }

  private ProcessInstance calledEvaluation(ProcessInstance lifecycle) {
    return runtimeService()
        .createProcessInstanceQuery()
        .superProcessInstanceId(lifecycle.getId())
        .singleResult();
  }

  @Test
  void shouldRunAFreshIndependentEvaluationBeforeTheRevalidationReviewOpens() throws Exception {
    // given a production version whose revalidation is due, and a governed evaluation dataset
    scheduleRevalidation();
    ProcessInstance pi = reachProduction();
    execute(job(ModelLifecycle.TIMER_REVALIDATION_DUE, pi));
    evaluationDataset(true);

    // when the lifecycle calls model-evaluation with the version's id
    execute(job(ModelLifecycle.SUBPROCESS_REEVALUATE, pi));
    ProcessInstance evaluation = calledEvaluation(pi);
    org.assertj.core.api.Assertions.assertThat(
            runtimeService()
                .getVariable(evaluation.getId(), ModelEvaluation.MODEL_VERSION_ID.name()))
        .isEqualTo("6f1c2a6e-0000-4000-8000-000000000001");
    execute(job(evaluation)); // open evaluation request
    execute(job(evaluation)); // async before "Evaluate model version"

    // then no validator sees the review before the evaluation is in
    assertThat(pi).isWaitingAt(ModelLifecycle.SUBPROCESS_REEVALUATE);
    assertThat(evaluation).isWaitingAt(ModelEvaluation.TASK_EVALUATE);

    // when the orchestrator completes the evaluation task (after storing the computed metrics)
    String taskId =
        externalTaskService()
            .fetchAndLock(1, "test-evaluator")
            .topic(ModelEvaluation.TOPIC_EVALUATION, 60_000)
            .execute()
            .get(0)
            .getId();
    externalTaskService().complete(taskId, "test-evaluator");

    // then the revalidation review opens, after the evaluation
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.TIMER_REVALIDATION_DUE, ModelLifecycle.SUBPROCESS_REEVALUATE)
        .isWaitingAt(ModelLifecycle.TASK_REVALIDATE);
    verify(revalidation).requestEvaluation(any());
  }

  /** A production version (schedule frozen) whose owner attestation is open. */
  private ProcessInstance reachAttestation() throws Exception {
    scheduleRevalidation();
    ProcessInstance pi = reachProduction();
    assertThat(pi).isWaitingAt(ModelLifecycle.TIMER_ATTESTATION_DUE);
    execute(job(ModelLifecycle.TIMER_ATTESTATION_DUE, pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_ATTEST);
    return pi;
  }

  private void scheduleRevalidation() {
    when(revalidation.revalidationScheduled(any())).thenReturn(true);
    when(revalidation.attestationScheduled(any())).thenReturn(true);
    java.util.Date later = java.util.Date.from(java.time.Instant.now().plus(Duration.ofDays(90)));
    when(revalidation.revalidationDueAt(any())).thenReturn(later);
    when(revalidation.attestationDueAt(any())).thenReturn(later);
    when(revalidation.reminderAfter(any())).thenReturn("P7D");
    when(revalidation.escalationAfter(any())).thenReturn("P14D");
    when(revalidation.attester(any())).thenReturn("ci-bot");
  }

  /**
   * Completes the revalidation task with {@code variableDecision} in its variables (the gateway
   * reads the recorded outcome instead) and runs the save point after it.
   */
  private static void revalidate(ProcessInstance pi, String variableDecision) {
    complete(
        task(ModelLifecycle.TASK_REVALIDATE, pi),
        withVariables(
            ModelLifecycle.REVALIDATION_DECISION.name(),
            variableDecision,
            ModelLifecycle.REVALIDATION_COMMENT.name(),
            "Checked"));
    execute(job(ModelLifecycle.TASK_REVALIDATE, pi));
  }

  /** Completes the attestation with {@code variableAnswer} (the gateway reads the catalog). */
  private static void attest(ProcessInstance pi, boolean variableAnswer) {
    complete(
        task(ModelLifecycle.TASK_ATTEST, pi),
        withVariables(
            ModelLifecycle.STILL_USED_AS_INTENDED.name(),
            variableAnswer,
            ModelLifecycle.ATTESTATION_COMMENT.name(),
            "Inputs changed"));
    execute(job(ModelLifecycle.TASK_ATTEST, pi));
  }

  /** Both timers of a task wait, the escalation {@code gap} after the reminder (to the second). */
  private static void assertTimers(
      ProcessInstance pi, String reminder, String escalation, Duration gap) {
    java.util.Date reminderDue = job(reminder, pi).getDuedate();
    java.util.Date escalationDue = job(escalation, pi).getDuedate();
    org.assertj.core.api.Assertions.assertThat(
            Duration.ofMillis(escalationDue.getTime() - reminderDue.getTime()))
        .isBetween(gap.minusSeconds(1), gap.plusSeconds(1));
  }

  /** A LOW-risk version in production, its monitoring timer waiting. */
  private ProcessInstance reachProduction() throws Exception {
    ProcessInstance pi = reachCanaryWindow();
    canaryVerdict("HEALTHY");
    execute(job(pi));
    execute(job(pi));
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TIMER_MONITORING_INTERVAL);
    return pi;
  }

  /** A production version whose dataset drifts, HIGH risk: operations triage it. */
  private ProcessInstance reachTriage() throws Exception {
    ProcessInstance pi = reachProduction();
    healthFound(true, 0, true, true, 4, "HIGH");
    evaluateOnce(pi);
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_TRIAGE_ALERT);
    return pi;
  }

  private static void evaluateOnce(ProcessInstance pi) {
    execute(job(pi)); // monitoring interval elapsed
    execute(job(pi)); // evaluate model health
    execute(job(pi)); // determine health action
  }

  private void healthFound(
      boolean newAlert,
      int breaches,
      boolean previousVersion,
      boolean datasetDrift,
      int driftedFeatures,
      String riskTier) {
    doAnswer(
            invocation -> {
              DelegateExecution execution = invocation.getArgument(0);
              ModelLifecycle.HEALTH_EVALUATION_ID.set(
                  execution, "6f1c2a6e-0000-4000-8000-0000000000e1");
              ModelLifecycle.NEW_ALERT.set(execution, newAlert);
              ModelLifecycle.METRIC_BREACHES.set(execution, breaches);
              ModelLifecycle.PREVIOUS_VERSION_EXISTS.set(execution, previousVersion);
              ModelLifecycle.DATASET_DRIFT.set(execution, datasetDrift);
              ModelLifecycle.DRIFTED_FEATURES.set(execution, driftedFeatures);
              ModelLifecycle.RISK_TIER.set(execution, riskTier);
              ModelLifecycle.HEALTH_SUMMARY.set(execution, "summary");
              return null;
            })
        .when(health)
        .evaluate(any());
  }

  /** A LOW-risk lifecycle approved by policy, waiting to be deployed to staging. */
  private ProcessInstance reachStaging(String riskTier) throws Exception {
    validationResult(true, 0);
    ProcessInstance pi = startLifecycle(riskTier);
    for (int i = 0; i < 4; i++) {
      execute(job(pi));
    }
    passApprovalGuard(pi);
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_DEPLOY_STAGING);
    return pi;
  }

  /** A LOW-risk lifecycle whose canary runs. */
  private ProcessInstance reachCanaryWindow() throws Exception {
    ProcessInstance pi = reachStaging("LOW");
    execute(job(pi));
    execute(job(pi));
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TIMER_CANARY_WINDOW);
    return pi;
  }

  private void canaryVerdict(String verdict) {
    doAnswer(
            invocation -> {
              DelegateExecution execution = invocation.getArgument(0);
              ModelLifecycle.CANARY_VERDICT.set(execution, verdict);
              ModelLifecycle.CANARY_REPORT.set(execution, verdict);
              return null;
            })
        .when(release)
        .analyzeCanary(any());
  }

  /**
   * Runs "Model version approved" (a save point of its own): its guard is asked first, then the
   * catalog status changes.
   */
  private void passApprovalGuard(ProcessInstance pi) {
    assertThat(pi).isWaitingAt(ModelLifecycle.EVENT_APPROVED);
    execute(job(pi));
    InOrder order = inOrder(controls, catalogStatus);
    order.verify(controls).checkApproved(any());
    order.verify(catalogStatus).update(any(DelegateExecution.class), eq("APPROVED"));
  }

  /** Completes the open review task and runs the save point after it. */
  private static void decide(ProcessInstance pi, String decision, String comment) {
    complete(
        task(pi),
        withVariables(
            ModelLifecycle.REVIEW_DECISION.name(), decision,
            ModelLifecycle.REVIEW_COMMENT.name(), comment));
    execute(job(pi));
  }

  /** A lifecycle whose validation passed, waiting at its first review task. */
  private ProcessInstance reachReview(String riskTier) throws Exception {
    return reachReview(riskTier, 0);
  }

  private ProcessInstance reachReview(String riskTier, int warnings) throws Exception {
    validationResult(true, warnings);
    ProcessInstance pi = startLifecycle(riskTier);
    execute(job(pi));
    execute(job(pi));
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVIEW);
    return pi;
  }

  private void validationResult(boolean passed, int warnings) throws Exception {
    List<ValidationCheck> checks = new ArrayList<>();
    checks.add(
        new ValidationCheck(
            "docs", passed ? CheckStatus.PASS : CheckStatus.FAIL, null, null, "docs"));
    for (int i = 0; i < warnings; i++) {
      checks.add(new ValidationCheck("warning-" + i, CheckStatus.WARN, null, null, "warning"));
    }
    report =
        new ValidationReport(UUID.randomUUID(), VERSION_ID, OffsetDateTime.now(), null, checks);
    doAnswer(
            invocation -> {
              DelegateExecution execution = invocation.getArgument(0);
              ModelLifecycle.VALIDATION_PASSED.set(execution, passed);
              ModelLifecycle.VALIDATION_WARNINGS.set(execution, warnings);
              ModelLifecycle.CHAMPION_EXISTS.set(execution, false);
              ModelLifecycle.VALIDATION_SUMMARY.set(execution, passed ? "PASS all" : "FAIL docs");
              if (!passed) {
                ModelLifecycle.REJECTION_REASON.set(execution, "Validation failed");
              }
              return null;
            })
        .when(validate)
        .execute(any());
  }

  private static ProcessInstance startLifecycle(String riskTier) {
    Map<String, Object> variables = new HashMap<>();
    ModelLifecycle.MODEL_VERSION_ID.putInto(variables, "6f1c2a6e-0000-4000-8000-000000000001");
    ModelLifecycle.MODEL_NAME.putInto(variables, "fraud-detector");
    ModelLifecycle.MODEL_VERSION.putInto(variables, "1.0.0");
    ModelLifecycle.REGISTERED_BY.putInto(variables, "ci-bot");
    ModelLifecycle.RISK_TIER.putInto(variables, riskTier);
    ModelLifecycle.MODEL_TYPE.putInto(variables, "ML");
    return runtimeService()
        .startProcessInstanceByKey(
            ModelLifecycle.KEY, ModelLifecycle.businessKey("fraud-detector", "1.0.0"), variables);
  }
}
