package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.process.ModelLifecycle;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Turns the approval policy into review steps. Used from the BPMN: the review multi-instance runs
 * over {@code ${reviewRouting.groups(approvalPolicy)}}, and each review task calls {@code
 * ${reviewRouting.startReview(task)}} when it is created.
 */
@Component("reviewRouting")
public class ReviewRouting {

  /** The review groups of the policy, in order; empty when no human review is required. */
  public List<String> groups(Map<String, Object> approvalPolicy) {
    Object groups = approvalPolicy == null ? null : approvalPolicy.get("reviewGroups");
    if (groups == null) {
      return List.of();
    }
    return Arrays.stream(groups.toString().split(","))
        .map(String::trim)
        .filter(g -> !g.isEmpty())
        .toList();
  }

  /** Whether the policy requires a human review. */
  public boolean reviewRequired(Map<String, Object> approvalPolicy) {
    return !groups(approvalPolicy).isEmpty();
  }

  /**
   * Prepares a review task: the previous reviewer's decision and comment must not pre-fill this
   * one's form, and the form says which review this is.
   */
  public void startReview(DelegateTask task) {
    task.getExecution().getProcessInstance().setVariable(ModelLifecycle.REVIEW_DECISION.name(), null);
    task.getExecution().getProcessInstance().setVariable(ModelLifecycle.REVIEW_COMMENT.name(), null);
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
