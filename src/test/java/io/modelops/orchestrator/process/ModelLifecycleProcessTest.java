package io.modelops.orchestrator.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.modelops.orchestrator.approval.ReviewDecisionListener;
import io.modelops.orchestrator.catalog.CatalogStatusListener;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
 * Every path of {@code model-lifecycle}, on an in-memory engine with the job executor off and the
 * delegates replaced by mocks. Coverage of the model must stay at 90 % or more.
 */
@Deployment(resources = "processes/model-lifecycle.bpmn")
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
  private final JavaDelegate notifyRejection = mock(JavaDelegate.class);
  private final CatalogStatusListener catalogStatus = mock(CatalogStatusListener.class);
  private final ReviewDecisionListener reviewDecision = mock(ReviewDecisionListener.class);

  @BeforeEach
  void registerMocks() {
    Mocks.register("recordRegistrationDelegate", recordRegistration);
    Mocks.register("validateModelVersionDelegate", validate);
    Mocks.register("notifyOwnerOfRejectionDelegate", notifyRejection);
    Mocks.register("catalogStatus", catalogStatus);
    Mocks.register("reviewDecisionListener", reviewDecision);
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void shouldWaitForReviewWhenValidationPasses() throws Exception {
    // given
    validationResult(true);

    // when
    ProcessInstance pi = startLifecycle();

    // then
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_RECORD_REGISTRATION);
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_VALIDATE);
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVIEW);
    assertThat(task(pi)).hasCandidateGroup(ModelLifecycle.GROUP_VALIDATORS);
    verify(catalogStatus).updateOnTask(any(DelegateTask.class), eq("IN_REVIEW"));
    verify(recordRegistration).execute(any());
    verify(validate).execute(any());
  }

  @Test
  void shouldEndApprovedWhenReviewerApproves() throws Exception {
    // given
    ProcessInstance pi = reachReview();

    // when
    complete(
        task(pi),
        withVariables(
            ModelLifecycle.REVIEW_DECISION.name(), ModelLifecycle.DECISION_APPROVE,
            ModelLifecycle.REVIEW_COMMENT.name(), "Evidence is sufficient"));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVIEW); // save point after the review
    execute(job(pi));

    // then
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.TASK_RECORD_REGISTRATION,
            ModelLifecycle.TASK_VALIDATE,
            ModelLifecycle.GATEWAY_VALIDATION_PASSED,
            ModelLifecycle.TASK_REVIEW,
            ModelLifecycle.GATEWAY_APPROVED,
            ModelLifecycle.END_APPROVED)
        .hasNotPassed(ModelLifecycle.TASK_NOTIFY_REJECTION)
        .isEnded();
    verify(reviewDecision).notify(any(DelegateTask.class));
    verify(catalogStatus).update(any(DelegateExecution.class), eq("APPROVED"));
    verify(notifyRejection, never()).execute(any());
  }

  @Test
  void shouldNotifyOwnerAndEndRejectedWhenReviewerRejects() throws Exception {
    // given
    ProcessInstance pi = reachReview();

    // when
    complete(
        task(pi),
        withVariables(
            ModelLifecycle.REVIEW_DECISION.name(), ModelLifecycle.DECISION_REJECT,
            ModelLifecycle.REVIEW_COMMENT.name(), "No fairness evidence"));
    execute(job(pi));

    // then
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_NOTIFY_REJECTION);
    execute(job(pi));
    assertThat(pi)
        .hasPassedInOrder(
            ModelLifecycle.TASK_REVIEW,
            ModelLifecycle.GATEWAY_APPROVED,
            ModelLifecycle.TASK_NOTIFY_REJECTION,
            ModelLifecycle.END_REJECTED)
        .hasNotPassed(ModelLifecycle.END_APPROVED)
        .isEnded();
    InOrder order = inOrder(notifyRejection, catalogStatus);
    order.verify(notifyRejection).execute(any());
    order.verify(catalogStatus).update(any(DelegateExecution.class), eq("REJECTED"));
  }

  @Test
  void shouldNotifyOwnerAndEndRejectedWhenValidationFails() throws Exception {
    // given
    validationResult(false);

    // when
    ProcessInstance pi = startLifecycle();
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
        .hasNotPassed(ModelLifecycle.TASK_REVIEW)
        .isEnded();
    verify(catalogStatus).update(any(DelegateExecution.class), eq("REJECTED"));
  }

  @Test
  void shouldStayInReviewWhenTheDecisionIsRefused() throws Exception {
    // given
    ProcessInstance pi = reachReview();
    doAnswer(
            invocation -> {
              throw new org.camunda.bpm.engine.AuthorizationException("Segregation of duties");
            })
        .when(reviewDecision)
        .notify(any(DelegateTask.class));

    // when
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                complete(
                    task(pi),
                    withVariables(
                        ModelLifecycle.REVIEW_DECISION.name(), ModelLifecycle.DECISION_APPROVE)))
        .hasMessageContaining("Segregation of duties");

    // then
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVIEW);
    assertThat(task(pi)).isNotNull();
  }

  /** A lifecycle whose validation passed, waiting at the review task. */
  private ProcessInstance reachReview() throws Exception {
    validationResult(true);
    ProcessInstance pi = startLifecycle();
    execute(job(pi));
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelLifecycle.TASK_REVIEW);
    return pi;
  }

  private void validationResult(boolean passed) throws Exception {
    doAnswer(
            invocation -> {
              DelegateExecution execution = invocation.getArgument(0);
              ModelLifecycle.VALIDATION_PASSED.set(execution, passed);
              ModelLifecycle.VALIDATION_SUMMARY.set(execution, passed ? "PASS all" : "FAIL docs");
              if (!passed) {
                ModelLifecycle.REJECTION_REASON.set(execution, "Validation failed");
              }
              return null;
            })
        .when(validate)
        .execute(any());
  }

  private static ProcessInstance startLifecycle() {
    Map<String, Object> variables = new HashMap<>();
    ModelLifecycle.MODEL_VERSION_ID.putInto(variables, "6f1c2a6e-0000-4000-8000-000000000001");
    ModelLifecycle.MODEL_NAME.putInto(variables, "fraud-detector");
    ModelLifecycle.MODEL_VERSION.putInto(variables, "1.0.0");
    ModelLifecycle.REGISTERED_BY.putInto(variables, "ci-bot");
    ModelLifecycle.RISK_TIER.putInto(variables, "HIGH");
    return runtimeService()
        .startProcessInstanceByKey(
            ModelLifecycle.KEY, ModelLifecycle.businessKey("fraud-detector", "1.0.0"), variables);
  }
}
