package io.modelops.orchestrator.retraining;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ProcessVariable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The retraining schedule of a production version ({@code retraining.schedule} at registration),
 * used by the monitoring sub-process of {@code model-lifecycle}.
 */
@Component("retrainingSchedule")
public class RetrainingSchedule {

  /** When the schedule is due next (ISO 8601); also the dedup key of its trigger. */
  static final ProcessVariable<String> NEXT_RUN =
      ProcessVariable.stringVariable("nextScheduledRetraining");

  private final RetrainingRepository repository;
  private final CatalogRepository catalog;
  private final RetrainingRequests requests;
  private final Clock clock;

  public RetrainingSchedule(
      RetrainingRepository repository,
      CatalogRepository catalog,
      RetrainingRequests requests,
      Clock clock) {
    this.repository = repository;
    this.catalog = catalog;
    this.requests = requests;
    this.clock = clock;
  }

  /** Gateway "Retraining scheduled?". */
  public boolean scheduled(DelegateExecution execution) {
    return schedule(execution).isPresent();
  }

  /** Timer "Retraining schedule due": the next time of the schedule. */
  public Date next(DelegateExecution execution) {
    String schedule =
        schedule(execution)
            .orElseThrow(() -> new IllegalStateException("The version has no retraining schedule"));
    OffsetDateTime next = RetrainingSettings.nextRun(schedule, OffsetDateTime.now(clock));
    if (next == null) {
      throw new IllegalStateException("Retraining schedule '" + schedule + "' is not valid");
    }
    NEXT_RUN.set(execution, next.toString());
    return Date.from(next.toInstant());
  }

  /** "Request scheduled retraining": once per scheduled time, even if the job runs twice. */
  public void request(DelegateExecution execution) {
    ModelVersion version = version(execution);
    String schedule = schedule(execution).orElse("(removed)");
    requests.request(
        version,
        Trigger.SCHEDULE,
        "Scheduled retraining (schedule " + schedule + ") of version " + version.version(),
        AuditLog.SYSTEM,
        "schedule:" + version.id() + ":" + NEXT_RUN.get(execution));
  }

  private Optional<String> schedule(DelegateExecution execution) {
    return repository
        .settings(version(execution).id())
        .map(RetrainingSettings::schedule)
        .filter(s -> !s.isBlank());
  }

  private ModelVersion version(DelegateExecution execution) {
    // by the catalog's own instance id, never a process variable
    return catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
  }
}
