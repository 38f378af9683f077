package io.modelops.orchestrator.process;

import static io.modelops.orchestrator.process.ProcessVariable.booleanVariable;
import static io.modelops.orchestrator.process.ProcessVariable.stringVariable;

/** Backing class of {@code processes/model-lifecycle.bpmn}: key, element ids and variables. */
public final class ModelLifecycle {

  public static final String KEY = "model-lifecycle";

  // Element ids
  public static final String START_REGISTERED = "StartEvent_ModelVersionRegistered";
  public static final String TASK_RECORD_REGISTRATION = "Task_RecordRegistration";
  public static final String TASK_VALIDATE = "Task_ValidateModelVersion";
  public static final String GATEWAY_VALIDATION_PASSED = "Gateway_ValidationPassed";
  public static final String TASK_REVIEW = "Task_ReviewModelVersion";
  public static final String GATEWAY_APPROVED = "Gateway_Approved";
  public static final String TASK_NOTIFY_REJECTION = "Task_NotifyOwnerOfRejection";
  public static final String END_APPROVED = "EndEvent_ModelVersionApproved";
  public static final String END_REJECTED = "EndEvent_ModelVersionRejected";

  /** Form of the review task ({@code forms/review-model-version.form}). */
  public static final String FORM_REVIEW = "review-model-version";

  /** Candidate group of the review task. */
  public static final String GROUP_VALIDATORS = "model-validators";

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
  /** {@code APPROVE} or {@code REJECT}, set by the reviewer. */
  public static final ProcessVariable<String> REVIEW_DECISION = stringVariable("reviewDecision");
  public static final ProcessVariable<String> REVIEW_COMMENT = stringVariable("reviewComment");
  public static final ProcessVariable<String> REVIEWED_BY = stringVariable("reviewedBy");
  public static final ProcessVariable<String> REJECTION_REASON = stringVariable("rejectionReason");

  public static final String DECISION_APPROVE = "APPROVE";
  public static final String DECISION_REJECT = "REJECT";

  /** Business key of a lifecycle instance: {@code <model>:<version>}. */
  public static String businessKey(String modelName, String version) {
    return modelName + ":" + version;
  }

  private ModelLifecycle() {}
}
