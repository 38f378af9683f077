package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.util.function.Predicate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Guards "Triage model alert": the rules of every operations decision ({@link
 * TaskDecisionListener}: not the registrant, a known decision, a comment, an approval record), plus
 * a rollback only when the stage ledger knows an earlier production version to roll back to (never
 * a process variable, which the submitting user may set), and an acceptance of 1 to 90 days.
 * Records who decided, for the audit of the follow-up step.
 */
public class TriageDecisionListener implements TaskListener {

  static final int MIN_ACCEPT_DAYS = 1;
  static final int MAX_ACCEPT_DAYS = 90;

  private final TaskDecisionListener decision;
  private final Predicate<String> rollbackPossible;

  /**
   * @param rollbackPossible whether the version of a lifecycle (by process instance id) has an
   *     earlier production version to roll back to
   */
  public TriageDecisionListener(TaskDecisionListener decision, Predicate<String> rollbackPossible) {
    this.decision = decision;
    this.rollbackPossible = rollbackPossible;
  }

  @Override
  public void notify(DelegateTask task) {
    String chosen = ModelLifecycle.TRIAGE_DECISION.get(task);
    if (ModelLifecycle.TRIAGE_ROLL_BACK.equals(chosen)
        && !rollbackPossible.test(task.getProcessInstanceId())) {
      throw EngineInternals.invalidFormField(
          ModelLifecycle.TRIAGE_DECISION.name(),
          "No earlier production version to roll back to: retrain, or accept the alert");
    }
    // Tasklist submits numbers as Long or Double: keep a whole number of days as Integer
    Object raw = task.getVariable(ModelLifecycle.TRIAGE_ACCEPT_DAYS.name());
    if (ModelLifecycle.TRIAGE_ACCEPT.equals(chosen) && raw != null) {
      if (!(raw instanceof Number n)
          || n.doubleValue() != Math.rint(n.doubleValue())
          || n.doubleValue() < MIN_ACCEPT_DAYS
          || n.doubleValue() > MAX_ACCEPT_DAYS) {
        throw EngineInternals.invalidFormField(
            ModelLifecycle.TRIAGE_ACCEPT_DAYS.name(),
            "An alert can be accepted for "
                + MIN_ACCEPT_DAYS
                + " to "
                + MAX_ACCEPT_DAYS
                + " whole days");
      }
      ModelLifecycle.TRIAGE_ACCEPT_DAYS.set(task, n.intValue());
    }
    decision.notify(task);
    ModelLifecycle.TRIAGE_DECIDED_BY.set(
        task,
        EngineInternals.currentUserId(task.getProcessEngineServices().getIdentityService())
            .orElseThrow());
  }
}
