package io.modelops.orchestrator.process;

import static io.modelops.orchestrator.process.ProcessVariable.stringVariable;

import java.util.Map;
import java.util.Set;

/**
 * Backing class of {@code processes/finding-remediation.bpmn}: one instance per finding (business
 * key: the finding's id), started by the orchestrator in the transaction that raises the finding.
 * The finding's status lives in the findings register, never in these variables: the variables
 * below are what a person enters in a task (its decision fields) and what the task shows.
 */
public final class FindingRemediation {

  public static final String KEY = "finding-remediation";

  public static final String SUBPROCESS_REMEDIATION = "SubProcess_Remediation";
  public static final String TASK_REMEDIATE = "Task_RemediateFinding";
  public static final String TASK_VERIFY = "Task_VerifyRemediation";
  public static final String EVENT_OVERDUE = "Event_FindingOverdue";
  public static final String EVENT_ESCALATION_DUE = "Event_FindingEscalationDue";
  public static final String EVENT_RISK_ACCEPTED = "Event_FindingRiskAccepted";
  public static final String TASK_REMIND_OWNER = "Task_RemindFindingOwner";
  public static final String TASK_ESCALATE = "Task_EscalateOverdueFinding";
  public static final String END_CLOSED = "EndEvent_FindingClosed";
  public static final String END_RISK_ACCEPTED = "EndEvent_FindingRiskAccepted";
  public static final String END_OWNER_REMINDED = "EndEvent_FindingOwnerReminded";
  public static final String END_ESCALATED = "EndEvent_OverdueFindingEscalated";

  public static final String FORM_REMEDIATE = "remediate-finding";
  public static final String FORM_VERIFY = "verify-remediation";

  /** Ends the remediation when model risk accepts the finding's risk (sent by the orchestrator). */
  public static final String MESSAGE_RISK_ACCEPTED = "FindingRiskAccepted";

  /** The owner's remediation (decision field of "Remediate finding"). */
  public static final ProcessVariable<String> REMEDIATION = stringVariable("remediation");

  /** Optional link to the evidence of the remediation (decision field of "Remediate finding"). */
  public static final ProcessVariable<String> EVIDENCE_URI = stringVariable("evidenceUri");

  /** {@link #VERDICT_CLOSE} or {@link #VERDICT_REOPEN} (decision field of "Verify remediation"). */
  public static final ProcessVariable<String> VERDICT = stringVariable("verdict");

  /** Why the remediation is accepted or rejected (decision field of "Verify remediation"). */
  public static final ProcessVariable<String> VERDICT_COMMENT = stringVariable("verdictComment");

  public static final String VERDICT_CLOSE = "CLOSE";
  public static final String VERDICT_REOPEN = "REOPEN";

  /** Task-local display variables, set from the findings register when a task is created. */
  public static final ProcessVariable<String> FINDING_SUBJECT = stringVariable("findingSubject");

  public static final ProcessVariable<String> FINDING_TITLE = stringVariable("findingTitle");
  public static final ProcessVariable<String> FINDING_DESCRIPTION =
      stringVariable("findingDescription");
  public static final ProcessVariable<String> FINDING_SEVERITY = stringVariable("findingSeverity");
  public static final ProcessVariable<String> FINDING_OWNER = stringVariable("findingOwner");
  public static final ProcessVariable<String> FINDING_DUE = stringVariable("findingDue");
  public static final ProcessVariable<String> FINDING_HISTORY = stringVariable("findingHistory");

  /** The fields a person decides in each task: the only variables completing it may set. */
  public static final Map<String, Set<String>> DECISION_FIELDS =
      Map.of(
          TASK_REMEDIATE,
          Set.of(REMEDIATION.name(), EVIDENCE_URI.name()),
          TASK_VERIFY,
          Set.of(VERDICT.name(), VERDICT_COMMENT.name()));

  private FindingRemediation() {}
}
