package io.modelops.orchestrator.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.modelops.orchestrator.evaluation.Evaluations;
import java.util.List;
import java.util.Map;
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

/** Every path of {@code model-evaluation}, on an in-memory engine with the job executor off. */
@Deployment(resources = "processes/model-evaluation.bpmn")
class ModelEvaluationProcessTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE = ProcessTestEngine.withCoverage();

  private static final String WORKER = "test-evaluator";
  private static final String VERSION_ID = "6f1c2a6e-0000-4000-8000-000000000001";

  private final Evaluations evaluations = mock(Evaluations.class);

  @BeforeEach
  void registerEvaluationsMock() {
    Mocks.register("evaluations", evaluations);
  }

  @AfterEach
  void forgetMocks() {
    Mocks.reset();
  }

  @Test
  void shouldWaitForAnEvaluatorWhenADatasetIsRegistered() {
    // given
    openRequest(true);
    ProcessInstance pi = start();

    // when
    execute(job(pi)); // open evaluation request
    execute(job(pi)); // async before "Evaluate model version"

    // then: a worker of the topic gets the request's id and the model, nothing else to trust
    assertThat(pi).isWaitingAt(ModelEvaluation.TASK_EVALUATE);
    LockedExternalTask task = fetch();
    org.assertj.core.api.Assertions.assertThat(task.getVariables())
        .containsEntry(ModelEvaluation.REQUEST_ID.name(), "request-1")
        .containsEntry(ModelEvaluation.MODEL_NAME.name(), "credit-risk");

    // when the orchestrator completes it (after storing the posted results)
    externalTaskService().complete(task.getId(), WORKER);

    // then
    assertThat(pi)
        .hasPassedInOrder(
            ModelEvaluation.TASK_OPEN_REQUEST,
            ModelEvaluation.GATEWAY_DATASET_REGISTERED,
            ModelEvaluation.TASK_EVALUATE,
            ModelEvaluation.END_EVALUATED)
        .isEnded();
    verify(evaluations, never()).recordFailure(any());
  }

  @Test
  void shouldEndAtOnceWithoutAnEvaluationDataset() {
    // given
    openRequest(false);
    ProcessInstance pi = start();

    // when
    execute(job(pi)); // open evaluation request

    // then
    assertThat(pi)
        .hasPassed(ModelEvaluation.END_NO_DATASET)
        .hasNotPassed(ModelEvaluation.TASK_EVALUATE)
        .isEnded();
  }

  @Test
  void shouldRecordTheWorkersReasonWhenTheEvaluationIsRejected() {
    // given
    openRequest(true);
    ProcessInstance pi = start();
    execute(job(pi));
    execute(job(pi));
    LockedExternalTask task = fetch();

    // when: the dataset on disk is not the registered one
    externalTaskService()
        .handleBpmnError(
            task.getId(),
            WORKER,
            ModelEvaluation.ERROR_EVALUATION_REJECTED,
            "evaluation dataset changed");

    // then: a save point, then the failure is recorded on the request
    assertThat(pi).isWaitingAt(ModelEvaluation.TASK_RECORD_FAILURE);
    org.assertj.core.api.Assertions.assertThat(
            runtimeService().getVariable(pi.getId(), ModelEvaluation.FAILURE.name()))
        .isEqualTo("evaluation dataset changed");
    execute(job(pi));
    assertThat(pi)
        .hasPassedInOrder(
            ModelEvaluation.EVENT_EVALUATION_REJECTED,
            ModelEvaluation.TASK_RECORD_FAILURE,
            ModelEvaluation.END_FAILED)
        .isEnded();
    verify(evaluations).recordFailure(any());
  }

  @Test
  void shouldBecomeAnIncidentAfterTheLastTechnicalFailure() {
    // given
    openRequest(true);
    ProcessInstance pi = start();
    execute(job(pi));
    execute(job(pi));
    LockedExternalTask task = fetch();

    // when
    externalTaskService().handleFailure(task.getId(), WORKER, "exit code 1", "Traceback", 0, 0);

    // then
    assertThat(pi).isWaitingAt(ModelEvaluation.TASK_EVALUATE);
    org.assertj.core.api.Assertions.assertThat(
            runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count())
        .isEqualTo(1);
  }

  private void openRequest(boolean datasetRegistered) {
    doAnswer(
            invocation -> {
              DelegateExecution execution = invocation.getArgument(0);
              ModelEvaluation.MODEL_NAME.set(execution, "credit-risk");
              ModelEvaluation.DATASET_REGISTERED.set(execution, datasetRegistered);
              if (datasetRegistered) {
                ModelEvaluation.REQUEST_ID.set(execution, "request-1");
              }
              return null;
            })
        .when(evaluations)
        .open(any());
  }

  private static ProcessInstance start() {
    return runtimeService()
        .startProcessInstanceByKey(
            ModelEvaluation.KEY, Map.of(ModelEvaluation.MODEL_VERSION_ID.name(), VERSION_ID));
  }

  private static LockedExternalTask fetch() {
    List<LockedExternalTask> tasks =
        externalTaskService()
            .fetchAndLock(1, WORKER)
            .topic(ModelEvaluation.TOPIC_EVALUATION, 60_000)
            .variables(ModelEvaluation.REQUEST_ID.name(), ModelEvaluation.MODEL_NAME.name())
            .execute();
    org.assertj.core.api.Assertions.assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }
}
