package io.modelops.orchestrator.approval;

import java.util.List;

/**
 * A lifecycle reached a controlled step (model version approved, staging, canary, promotion)
 * without the approvals its frozen policy requires, or a decision point found no recorded decision.
 * The job that throws it fails at once: no retries, an incident with this message, and a {@code
 * CONTROL_VIOLATION} event in the audit log (see {@code process.ControlViolationIncidents}).
 */
public class ControlViolationException extends RuntimeException {

  private final String processInstanceId;
  private final String activityId;
  private final String modelName;
  private final String modelVersion;
  private final List<String> missing;

  public ControlViolationException(
      String processInstanceId,
      String activityId,
      String modelName,
      String modelVersion,
      List<String> missing) {
    super(
        "Control violation at "
            + activityId
            + " of "
            + modelName
            + ":"
            + modelVersion
            + ": "
            + String.join("; ", missing));
    this.processInstanceId = processInstanceId;
    this.activityId = activityId;
    this.modelName = modelName;
    this.modelVersion = modelVersion;
    this.missing = List.copyOf(missing);
  }

  /** A violation at the execution's current step, for the lifecycle's version. */
  public static ControlViolationException at(
      org.camunda.bpm.engine.delegate.DelegateExecution execution,
      io.modelops.orchestrator.catalog.ModelVersion version,
      List<String> missing) {
    return new ControlViolationException(
        execution.getProcessInstanceId(),
        execution.getCurrentActivityId(),
        version.modelName(),
        version.version(),
        missing);
  }

  public String processInstanceId() {
    return processInstanceId;
  }

  public String activityId() {
    return activityId;
  }

  public String modelName() {
    return modelName;
  }

  public String modelVersion() {
    return modelVersion;
  }

  /** What the controls found missing, one line each. */
  public List<String> missing() {
    return missing;
  }

  /** The violation in a failure's cause chain, if any. */
  public static java.util.Optional<ControlViolationException> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ControlViolationException violation) {
        return java.util.Optional.of(violation);
      }
    }
    return java.util.Optional.empty();
  }
}
