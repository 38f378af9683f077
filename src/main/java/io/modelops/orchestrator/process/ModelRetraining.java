package io.modelops.orchestrator.process;

import static io.modelops.orchestrator.process.ProcessVariable.stringVariable;

/** Backing class of {@code processes/model-retraining.bpmn}: key, element ids and variables. */
public final class ModelRetraining {

  public static final String KEY = "model-retraining";

  public static final String START_REQUESTED = "StartEvent_RetrainingRequested";
  public static final String TASK_NOTIFY_OWNER = "Task_NotifyOwnerOfRetrainingRequest";
  public static final String END_REQUESTED = "EndEvent_RetrainingRequestRecorded";

  /** Starts a retraining of a model; business key: the model name. */
  public static final String MESSAGE_REQUESTED = "ModelRetrainingRequested";

  public static final ProcessVariable<String> REQUEST_ID = stringVariable("retrainingRequestId");
  public static final ProcessVariable<String> MODEL_NAME = stringVariable("modelName");
  /** The production version (champion) whose health asked for retraining. */
  public static final ProcessVariable<String> CHAMPION_VERSION = stringVariable("championVersion");
  public static final ProcessVariable<String> CHAMPION_VERSION_ID =
      stringVariable("championVersionId");
  /** DRIFT, SCHEDULE or MANUAL. */
  public static final ProcessVariable<String> TRIGGER = stringVariable("retrainingTrigger");
  public static final ProcessVariable<String> REASON = stringVariable("retrainingReason");
  public static final ProcessVariable<String> TRAINING_DATA_REF = stringVariable("trainingDataRef");

  private ModelRetraining() {}
}
