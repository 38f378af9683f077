package io.modelops.orchestrator.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.modelops.orchestrator.findings.FindingRemediations;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code finding-remediation}, on an in-memory engine with the job executor off and
 * the register's side ({@link FindingRemediations}, the task listener) replaced by mocks: what the
 * register says (owner, dates, closed or not) steers the process.
 */
@Deployment(resources = "processes/finding-remediation.bpmn")
class FindingRemediationProcessTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE =
      ProcessEngineCoverageExtension.builder()
          .configurationResource("process-test.camunda.cfg.xml")
          .assertClassCoverageAtLeast(0.9)
          .build();

  private final FindingRemediations register = mock(FindingRemediations.class);
  private final TaskListener taskListener = mock(TaskListener.class);
  private final String findingId = UUID.randomUUID().toString();

  @BeforeEach
  void registerMocks() {
    Mocks.register("findingRemediation", register);
    Mocks.register("findingTaskListener", taskListener);
    when(register.owner(any())).thenReturn("dana");
    Instant overdue = Instant.now().plus(46, ChronoUnit.DAYS);
    when(register.overdueAt(any())).thenReturn(Date.from(overdue));
    when(register.escalationAt(any())).thenReturn(Date.from(overdue.plus(7, ChronoUnit.DAYS)));
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void shouldCloseTheFindingWhenTheValidatorAcceptsTheRemediation() {
    // given
    ProcessInstance instance = start();
    assertThat(instance).isWaitingAt(FindingRemediation.TASK_REMEDIATE);
    assertThat(task(instance)).isAssignedTo("dana");

    // when: the owner remediates, a validator closes
    complete(task(instance), withVariables(FindingRemediation.REMEDIATION.name(), "Plot added"));
    assertThat(instance).isWaitingAt(FindingRemediation.TASK_VERIFY);
    assertThat(task(instance))
        .hasCandidateGroup("model-validators")
        .hasCandidateGroup("model-risk");
    when(register.closed(any())).thenReturn(true);
    complete(task(instance), withVariables(FindingRemediation.VERDICT.name(), "CLOSE"));

    // then
    assertThat(instance)
        .hasPassed(FindingRemediation.TASK_VERIFY)
        .isEnded()
        .hasPassed(FindingRemediation.END_CLOSED);
    // create and complete of both tasks
    verify(taskListener, times(4)).notify(any(DelegateTask.class));
    verify(register, never()).remind(any());
  }

  @Test
  void shouldGoBackToTheOwnerWhenTheRemediationIsReopened() {
    // given
    ProcessInstance instance = start();
    complete(task(instance));

    // when: the validator reopens (the register says it is not closed)
    when(register.closed(any())).thenReturn(false);
    complete(task(instance), withVariables(FindingRemediation.VERDICT.name(), "REOPEN"));

    // then: the owner remediates again; the second time it closes
    assertThat(instance).isWaitingAt(FindingRemediation.TASK_REMEDIATE);
    complete(task(instance));
    when(register.closed(any())).thenReturn(true);
    complete(task(instance));
    assertThat(instance).isEnded().hasPassed(FindingRemediation.END_CLOSED);
  }

  @Test
  void shouldEndTheRemediationWhenModelRiskAcceptsTheRisk() {
    // given: waiting for the validator
    ProcessInstance instance = start();
    complete(task(instance));

    // when
    runtimeService()
        .createMessageCorrelation(FindingRemediation.MESSAGE_RISK_ACCEPTED)
        .processInstanceBusinessKey(findingId)
        .correlate();

    // then
    assertThat(instance)
        .isEnded()
        .hasPassed(FindingRemediation.END_RISK_ACCEPTED)
        .hasNotPassed(FindingRemediation.END_CLOSED);
  }

  @Test
  void shouldRemindTheOwnerWhenOverdueAndEscalateToModelRiskOnceEachWhileTheWorkGoesOn() {
    // given
    ProcessInstance instance = start();
    org.assertj.core.api.Assertions.assertThat(jobQuery().timers().count()).isEqualTo(2);

    // when: the finding becomes overdue
    execute(job(FindingRemediation.EVENT_OVERDUE, instance));
    execute(job(FindingRemediation.TASK_REMIND_OWNER, instance));

    // then: the owner is reminded, the task stays
    verify(register, times(1)).remind(any());
    assertThat(instance)
        .hasPassed(FindingRemediation.END_OWNER_REMINDED)
        .isWaitingAt(FindingRemediation.TASK_REMEDIATE);

    // when: the grace runs out, while the remediation waits for its verification
    complete(task(instance));
    execute(job(FindingRemediation.EVENT_ESCALATION_DUE, instance));
    execute(job(FindingRemediation.TASK_ESCALATE, instance));

    // then: escalated once; no timer is left to fire again
    verify(register, times(1)).escalate(any());
    assertThat(instance)
        .hasPassed(FindingRemediation.END_ESCALATED)
        .isWaitingAt(FindingRemediation.TASK_VERIFY);
    org.assertj.core.api.Assertions.assertThat(jobQuery().count()).isZero();

    // and: closing ends it
    when(register.closed(any())).thenReturn(true);
    complete(task(instance));
    assertThat(instance).isEnded();
  }

  private ProcessInstance start() {
    return runtimeService().startProcessInstanceByKey(FindingRemediation.KEY, findingId);
  }
}
