package io.modelops.orchestrator.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.modelops.orchestrator.retraining.RetrainingSteps;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of {@code model-retraining}, on an in-memory engine with the job executor off. */
@Deployment(resources = "processes/model-retraining.bpmn")
class ModelRetrainingProcessTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE =
      ProcessEngineCoverageExtension.builder()
          .configurationResource("process-test.camunda.cfg.xml")
          .assertClassCoverageAtLeast(0.9)
          .build();

  private final RetrainingSteps steps = mock(RetrainingSteps.class);

  @BeforeEach
  void registerMocks() {
    Mocks.register("retrainingSteps", steps);
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void shouldStartOnTheRetrainingMessageAndNotifyTheOwner() {
    // when
    ProcessInstance pi = requestRetraining();
    assertThat(pi).hasBusinessKey("fraud-detector").isWaitingAt(ModelRetraining.TASK_NOTIFY_OWNER);
    execute(job(pi));

    // then
    assertThat(pi)
        .hasPassedInOrder(
            ModelRetraining.START_REQUESTED,
            ModelRetraining.TASK_NOTIFY_OWNER,
            ModelRetraining.END_REQUESTED)
        .isEnded();
    verify(steps).notifyOwner(any());
  }

  @Test
  void shouldRetryTheNotificationWhenItFails() {
    // given
    doThrow(new IllegalStateException("outbox unavailable")).when(steps).notifyOwner(any());
    ProcessInstance pi = requestRetraining();

    // when: the job fails and keeps its remaining retries (R5/PT1M), due again later
    assertThatThrownBy(() -> execute(job(pi))).hasMessageContaining("outbox unavailable");

    // then
    assertThat(pi).isWaitingAt(ModelRetraining.TASK_NOTIFY_OWNER);
    org.assertj.core.api.Assertions.assertThat(job(pi).getRetries()).isEqualTo(4);
    verify(steps, times(1)).notifyOwner(any());
  }

  private static ProcessInstance requestRetraining() {
    return runtimeService()
        .createMessageCorrelation(ModelRetraining.MESSAGE_REQUESTED)
        .processInstanceBusinessKey("fraud-detector")
        .setVariable(ModelRetraining.REQUEST_ID.name(), "6f1c2a6e-0000-4000-8000-0000000000r1")
        .setVariable(ModelRetraining.REASON.name(), "Dataset drift")
        .correlateStartMessage();
  }
}
