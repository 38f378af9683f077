package io.modelops.orchestrator.process;

import io.modelops.orchestrator.approval.Approval;
import io.modelops.orchestrator.approval.ApprovalRepository;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

/**
 * Who may not decide a task of a model lifecycle, from the orchestrator's own tables: the version's
 * registrant (catalog) and, for review, release, canary and revalidation tasks, anyone who already
 * decided on the version (recorded approvals). The owner attestation is the exception: only the
 * registrant may hold it. For the tasks of a finding's remediation, what the findings register says
 * ({@link FindingTaskDeciders}). Candidate groups are checked by the engine-side caller.
 */
@Component
class TaskDeciders {

  /**
   * Tasks whose decider must not have reviewed the version: a review needs a person who did not
   * review it yet, the release approval and the canary decision someone other than its reviewers
   * (the same rules the decision listeners and the release guards apply). The risk tier decision of
   * {@code model-risk} is not a review.
   */
  static final Set<String> INDEPENDENT_DECISIONS =
      Set.of(
          ModelLifecycle.TASK_REVIEW,
          ModelLifecycle.TASK_APPROVE_RELEASE,
          ModelLifecycle.TASK_DECIDE_CANARY,
          ModelLifecycle.TASK_REVALIDATE);

  private final CatalogRepository catalog;
  private final ApprovalRepository approvals;
  private final FindingTaskDeciders findingDeciders;

  public TaskDeciders(
      CatalogRepository catalog,
      ApprovalRepository approvals,
      FindingTaskDeciders findingDeciders) {
    this.catalog = catalog;
    this.approvals = approvals;
    this.findingDeciders = findingDeciders;
  }

  /**
   * Why {@code user} may not hold the task; empty when nothing in the catalog speaks against it.
   */
  public Optional<String> whyNot(String processInstanceId, String taskDefinitionKey, String user) {
    if (FindingRemediation.DECISION_FIELDS.containsKey(taskDefinitionKey)) {
      return findingDeciders.whyNot(businessKeyOf(processInstanceId), taskDefinitionKey, user);
    }
    Optional<ModelVersion> found = catalog.findVersionByProcessInstance(processInstanceId);
    if (found.isEmpty()) {
      return Optional.of(
          "the lifecycle instance " + processInstanceId + " belongs to no catalog entry");
    }
    ModelVersion version = found.get();
    String subject = version.modelName() + ":" + version.version();
    if (ModelLifecycle.TASK_ATTEST.equals(taskDefinitionKey)) {
      // the owner's own statement: only the registrant of the version, nobody on their behalf
      return user.equals(version.registeredBy())
          ? Optional.empty()
          : Optional.of(
              "only "
                  + version.registeredBy()
                  + ", who registered "
                  + subject
                  + ", attests its use");
    }
    if (user.equals(version.registeredBy())) {
      return Optional.of(user + " registered " + subject + " and may not decide its tasks");
    }
    if (INDEPENDENT_DECISIONS.contains(taskDefinitionKey)) {
      for (Approval approval : approvals.findByVersion(version.id())) {
        if (ModelLifecycle.TASK_REVIEW.equals(approval.step())
            && user.equals(approval.decidedBy())) {
          return Optional.of(
              user
                  + " already decided on "
                  + subject
                  + " ("
                  + approval.step()
                  + ")"
                  + "; a reviewer of a version does not also review it twice, approve its release or"
                  + " decide its canary");
        }
      }
    }
    return Optional.empty();
  }

  /** The business key of a running instance, read in the engine's command; null if unknown. */
  private static String businessKeyOf(String processInstanceId) {
    CommandContext context = Context.getCommandContext();
    if (context == null || processInstanceId == null) {
      return null;
    }
    ExecutionEntity instance = context.getExecutionManager().findExecutionById(processInstanceId);
    return instance == null ? null : instance.getBusinessKey();
  }
}
