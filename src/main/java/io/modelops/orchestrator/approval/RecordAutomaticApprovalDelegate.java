package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.validation.ValidationReport;
import io.modelops.orchestrator.validation.ValidationReportRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Record automatic approval": when the approval policy requires no human review (e.g. a LOW-risk
 * version whose checks all passed), the approval is recorded as the policy's decision, so the
 * version's evidence shows why no person approved it. Idempotent per lifecycle.
 */
@Component("recordAutomaticApprovalDelegate")
public class RecordAutomaticApprovalDelegate implements JavaDelegate {

  /** Who decided, in approval records of automatic approvals. */
  public static final String POLICY_ACTOR = "approval-policy";

  private final CatalogRepository catalog;
  private final ApprovalRepository approvals;
  private final ApprovalRecorder recorder;
  private final ApprovalPolicies policies;
  private final ValidationReportRepository reports;
  private final Clock clock;

  public RecordAutomaticApprovalDelegate(
      CatalogRepository catalog,
      ApprovalRepository approvals,
      ApprovalRecorder recorder,
      ApprovalPolicies policies,
      ValidationReportRepository reports,
      Clock clock) {
    this.catalog = catalog;
    this.approvals = approvals;
    this.recorder = recorder;
    this.policies = policies;
    this.reports = reports;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    ApprovalPolicy policy = policies.policyOf(execution);
    if (policy.reviewRequired()) {
      // reached by a modification: the frozen policy requires people, not the policy's approval
      throw ControlViolationException.at(
          execution,
          version,
          List.of(
              "the frozen policy requires reviews by "
                  + String.join(", ", policy.reviewGroups())
                  + "; no automatic approval is recorded"));
    }
    String summary = reports.findLatest(version.id()).map(ValidationReport::summary).orElse(null);
    boolean recorded =
        approvals.findByVersion(version.id()).stream()
            .anyMatch(a -> POLICY_ACTOR.equals(a.decidedBy()));
    if (recorded) {
      return;
    }
    recorder.record(
        new Approval(
            UUID.randomUUID(),
            version.id(),
            "auto:" + execution.getProcessInstanceId(),
            execution.getCurrentActivityId(),
            null,
            ModelLifecycle.DECISION_APPROVE,
            POLICY_ACTOR,
            OffsetDateTime.now(clock),
            "Approved by the approval policy without human review: "
                + version.riskTier()
                + " risk, "
                + policy.inputs().validationWarnings()
                + " validation warning(s)",
            Evidence.hash(version, summary)),
        version,
        execution.getProcessInstanceId());
  }
}
