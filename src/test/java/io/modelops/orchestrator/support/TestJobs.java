package io.modelops.orchestrator.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Brings jobs forward, so tests need not wait for timers of days. */
public final class TestJobs {

  /**
   * Waits for the job of {@code activityId} (e.g. a timer) in the instance and makes it due now;
   * the job executor then runs it.
   */
  public static Job makeDue(
      ManagementService managementService, String instance, String activityId) {
    Job job =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    managementService
                        .createJobQuery()
                        .processInstanceId(instance)
                        .activityId(activityId)
                        .singleResult(),
                Objects::nonNull);
    managementService.setJobDuedate(job.getId(), new Date(System.currentTimeMillis() - 1000));
    return job;
  }

  /**
   * Waits until a job of the instance has failed and lets it fail once more with no retries left,
   * so that it raises its incident now rather than after its retry cycle (minutes). Returns the
   * failing job as it was after its first failure.
   */
  public static Job useUpRetries(ManagementService managementService, String instance) {
    Job failing =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    managementService
                        .createJobQuery()
                        .processInstanceId(instance)
                        .withException()
                        .singleResult(),
                Objects::nonNull);
    managementService.setJobRetries(failing.getId(), 1);
    managementService.setJobDuedate(failing.getId(), new Date(System.currentTimeMillis() - 1000));
    return failing;
  }

  private TestJobs() {}
}
