package io.modelops.orchestrator.findings;

import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.FindingRemediation;
import io.modelops.orchestrator.web.ApiExceptionHandler;
import io.modelops.orchestrator.web.ConflictException;
import io.modelops.orchestrator.web.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The tasks of a finding's remediation ("Remediate finding", "Verify remediation"):
 *
 * <ul>
 *   <li>on "create", the task shows the finding as the register holds it (task-local display
 *       variables, which nobody can change: see the security guide) and is due when the finding is;
 *   <li>on "complete", the task's decision is the register's transition, made by {@link
 *       FindingsService} as the task's authenticated user with the same rules as the REST API (the
 *       owner submits, another validator closes or reopens). A completion without an authenticated
 *       user is refused, unless the register itself completes the task after a transition over the
 *       API.
 * </ul>
 */
@Component("findingTaskListener")
public class FindingTaskListener implements TaskListener {

  private final FindingsService service;
  private final FindingRemediations remediations;
  private final FindingRepository findings;
  private final Validator validator;

  FindingTaskListener(
      FindingsService service,
      FindingRemediations remediations,
      FindingRepository findings,
      Validator validator) {
    this.service = service;
    this.remediations = remediations;
    this.findings = findings;
    this.validator = validator;
  }

  @Override
  public void notify(DelegateTask task) {
    Finding finding = remediations.finding(task.getExecution().getProcessBusinessKey());
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      show(task, finding);
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())
        && !FindingRemediations.inTransition(finding.id())) {
      decide(task, finding.id());
    }
  }

  private void show(DelegateTask task, Finding f) {
    FindingRemediation.FINDING_SUBJECT.setLocal(task, f.subject());
    FindingRemediation.FINDING_TITLE.setLocal(task, f.title());
    FindingRemediation.FINDING_DESCRIPTION.setLocal(task, f.description());
    FindingRemediation.FINDING_SEVERITY.setLocal(task, f.severity().name());
    FindingRemediation.FINDING_OWNER.setLocal(task, f.owner());
    FindingRemediation.FINDING_DUE.setLocal(task, f.dueDate().toString());
    FindingRemediation.FINDING_HISTORY.setLocal(
        task,
        findings.history(f.id()).stream()
            .map(
                t ->
                    t.at().toLocalDate()
                        + " "
                        + t.actor()
                        + ": "
                        + (t.from() == null ? "raised" : t.from() + " → " + t.to())
                        + (t.text() == null ? "" : " — " + t.text())
                        + (t.evidenceUri() == null ? "" : " (evidence: " + t.evidenceUri() + ")"))
            .collect(Collectors.joining("\n")));
    task.setDueDate(Date.from(f.dueDate().atStartOfDay().toInstant(ZoneOffset.UTC)));
  }

  private void decide(DelegateTask task, UUID id) {
    String user =
        EngineInternals.currentUserId(task.getProcessEngineServices().getIdentityService())
            .orElseThrow(
                () ->
                    new AuthorizationException(
                        "The tasks of a finding are completed by an authenticated user"));
    try {
      transition(task, id, user);
    } catch (InvalidRequestException e) {
      ApiExceptionHandler.FieldProblem first = e.errors().get(0);
      throw EngineInternals.invalidFormField(formField(first.field()), first.message());
    } catch (ConflictException e) {
      throw new BadUserRequestException(e.getMessage());
    }
  }

  private void transition(DelegateTask task, UUID id, String user) {
    FindingRemediations.inTransition(
        id,
        () -> {
          if (FindingRemediation.TASK_REMEDIATE.equals(task.getTaskDefinitionKey())) {
            FindingRequests.Remediation request =
                valid(
                    new FindingRequests.Remediation(
                        FindingRemediation.REMEDIATION.get(task),
                        blankToNull(FindingRemediation.EVIDENCE_URI.get(task))));
            return service.submitRemediation(id, request, user);
          }
          String verdict = FindingRemediation.VERDICT.get(task);
          FindingRequests.Verdict request =
              valid(new FindingRequests.Verdict(FindingRemediation.VERDICT_COMMENT.get(task)));
          if (FindingRemediation.VERDICT_CLOSE.equals(verdict)) {
            return service.close(id, request, user);
          }
          if (FindingRemediation.VERDICT_REOPEN.equals(verdict)) {
            return service.reopen(id, request, user);
          }
          throw EngineInternals.invalidFormField(
              FindingRemediation.VERDICT.name(),
              "Choose "
                  + FindingRemediation.VERDICT_CLOSE
                  + " or "
                  + FindingRemediation.VERDICT_REOPEN);
        });
  }

  private <T> T valid(T request) {
    Set<ConstraintViolation<T>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      ConstraintViolation<T> first = violations.iterator().next();
      String field = first.getPropertyPath().toString();
      throw EngineInternals.invalidFormField(formField(field), field + " " + first.getMessage());
    }
    return request;
  }

  /** The form field of a request field. */
  private static String formField(String field) {
    return "comment".equals(field) ? FindingRemediation.VERDICT_COMMENT.name() : field;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
