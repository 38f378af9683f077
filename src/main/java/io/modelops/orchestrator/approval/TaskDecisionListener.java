package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ProcessVariable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Guards and records a decision of operations ("Approve production release", "Decide canary"): the
 * registrant of the version may not decide, nor (when {@code reviewersExcluded}, for the release
 * approval and the canary decision) anyone who reviewed the version, so that registrant, reviewers
 * and releaser are different people; the decision must be one of the allowed values, decisions
 * other than {@code commentOptionalFor} need a comment, and the decision is stored as an approval
 * record. Runs as a "complete" task listener, for Tasklist and REST alike.
 */
class TaskDecisionListener implements TaskListener {

  private final ProcessVariable<String> decisionVariable;
  private final ProcessVariable<String> commentVariable;
  private final Set<String> decisions;
  private final String commentOptionalFor;
  private final boolean reviewersExcluded;
  private final CatalogRepository catalog;
  private final ApprovalRepository approvals;
  private final ApprovalRecorder recorder;
  private final Clock clock;

  public TaskDecisionListener(
      ProcessVariable<String> decisionVariable,
      ProcessVariable<String> commentVariable,
      Set<String> decisions,
      String commentOptionalFor,
      boolean reviewersExcluded,
      CatalogRepository catalog,
      ApprovalRepository approvals,
      ApprovalRecorder recorder,
      Clock clock) {
    this.decisionVariable = decisionVariable;
    this.commentVariable = commentVariable;
    this.decisions = Set.copyOf(decisions);
    this.commentOptionalFor = commentOptionalFor;
    this.reviewersExcluded = reviewersExcluded;
    this.catalog = catalog;
    this.approvals = approvals;
    this.recorder = recorder;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String user =
        EngineInternals.currentUserId(task.getProcessEngineServices().getIdentityService())
            .orElseThrow(
                () ->
                    new AuthorizationException("Decisions must be made by an authenticated user"));
    ModelVersion version = catalog.requireVersionOfLifecycle(task.getProcessInstanceId());
    if (user.equals(version.registeredBy())) {
      throw new AuthorizationException(
          "Segregation of duties: "
              + user
              + " registered "
              + version.modelName()
              + ":"
              + version.version()
              + " and cannot decide on its release");
    }
    if (reviewersExcluded) {
      reviewerOf(version, user)
          .ifPresent(
              review -> {
                throw new AuthorizationException(reviewerRefusal(version, user, review));
              });
    }
    String decision = decisionVariable.get(task);
    if (decision == null || !decisions.contains(decision)) {
      throw EngineInternals.invalidFormField(
          decisionVariable.name(),
          "Choose a decision: "
              + decisionVariable
              + " must be one of "
              + decisions.stream().sorted().toList());
    }
    String comment = commentVariable.get(task);
    if (!decision.equals(commentOptionalFor) && (comment == null || comment.isBlank())) {
      throw EngineInternals.invalidFormField(
          commentVariable.name(),
          "A " + decision + " decision needs a comment that gives the reasons");
    }
    recorder.record(
        new Approval(
            UUID.randomUUID(),
            version.id(),
            task.getId(),
            task.getTaskDefinitionKey(),
            task.getCandidates().stream()
                .map(link -> link.getGroupId())
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null),
            decision,
            user,
            OffsetDateTime.now(clock),
            comment,
            Evidence.hash(
                version,
                io.modelops.orchestrator.process.ModelLifecycle.VALIDATION_SUMMARY.get(task),
                approvals.findByVersion(version.id()))),
        version,
        task.getProcessInstanceId());
  }

  /** The user's review of the version, if they reviewed it. */
  java.util.Optional<Approval> reviewerOf(ModelVersion version, String user) {
    return reviewOf(approvals.findByVersion(version.id()), user);
  }

  static java.util.Optional<Approval> reviewOf(java.util.List<Approval> decisions, String user) {
    return decisions.stream()
        .filter(a -> io.modelops.orchestrator.process.ModelLifecycle.TASK_REVIEW.equals(a.step()))
        .filter(a -> user.equals(a.decidedBy()))
        .findFirst();
  }

  static String reviewerRefusal(ModelVersion version, String user, Approval review) {
    return "Segregation of duties: "
        + user
        + " reviewed "
        + version.modelName()
        + ":"
        + version.version()
        + " ("
        + review.reviewGroup()
        + ") and cannot also decide on its release; another member of ml-ops must decide";
  }
}
