package io.modelops.orchestrator.process;

import static io.modelops.orchestrator.process.ProcessVariable.booleanVariable;
import static io.modelops.orchestrator.process.ProcessVariable.stringVariable;

/** Backing class of {@code processes/model-retraining.bpmn}: key, element ids and variables. */
public final class ModelRetraining {

  public static final String KEY = "model-retraining";

  public static final String START_REQUESTED = "StartEvent_RetrainingRequested";
  public static final String TASK_NOTIFY_OWNER = "Task_NotifyOwnerOfRetrainingRequest";
  public static final String TASK_PREPARE = "Task_PrepareTrainingRequest";
  public static final String TASK_TRAIN_MODEL = "Task_TrainModel";
  public static final String EVENT_TRAINING_REJECTED = "Event_TrainingRejected";
  public static final String EVENT_TRAINING_OVERDUE = "Event_TrainingOverdue";
  public static final String TASK_TRIGGER_PIPELINE = "Task_TriggerTrainingPipeline";
  public static final String TASK_WAIT_FOR_RESULT = "Task_WaitForTrainingResult";
  public static final String EVENT_RESULT_OVERDUE = "Event_TrainingResultOverdue";
  public static final String TASK_NOTIFY_OVERDUE = "Task_NotifyTrainingOverdue";
  public static final String END_OVERDUE_NOTIFIED = "EndEvent_OverdueNotified";
  public static final String TASK_REGISTER_CANDIDATE = "Task_RegisterCandidateVersion";
  public static final String EVENT_CANDIDATE_INVALID = "Event_CandidateInvalid";
  public static final String TASK_NOTIFY_NO_CANDIDATE = "Task_NotifyOwnerOfNoCandidate";
  public static final String END_NO_CANDIDATE = "EndEvent_NoCandidate";
  public static final String TASK_WAIT_FOR_CANDIDATE = "Task_WaitForCandidateDecision";
  public static final String END_PROMOTED = "EndEvent_CandidatePromoted";
  public static final String END_NOT_PROMOTED = "EndEvent_CandidateNotPromoted";

  /** Starts a retraining of a model; business key: the model name. */
  public static final String MESSAGE_REQUESTED = "ModelRetrainingRequested";

  /** The pipeline's callback, {@code POST /api/retraining/{id}/result}. */
  public static final String MESSAGE_RESULT_REPORTED = "TrainingResultReported";

  /** The candidate's lifecycle reached a decision (production or out). */
  public static final String MESSAGE_CANDIDATE_DECIDED = "RetrainingCandidateDecided";

  /** External task topic of training workers. */
  public static final String TOPIC_TRAINING = "model-training";

  /** BPMN error of a worker or pipeline that produced no better model. */
  public static final String ERROR_TRAINING_REJECTED = "TRAINING_REJECTED";

  /** BPMN error of a training result that does not make a valid registration. */
  public static final String ERROR_CANDIDATE_INVALID = "CANDIDATE_INVALID";

  public static final ProcessVariable<String> REQUEST_ID = stringVariable("retrainingRequestId");
  public static final ProcessVariable<String> MODEL_NAME = stringVariable("modelName");

  /** The production version (champion) the retraining starts from. */
  public static final ProcessVariable<String> CHAMPION_VERSION = stringVariable("championVersion");

  public static final ProcessVariable<String> CHAMPION_VERSION_ID =
      stringVariable("championVersionId");

  /** DRIFT, SCHEDULE or MANUAL. */
  public static final ProcessVariable<String> TRIGGER = stringVariable("retrainingTrigger");

  public static final ProcessVariable<String> REASON = stringVariable("retrainingReason");
  public static final ProcessVariable<String> TRAINING_DATA_REF = stringVariable("trainingDataRef");

  /** Proposed version label of the candidate. */
  public static final ProcessVariable<String> CANDIDATE_VERSION =
      stringVariable("candidateVersion");

  /** WORKER (external task) or PIPELINE (webhook and callback). */
  public static final ProcessVariable<String> TRAINER = stringVariable("trainer");

  /** ISO 8601 duration after which the training counts as overdue. */
  public static final ProcessVariable<String> TRAINING_TIMEOUT = stringVariable("trainingTimeout");

  /** The trainer's result as JSON (see {@code TrainingResult}). */
  public static final String TRAINING_RESULT = "trainingResult";

  /** Whether the pipeline reported success. */
  public static final ProcessVariable<Boolean> TRAINING_SUCCEEDED =
      booleanVariable("trainingSucceeded");

  /** Why no candidate came out of the training. */
  public static final ProcessVariable<String> TRAINING_FAILURE = stringVariable("trainingFailure");

  public static final ProcessVariable<String> CANDIDATE_VERSION_ID =
      stringVariable("candidateVersionId");

  /** The candidate's lifecycle status when it was decided, e.g. IN_PRODUCTION or REJECTED. */
  public static final ProcessVariable<String> CANDIDATE_OUTCOME =
      stringVariable("candidateOutcome");

  /** Triggers recorded on this retraining after the one that started it. */
  public static final ProcessVariable<Integer> ADDITIONAL_TRIGGERS =
      ProcessVariable.integerVariable("additionalTriggers");

  public static final String TRAINER_WORKER = "WORKER";
  public static final String TRAINER_PIPELINE = "PIPELINE";

  private ModelRetraining() {}
}
