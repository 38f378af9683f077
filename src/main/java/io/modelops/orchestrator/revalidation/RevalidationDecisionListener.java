package io.modelops.orchestrator.revalidation;

import io.modelops.orchestrator.approval.Approval;
import io.modelops.orchestrator.approval.ApprovalRepository;
import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Guards and records "Revalidate model version" ("complete" task listener, so Tasklist, the engine
 * REST API and Java callers are equal). The decider must be an authenticated member of {@code
 * model-validators}, not the registrant and not one of the version's reviewers (the rules of {@code
 * TaskDeciders}, checked again here for completion); the decision is CONFIRM or REQUIRE_CHANGES
 * with a comment. CONFIRM sets the next due date one revalidation interval from now,
 * REQUIRE_CHANGES one recheck interval from now. The decision, the new due date and the audit event
 * {@code REVALIDATION_COMPLETED} are written in the completion's transaction; any refusal throws
 * and the task stays open.
 */
@Component("revalidationDecisionListener")
public class RevalidationDecisionListener implements TaskListener {

  static final Set<String> OUTCOMES =
      Set.of(ModelLifecycle.REVALIDATION_CONFIRM, ModelLifecycle.REVALIDATION_REQUIRE_CHANGES);

  private final CatalogRepository catalog;
  private final ApprovalRepository approvals;
  private final RevalidationRepository schedules;
  private final Revalidations revalidations;
  private final AuditLog audit;
  private final Clock clock;

  public RevalidationDecisionListener(
      CatalogRepository catalog,
      ApprovalRepository approvals,
      RevalidationRepository schedules,
      Revalidations revalidations,
      AuditLog audit,
      Clock clock) {
    this.catalog = catalog;
    this.approvals = approvals;
    this.schedules = schedules;
    this.revalidations = revalidations;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    String user =
        EngineInternals.currentUserId(identity)
            .orElseThrow(
                () ->
                    new AuthorizationException(
                        "Revalidation decisions must be made by an authenticated user"));
    ModelVersion version = catalog.requireVersionOfLifecycle(task.getProcessInstanceId());
    String subject = version.modelName() + ":" + version.version();
    boolean validator = EngineInternals.isMember(identity, user, ModelLifecycle.GROUP_VALIDATORS);
    if (!validator) {
      throw new AuthorizationException(
          "Segregation of duties: "
              + user
              + " is not a member of "
              + ModelLifecycle.GROUP_VALIDATORS
              + " and cannot revalidate "
              + subject);
    }
    if (user.equals(version.registeredBy())) {
      throw new AuthorizationException(
          "Segregation of duties: "
              + user
              + " registered "
              + subject
              + " and cannot revalidate it; another validator must");
    }
    for (Approval approval : approvals.findByVersion(version.id())) {
      if (ModelLifecycle.TASK_REVIEW.equals(approval.step()) && user.equals(approval.decidedBy())) {
        throw new AuthorizationException(
            "Segregation of duties: "
                + user
                + " reviewed "
                + subject
                + " before its release and cannot also revalidate it; another validator must");
      }
    }
    String decision = ModelLifecycle.REVALIDATION_DECISION.get(task);
    if (decision == null || !OUTCOMES.contains(decision)) {
      throw EngineInternals.invalidFormField(
          ModelLifecycle.REVALIDATION_DECISION.name(),
          "Choose a decision: revalidationDecision must be one of "
              + OUTCOMES.stream().sorted().toList());
    }
    String comment = ModelLifecycle.REVALIDATION_COMMENT.get(task);
    if (comment == null || comment.isBlank()) {
      throw EngineInternals.invalidFormField(
          ModelLifecycle.REVALIDATION_COMMENT.name(),
          "A revalidation needs a comment that gives what was checked and found");
    }
    RevalidationSchedule schedule = revalidations.requireSchedule(version);
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime next =
        RevalidationSchedule.after(
            now,
            ModelLifecycle.REVALIDATION_CONFIRM.equals(decision)
                ? schedule.revalidationInterval()
                : schedule.recheckInterval());
    RevalidationRecords.Review review =
        new RevalidationRecords.Review(
            UUID.randomUUID(), version.id(), task.getId(), decision, user, now, comment, next);
    schedules.revalidated(review);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("taskId", task.getId());
    details.put("outcome", decision);
    details.put("comment", comment);
    details.put("previousDueAt", schedule.revalidationDueAt().toString());
    details.put("nextDueAt", next.toString());
    details.put("evaluationRequestedAt", String.valueOf(schedule.evaluationRequestedAt()));
    audit.record(
        "REVALIDATION_COMPLETED",
        user,
        version.modelName(),
        version.version(),
        task.getProcessInstanceId(),
        details);
  }
}
