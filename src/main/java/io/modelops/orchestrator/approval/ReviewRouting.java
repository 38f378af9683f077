package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.process.ModelLifecycle;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Prepares each review step. Used from the BPMN: each review task calls {@code
 * ${reviewRouting.startReview(task)}} when it is created; the groups come from the frozen policy
 * ({@code ${lifecycleDecisions.reviewGroups(execution)}}).
 */
@Component("reviewRouting")
public class ReviewRouting {

  /**
   * Prepares a review task: the previous reviewer's decision and comment must not pre-fill this
   * one's form, and the form says which review this is.
   */
  public void startReview(DelegateTask task) {
    task.getExecution()
        .getProcessInstance()
        .setVariable(ModelLifecycle.REVIEW_DECISION.name(), null);
    task.getExecution()
        .getProcessInstance()
        .setVariable(ModelLifecycle.REVIEW_COMMENT.name(), null);
    Object index = task.getVariable("loopCounter");
    Object count = task.getVariable("nrOfInstances");
    String group = ModelLifecycle.REVIEW_GROUP.get(task);
    String step =
        index instanceof Integer i && count instanceof Integer n
            ? "Review " + (i + 1) + " of " + n + " (" + group + ")"
            : "Review (" + group + ")";
    task.setVariableLocal(ModelLifecycle.REVIEW_STEP.name(), step);
  }
}
