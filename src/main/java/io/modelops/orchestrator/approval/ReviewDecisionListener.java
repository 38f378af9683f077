package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Guards and records the completion of a review task ("complete" task listener). Because it runs
 * inside the engine, it applies equally to Tasklist, the engine REST API and Java callers:
 *
 * <ul>
 *   <li>four eyes: the user who registered the version can never complete its review;
 *   <li>the decision must be APPROVE or REJECT, with a comment giving the reasons;
 *   <li>the decision is stored as an approval record, with the reviewer's identity.
 * </ul>
 *
 * Any refusal throws, which rolls the completion back: the task stays open.
 */
@Component("reviewDecisionListener")
public class ReviewDecisionListener implements TaskListener {

  private final CatalogRepository catalog;
  private final ApprovalRepository approvals;
  private final Clock clock;

  public ReviewDecisionListener(
      CatalogRepository catalog, ApprovalRepository approvals, Clock clock) {
    this.catalog = catalog;
    this.approvals = approvals;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String reviewer = currentUser(task);
    // From the catalog, not from task variables: whoever completes the task can set those.
    ModelVersion version = catalog.requireVersionOfLifecycle(task.getProcessInstanceId());
    String decision = ModelLifecycle.REVIEW_DECISION.get(task);
    String comment = ModelLifecycle.REVIEW_COMMENT.get(task);
    ReviewGuard.check(version, reviewer, decision, comment)
        .ifPresent(
            refusal -> {
              throw refusal.forbidden()
                  ? new AuthorizationException(refusal.message())
                  : EngineInternals.invalidFormField(refusal.field(), refusal.message());
            });

    approvals.save(
        new Approval(
            UUID.randomUUID(),
            version.id(),
            task.getId(),
            task.getTaskDefinitionKey(),
            decision,
            reviewer,
            OffsetDateTime.now(clock),
            comment));
    ModelLifecycle.REVIEWED_BY.set(task, reviewer);
    if (ModelLifecycle.DECISION_REJECT.equals(decision)) {
      ModelLifecycle.REJECTION_REASON.set(task, "Rejected in review by " + reviewer + ": " + comment);
    }
  }

  private static String currentUser(DelegateTask task) {
    return EngineInternals.currentUserId(task.getProcessEngineServices().getIdentityService())
        .orElseThrow(
            () ->
                new AuthorizationException(
                    "Review decisions must be made by an authenticated user, so that they are"
                        + " attributable"));
  }
}
