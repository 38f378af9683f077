package io.modelops.orchestrator.process;

import static io.modelops.orchestrator.process.ProcessVariable.booleanVariable;
import static io.modelops.orchestrator.process.ProcessVariable.stringVariable;

/**
 * Backing class of {@code processes/model-evaluation.bpmn}: the independent evaluation of a model
 * version, a callable process. Its caller passes {@link #MODEL_VERSION_ID} (the version to score);
 * the process opens an evaluation request (candidate, champion, dataset as registered) and waits
 * for the external task {@link #TOPIC_EVALUATION}, which only the results endpoint completes.
 */
public final class ModelEvaluation {

  public static final String KEY = "model-evaluation";

  public static final String START_REQUESTED = "StartEvent_EvaluationRequested";
  public static final String TASK_OPEN_REQUEST = "Task_OpenEvaluationRequest";
  public static final String GATEWAY_DATASET_REGISTERED = "Gateway_EvaluationDatasetRegistered";
  public static final String TASK_EVALUATE = "Task_EvaluateModelVersion";
  public static final String EVENT_EVALUATION_REJECTED = "Event_EvaluationRejected";
  public static final String TASK_RECORD_FAILURE = "Task_RecordEvaluationFailure";
  public static final String END_EVALUATED = "EndEvent_ModelVersionEvaluated";
  public static final String END_NO_DATASET = "EndEvent_NoEvaluationDataset";
  public static final String END_FAILED = "EndEvent_EvaluationFailed";

  /** External task topic of evaluation workers. */
  public static final String TOPIC_EVALUATION = "model-evaluation";

  /** BPMN error of a worker whose evaluation failed for a business reason (e.g. data changed). */
  public static final String ERROR_EVALUATION_REJECTED = "EVALUATION_REJECTED";

  /**
   * Input of the caller: the id of the version to evaluate (a reference, checked in the catalog).
   */
  public static final ProcessVariable<String> MODEL_VERSION_ID = stringVariable("modelVersionId");

  /** The evaluation request the external task serves ({@code GET /api/evaluations/{id}}). */
  public static final ProcessVariable<String> REQUEST_ID = stringVariable("evaluationRequestId");

  public static final ProcessVariable<String> MODEL_NAME = stringVariable("modelName");

  /** Whether the model has a governed evaluation dataset (set when the request is opened). */
  public static final ProcessVariable<Boolean> DATASET_REGISTERED =
      booleanVariable("evaluationDatasetRegistered");

  /** The reason a worker gave with the BPMN error {@link #ERROR_EVALUATION_REJECTED}. */
  public static final ProcessVariable<String> FAILURE = stringVariable("evaluationFailure");

  private ModelEvaluation() {}
}
