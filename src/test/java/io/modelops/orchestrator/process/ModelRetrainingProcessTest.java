package io.modelops.orchestrator.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.modelops.orchestrator.retraining.RetrainingSteps;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
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

  private static final String WORKER = "test-worker";

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
  void shouldTrainOnAWorkerRegisterTheCandidateAndEndWhenItIsPromoted() {
    // given
    ProcessInstance pi = requestRetraining(ModelRetraining.TRAINER_WORKER);
    execute(job(pi)); // notify owner
    execute(job(pi)); // prepare
    execute(job(pi)); // async before "Train model"
    assertThat(pi).isWaitingAt(ModelRetraining.TASK_TRAIN_MODEL);

    // when: a worker trains the model
    LockedExternalTask task = fetchTrainingTask();
    org.assertj.core.api.Assertions.assertThat(task.getVariables())
        .containsEntry("modelName", "fraud-detector")
        .containsEntry("candidateVersion", "1.0.1")
        .containsEntry("trainingDataRef", "s3://data/fraud/latest");
    externalTaskService()
        .complete(
            task.getId(),
            WORKER,
            Map.of(ModelRetraining.TRAINING_RESULT, "{\"artifactUri\":\"s3://m\"}"));
    execute(job(pi)); // register candidate
    assertThat(pi).isWaitingAt(ModelRetraining.TASK_WAIT_FOR_CANDIDATE);
    candidateDecided(pi, "IN_PRODUCTION");

    // then
    assertThat(pi)
        .hasPassedInOrder(
            ModelRetraining.START_REQUESTED,
            ModelRetraining.TASK_NOTIFY_OWNER,
            ModelRetraining.TASK_PREPARE,
            ModelRetraining.TASK_TRAIN_MODEL,
            ModelRetraining.TASK_REGISTER_CANDIDATE,
            ModelRetraining.TASK_WAIT_FOR_CANDIDATE,
            ModelRetraining.END_PROMOTED)
        .isEnded();
    verify(steps).notifyOwner(any());
    verify(steps).registerCandidate(any());
    verify(steps).finish(any(), eq("PROMOTED"));
  }

  @Test
  void shouldEndNotPromotedWhenTheCandidateIsRejected() {
    // given
    ProcessInstance pi = trainedByWorker();
    execute(job(pi)); // register candidate

    // when: the candidate's validation fails against the champion
    candidateDecided(pi, "REJECTED");

    // then
    assertThat(pi).hasPassed(ModelRetraining.END_NOT_PROMOTED).isEnded();
    verify(steps).finish(any(), eq("NOT_PROMOTED"));
  }

  @Test
  void shouldNotifyTheOwnerWhenTheWorkerFindsNoBetterModel() {
    // given
    ProcessInstance pi = atTrainModel(ModelRetraining.TRAINER_WORKER);

    // when
    LockedExternalTask task = fetchTrainingTask();
    externalTaskService()
        .handleBpmnError(
            task.getId(), WORKER, ModelRetraining.ERROR_TRAINING_REJECTED, "AUC 0.61 < 0.7");
    execute(job(pi)); // notify: no candidate

    // then
    assertThat(pi)
        .hasPassed(
            ModelRetraining.EVENT_TRAINING_REJECTED,
            ModelRetraining.TASK_NOTIFY_NO_CANDIDATE,
            ModelRetraining.END_NO_CANDIDATE)
        .hasNotPassed(ModelRetraining.TASK_REGISTER_CANDIDATE)
        .variables()
        .containsEntry("trainingFailure", "AUC 0.61 < 0.7");
    assertThat(pi).isEnded();
    verify(steps).notifyNoCandidate(any());
    verify(steps).finish(any(), eq("NO_CANDIDATE"));
  }

  @Test
  void shouldRaiseAnIncidentWhenTheWorkerFailsWithoutRetriesLeft() {
    // given
    ProcessInstance pi = atTrainModel(ModelRetraining.TRAINER_WORKER);

    // when: the worker reports failures, counting its retries down to 0
    LockedExternalTask task = fetchTrainingTask();
    externalTaskService().handleFailure(task.getId(), WORKER, "exit code 1", "Traceback...", 1, 0);
    task = fetchTrainingTask();
    externalTaskService().handleFailure(task.getId(), WORKER, "exit code 1", "Traceback...", 0, 0);

    // then
    org.assertj.core.api.Assertions.assertThat(
            runtimeService().createIncidentQuery().processInstanceId(pi.getId()).list())
        .singleElement()
        .satisfies(
            i ->
                org.assertj.core.api.Assertions.assertThat(i.getIncidentMessage())
                    .isEqualTo("exit code 1"));
    assertThat(pi).isWaitingAt(ModelRetraining.TASK_TRAIN_MODEL);
  }

  @Test
  void shouldNotifyWhenTheTrainingIsOverdueAndGoOnWaiting() {
    // given
    ProcessInstance pi = atTrainModel(ModelRetraining.TRAINER_WORKER);

    // when: the training timeout elapses
    execute(job(ModelRetraining.EVENT_TRAINING_OVERDUE, pi));
    execute(job(ModelRetraining.TASK_NOTIFY_OVERDUE, pi));

    // then
    assertThat(pi)
        .hasPassed(ModelRetraining.END_OVERDUE_NOTIFIED)
        .isWaitingAt(ModelRetraining.TASK_TRAIN_MODEL);
    verify(steps).notifyOverdue(any());
  }

  @Test
  void shouldTriggerThePipelineAndContinueWithItsResult() {
    // given
    ProcessInstance pi = atTrainModel(ModelRetraining.TRAINER_PIPELINE);
    assertThat(pi).isWaitingAt(ModelRetraining.TASK_TRIGGER_PIPELINE);
    execute(job(pi));
    assertThat(pi).isWaitingAt(ModelRetraining.TASK_WAIT_FOR_RESULT);

    // when
    pipelineReported(pi, true);
    execute(job(pi)); // register candidate

    // then
    assertThat(pi)
        .isWaitingAt(ModelRetraining.TASK_WAIT_FOR_CANDIDATE)
        .hasNotPassed(ModelRetraining.TASK_TRAIN_MODEL);
    verify(steps).triggerPipeline(any());
    verify(steps).registerCandidate(any());
  }

  @Test
  void shouldNotifyTheOwnerWhenThePipelineReportsNoBetterModel() {
    // given
    ProcessInstance pi = atTrainModel(ModelRetraining.TRAINER_PIPELINE);
    execute(job(pi)); // trigger pipeline
    execute(job(ModelRetraining.EVENT_RESULT_OVERDUE, pi));
    execute(job(ModelRetraining.TASK_NOTIFY_OVERDUE, pi));

    // when
    pipelineReported(pi, false);
    execute(job(pi)); // notify: no candidate

    // then
    assertThat(pi)
        .hasPassed(ModelRetraining.END_OVERDUE_NOTIFIED, ModelRetraining.END_NO_CANDIDATE)
        .isEnded();
    verify(steps).notifyOverdue(any());
    verify(steps, never()).registerCandidate(any());
    verify(steps).finish(any(), eq("NO_CANDIDATE"));
  }

  @Test
  void shouldNotifyTheOwnerWhenTheResultMakesNoValidCandidate() {
    // given
    ProcessInstance pi = trainedByWorker();
    doThrow(new BpmnError(ModelRetraining.ERROR_CANDIDATE_INVALID, "metrics must not be empty"))
        .when(steps)
        .registerCandidate(any());

    // when
    execute(job(pi)); // register candidate
    execute(job(pi)); // notify: no candidate

    // then
    assertThat(pi)
        .hasPassed(ModelRetraining.EVENT_CANDIDATE_INVALID, ModelRetraining.END_NO_CANDIDATE)
        .isEnded();
  }

  @Test
  void shouldRetryTheNotificationWhenItFails() {
    // given
    doThrow(new IllegalStateException("outbox unavailable")).when(steps).notifyOwner(any());
    ProcessInstance pi = requestRetraining(ModelRetraining.TRAINER_WORKER);

    // when: the job fails and keeps its remaining retries (R5/PT1M), due again later
    assertThatThrownBy(() -> execute(job(pi))).hasMessageContaining("outbox unavailable");

    // then
    assertThat(pi).isWaitingAt(ModelRetraining.TASK_NOTIFY_OWNER);
    org.assertj.core.api.Assertions.assertThat(job(pi).getRetries()).isEqualTo(4);
    verify(steps, times(1)).notifyOwner(any());
  }

  private ProcessInstance trainedByWorker() {
    ProcessInstance pi = atTrainModel(ModelRetraining.TRAINER_WORKER);
    LockedExternalTask task = fetchTrainingTask();
    externalTaskService()
        .complete(task.getId(), WORKER, Map.of(ModelRetraining.TRAINING_RESULT, "{}"));
    return pi;
  }

  private ProcessInstance atTrainModel(String trainer) {
    ProcessInstance pi = requestRetraining(trainer);
    execute(job(pi)); // notify owner
    execute(job(pi)); // prepare
    if (ModelRetraining.TRAINER_WORKER.equals(trainer)) {
      execute(job(pi)); // async before "Train model"
    }
    return pi;
  }

  private ProcessInstance requestRetraining(String trainer) {
    doAnswer(
            invocation -> {
              DelegateExecution execution = invocation.getArgument(0);
              ModelRetraining.CANDIDATE_VERSION.set(execution, "1.0.1");
              ModelRetraining.TRAINER.set(execution, trainer);
              ModelRetraining.TRAINING_TIMEOUT.set(execution, "PT6H");
              return null;
            })
        .when(steps)
        .prepare(any());
    return runtimeService()
        .createMessageCorrelation(ModelRetraining.MESSAGE_REQUESTED)
        .processInstanceBusinessKey("fraud-detector")
        .setVariable(ModelRetraining.REQUEST_ID.name(), "6f1c2a6e-0000-4000-8000-000000000001")
        .setVariable(ModelRetraining.MODEL_NAME.name(), "fraud-detector")
        .setVariable(ModelRetraining.REASON.name(), "Dataset drift")
        .setVariable(ModelRetraining.TRAINING_DATA_REF.name(), "s3://data/fraud/latest")
        .correlateStartMessage();
  }

  private static LockedExternalTask fetchTrainingTask() {
    List<LockedExternalTask> tasks =
        externalTaskService()
            .fetchAndLock(1, WORKER)
            .topic(ModelRetraining.TOPIC_TRAINING, 60_000)
            .enableCustomObjectDeserialization()
            .execute();
    org.assertj.core.api.Assertions.assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  private static void candidateDecided(ProcessInstance pi, String status) {
    runtimeService()
        .createMessageCorrelation(ModelRetraining.MESSAGE_CANDIDATE_DECIDED)
        .processInstanceId(pi.getId())
        .setVariable(ModelRetraining.CANDIDATE_OUTCOME.name(), status)
        .correlate();
  }

  private static void pipelineReported(ProcessInstance pi, boolean succeeded) {
    runtimeService()
        .createMessageCorrelation(ModelRetraining.MESSAGE_RESULT_REPORTED)
        .processInstanceId(pi.getId())
        .setVariable(ModelRetraining.TRAINING_SUCCEEDED.name(), succeeded)
        .setVariable(ModelRetraining.TRAINING_RESULT, "{}")
        .correlate();
  }
}
