package io.modelops.orchestrator.revalidation;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Guards and records "Attest model use" ("complete" task listener): only the version's registrant
 * (catalog) attests, nobody on their behalf, administrators included; {@code stillUsedAsIntended}
 * must be given, and a "no" needs a comment. The attestation, the next due date (one attestation
 * interval from now) and the audit event {@code ATTESTATION_RECORDED} are written in the
 * completion's transaction.
 */
@Component("attestationListener")
public class AttestationListener implements TaskListener {

  private final CatalogRepository catalog;
  private final RevalidationRepository schedules;
  private final Revalidations revalidations;
  private final AuditLog audit;
  private final Clock clock;

  public AttestationListener(
      CatalogRepository catalog,
      RevalidationRepository schedules,
      Revalidations revalidations,
      AuditLog audit,
      Clock clock) {
    this.catalog = catalog;
    this.schedules = schedules;
    this.revalidations = revalidations;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String user =
        EngineInternals.currentUserId(task.getProcessEngineServices().getIdentityService())
            .orElseThrow(
                () ->
                    new AuthorizationException(
                        "Attestations must be made by an authenticated user"));
    ModelVersion version = catalog.requireVersionOfLifecycle(task.getProcessInstanceId());
    if (!user.equals(version.registeredBy())) {
      throw new AuthorizationException(
          user
              + " may not attest the use of "
              + version.modelName()
              + ":"
              + version.version()
              + ": only "
              + version.registeredBy()
              + ", who registered it, attests");
    }
    Object answer = task.getVariable(ModelLifecycle.STILL_USED_AS_INTENDED.name());
    if (!(answer instanceof Boolean stillUsed)) {
      throw EngineInternals.invalidFormField(
          ModelLifecycle.STILL_USED_AS_INTENDED.name(),
          "Answer whether the version is still used as intended with unchanged inputs (true or"
              + " false)");
    }
    String comment = ModelLifecycle.ATTESTATION_COMMENT.get(task);
    if (!stillUsed && (comment == null || comment.isBlank())) {
      throw EngineInternals.invalidFormField(
          ModelLifecycle.ATTESTATION_COMMENT.name(), "Say what changed: a \"no\" needs a comment");
    }
    RevalidationSchedule schedule = revalidations.requireSchedule(version);
    if (schedule.attestationInterval() == null) {
      throw new IllegalStateException("The version needs no attestation");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime next = RevalidationSchedule.after(now, schedule.attestationInterval());
    schedules.attested(
        new RevalidationRecords.Attestation(
            UUID.randomUUID(), version.id(), task.getId(), stillUsed, user, now, comment, next));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("taskId", task.getId());
    details.put("stillUsedAsIntended", stillUsed);
    details.put("comment", comment);
    details.put("nextDueAt", next.toString());
    audit.record(
        "ATTESTATION_RECORDED",
        user,
        version.modelName(),
        version.version(),
        task.getProcessInstanceId(),
        details);
  }
}
