package io.modelops.orchestrator.process;

import io.modelops.orchestrator.approval.ControlViolationException;
import io.modelops.orchestrator.audit.AuditLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * A job that fails with a {@link ControlViolationException} fails at once: its retries go to 0,
 * which raises an incident whose message is the violation, and a {@code CONTROL_VIOLATION} event
 * (actor {@code system}, the instance, the activity, what was missing) is appended to the audit log
 * in the same transaction as the incident. Retrying the incident runs the guard again: without the
 * approvals it fails again, with one more event. Other failures keep the engine's retry strategy
 * (the activity's {@code failedJobRetryTimeCycle}).
 *
 * <p>The engine calls its failed-job command factory after rolling back the failed job's
 * transaction, in a new command; this plugin replaces that factory with one that handles control
 * violations and delegates everything else to the engine's default.
 */
@Component
class ControlViolationIncidents extends AbstractProcessEnginePlugin {

  /** Audit action of a control violation. */
  public static final String AUDIT_ACTION = "CONTROL_VIOLATION";

  private final AuditLog audit;

  public ControlViolationIncidents(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory fallback =
        configuration.getFailedJobCommandFactory() != null
            ? configuration.getFailedJobCommandFactory()
            : new DefaultFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory(
        (jobId, failure) ->
            ControlViolationException.in(failure)
                .<Command<Object>>map(violation -> new FailAtOnce(jobId, violation, audit))
                .orElseGet(() -> fallback.getCommand(jobId, failure)));
  }

  /** Sets the job's retries to 0 (an incident) and audits the violation, in one transaction. */
  private record FailAtOnce(String jobId, ControlViolationException violation, AuditLog audit)
      implements Command<Object> {

    @Override
    public Object execute(CommandContext commandContext) {
      JobEntity job = commandContext.getJobManager().findJobById(jobId);
      if (job == null) {
        return null;
      }
      job.unlock();
      job.setExceptionMessage(violation.getMessage());
      job.setExceptionStacktrace(stackTrace(violation));
      job.setRetries(0);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("activityId", violation.activityId());
      details.put("jobId", jobId);
      details.put("missing", violation.missing());
      details.put("outcome", "job stopped with an incident; the lifecycle does not proceed");
      audit.record(
          AUDIT_ACTION,
          AuditLog.SYSTEM,
          violation.modelName(),
          violation.modelVersion(),
          violation.processInstanceId(),
          details);
      return null;
    }

    private static String stackTrace(Throwable t) {
      StringWriter out = new StringWriter();
      t.printStackTrace(new PrintWriter(out));
      return out.toString();
    }
  }
}
