package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.validation.ValidationReport;
import io.modelops.orchestrator.validation.ValidationReportRepository;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the gateways, the review multi-instance and the timers of the approval and release path
 * decide on, read from the catalog: the stored validation report, the frozen approval policy and
 * the decisions recorded by the task listeners. Used from the BPMN, e.g. {@code
 * ${lifecycleDecisions.reviewOutcome(execution)}}. A decision point that finds no recorded decision
 * fails with a {@link ControlViolationException} instead of guessing.
 */
@Component("lifecycleDecisions")
public class LifecycleDecisions {

  private final CatalogRepository catalog;
  private final ApprovalPolicies policies;
  private final ApprovalRepository approvals;
  private final ValidationReportRepository reports;

  public LifecycleDecisions(
      CatalogRepository catalog,
      ApprovalPolicies policies,
      ApprovalRepository approvals,
      ValidationReportRepository reports) {
    this.catalog = catalog;
    this.policies = policies;
    this.approvals = approvals;
    this.reports = reports;
  }

  /** "Validation passed?": the newest stored validation report. */
  public boolean validationPassed(DelegateExecution execution) {
    ModelVersion version = version(execution);
    return reports
        .findLatest(version.id())
        .map(ValidationReport::passed)
        .orElseThrow(() -> violation(execution, version, "no validation report is stored"));
  }

  /** "Review required?" */
  public boolean reviewRequired(DelegateExecution execution) {
    return policies.policyOf(execution).reviewRequired();
  }

  /** The review groups of the frozen policy, in order (the review multi-instance's collection). */
  public List<String> reviewGroups(DelegateExecution execution) {
    return policies.policyOf(execution).reviewGroups();
  }

  /**
   * Completion condition of the reviews: stop at the first recorded review decision that is not an
   * approval (or when no decision was recorded at all: the outcome then fails closed).
   */
  public boolean reviewComplete(DelegateExecution execution) {
    return latest(version(execution), ModelLifecycle.TASK_REVIEW)
        .map(a -> !ModelLifecycle.isApproval(a.decision()))
        .orElse(true);
  }

  /**
   * "Review outcome?": the last decision that is not an approval, if any; APPROVE when every review
   * group of the policy approved (an approval with conditions routes as an approval: its findings
   * are guarded at the release); otherwise a control violation.
   */
  public String reviewOutcome(DelegateExecution execution) {
    ModelVersion version = version(execution);
    List<Approval> reviews =
        ApprovalControls.onStep(approvals.findByVersion(version.id()), ModelLifecycle.TASK_REVIEW);
    for (int i = reviews.size() - 1; i >= 0; i--) {
      if (!ModelLifecycle.isApproval(reviews.get(i).decision())) {
        return reviews.get(i).decision();
      }
    }
    List<String> groups = policies.policyOf(execution).reviewGroups();
    List<String> approved = reviews.stream().map(Approval::reviewGroup).toList();
    if (!groups.isEmpty() && approved.containsAll(groups)) {
      return ModelLifecycle.DECISION_APPROVE;
    }
    throw violation(execution, version, "no review decision is recorded for every review group");
  }

  /** "Release approval required?" */
  public boolean releaseApprovalRequired(DelegateExecution execution) {
    return policies.policyOf(execution).productionApprovalRequired();
  }

  /** "Release approved?": the newest decision recorded on "Approve production release". */
  public String releaseDecision(DelegateExecution execution) {
    return recorded(execution, ModelLifecycle.TASK_APPROVE_RELEASE);
  }

  /** "Canary decision?": the newest decision recorded on "Decide canary". */
  public String canaryDecision(DelegateExecution execution) {
    return recorded(execution, ModelLifecycle.TASK_DECIDE_CANARY);
  }

  /** Timer "Review overdue". */
  public String reviewDeadline(DelegateExecution execution) {
    return policies.policyOf(execution).reviewDeadline();
  }

  /** Timer "Review escalation due". */
  public String escalationDeadline(DelegateExecution execution) {
    return policies.policyOf(execution).escalationDeadline();
  }

  /** Timer "Canary window elapsed". */
  public String canaryWindow(DelegateExecution execution) {
    return policies.policyOf(execution).canaryWindow();
  }

  private String recorded(DelegateExecution execution, String step) {
    ModelVersion version = version(execution);
    return latest(version, step)
        .map(Approval::decision)
        .orElseThrow(() -> violation(execution, version, "no decision is recorded for " + step));
  }

  private Optional<Approval> latest(ModelVersion version, String step) {
    return ApprovalControls.latest(approvals.findByVersion(version.id()), step);
  }

  private ModelVersion version(DelegateExecution execution) {
    return catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
  }

  private static ControlViolationException violation(
      DelegateExecution execution, ModelVersion version, String missing) {
    return ControlViolationException.at(execution, version, List.of(missing));
  }
}
