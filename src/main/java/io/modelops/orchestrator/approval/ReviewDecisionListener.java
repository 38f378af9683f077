package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.findings.FindingsRegister;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Guards and records the completion of a review task ("complete" task listener). Because it runs
 * inside the engine, the {@link ReviewGuard} rules apply equally to Tasklist, the engine REST API
 * and Java callers. The decision is stored as an approval record with the reviewer's identity,
 * group and a hash of the evidence. Any refusal throws, which rolls the completion back: the task
 * stays open.
 */
@Component("reviewDecisionListener")
public class ReviewDecisionListener implements TaskListener {

  private final CatalogRepository catalog;
  private final ApprovalRepository approvals;
  private final ApprovalRecorder recorder;
  private final FindingsRegister findings;
  private final Clock clock;

  public ReviewDecisionListener(
      CatalogRepository catalog,
      ApprovalRepository approvals,
      ApprovalRecorder recorder,
      FindingsRegister findings,
      Clock clock) {
    this.catalog = catalog;
    this.approvals = approvals;
    this.recorder = recorder;
    this.findings = findings;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String reviewer = currentUser(task);
    // From the catalog, not from task variables: whoever completes the task can set those.
    ModelVersion version = catalog.requireVersionOfLifecycle(task.getProcessInstanceId());
    List<String> earlierDeciders =
        ReviewGuard.earlierDeciders(approvals.findByVersion(version.id()));
    String decision = ModelLifecycle.REVIEW_DECISION.get(task);
    String comment = ModelLifecycle.REVIEW_COMMENT.get(task);
    ReviewGuard.check(version, reviewer, earlierDeciders, decision, comment)
        .or(
            () ->
                ReviewGuard.checkConditions(
                    decision, findings.unresolvedRaisedBy(version.id(), reviewer)))
        .ifPresent(
            refusal -> {
              throw refusal.forbidden()
                  ? new AuthorizationException(refusal.message())
                  : EngineInternals.invalidFormField(refusal.field(), refusal.message());
            });

    recorder.record(
        new Approval(
            UUID.randomUUID(),
            version.id(),
            task.getId(),
            task.getTaskDefinitionKey(),
            candidateGroup(task),
            decision,
            reviewer,
            OffsetDateTime.now(clock),
            comment,
            Evidence.hash(version, ModelLifecycle.VALIDATION_SUMMARY.get(task))),
        version,
        task.getProcessInstanceId());
    ModelLifecycle.REVIEWED_BY.set(task, reviewer);
    if (ModelLifecycle.DECISION_REJECT.equals(decision)) {
      ModelLifecycle.REJECTION_REASON.set(
          task, "Rejected in review by " + reviewer + ": " + comment);
    }
  }

  /** The group the task was offered to (from its identity links, which users cannot edit). */
  private static String candidateGroup(DelegateTask task) {
    return task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(link -> link.getGroupId())
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
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
