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
 * Guards and records a decision of operations ("Approve production release", "Decide canary"):
 * the registrant of the version may not decide, the decision must be one of the allowed values,
 * decisions other than {@code commentOptionalFor} need a comment, and the decision is stored as an
 * approval record. Runs as a "complete" task listener, for Tasklist and REST alike.
 */
public class TaskDecisionListener implements TaskListener {

  private final ProcessVariable<String> decisionVariable;
  private final ProcessVariable<String> commentVariable;
  private final Set<String> decisions;
  private final String commentOptionalFor;
  private final CatalogRepository catalog;
  private final ApprovalRecorder recorder;
  private final Clock clock;

  public TaskDecisionListener(
      ProcessVariable<String> decisionVariable,
      ProcessVariable<String> commentVariable,
      Set<String> decisions,
      String commentOptionalFor,
      CatalogRepository catalog,
      ApprovalRecorder recorder,
      Clock clock) {
    this.decisionVariable = decisionVariable;
    this.commentVariable = commentVariable;
    this.decisions = Set.copyOf(decisions);
    this.commentOptionalFor = commentOptionalFor;
    this.catalog = catalog;
    this.recorder = recorder;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String user =
        EngineInternals.currentUserId(task.getProcessEngineServices().getIdentityService())
            .orElseThrow(
                () -> new AuthorizationException("Decisions must be made by an authenticated user"));
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
    String decision = decisionVariable.get(task);
    if (decision == null || !decisions.contains(decision)) {
      throw EngineInternals.invalidFormField(
          decisionVariable.name(),
          "Choose a decision: " + decisionVariable + " must be one of " + decisions.stream().sorted().toList());
    }
    String comment = commentVariable.get(task);
    if (!decision.equals(commentOptionalFor) && (comment == null || comment.isBlank())) {
      throw EngineInternals.invalidFormField(
          commentVariable.name(), "A " + decision + " decision needs a comment that gives the reasons");
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
            null),
        version,
        task.getProcessInstanceId());
  }
}
