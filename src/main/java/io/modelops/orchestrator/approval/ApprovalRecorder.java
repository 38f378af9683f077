package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.ModelVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Stores a decision as an approval record and writes it to the audit log, in one transaction. */
@Component
class ApprovalRecorder {

  private final ApprovalRepository approvals;
  private final AuditLog audit;

  public ApprovalRecorder(ApprovalRepository approvals, AuditLog audit) {
    this.approvals = approvals;
    this.audit = audit;
  }

  public void record(Approval approval, ModelVersion version, String processInstanceId) {
    approvals.save(approval);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("step", approval.step());
    details.put("reviewGroup", approval.reviewGroup());
    details.put("decision", approval.decision());
    details.put("comment", approval.comment());
    details.put("evidenceHash", approval.evidenceHash());
    details.put("taskId", approval.taskId());
    audit.record(
        "DECISION_RECORDED",
        approval.decidedBy(),
        version.modelName(),
        version.version(),
        processInstanceId,
        details);
  }
}
