package io.modelops.orchestrator.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.Registrations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lifecycles on the fully automated path: a LOW-risk version whose checks all pass is approved by
 * the policy, needs no production release approval (policy rule 1), and is released through the
 * webhook target: staging, canary (20 % for 30 minutes, brought forward by {@link CanaryTraffic})
 * with healthy metrics, production. One model per lifecycle, version 1.0.0, so no lifecycle waits
 * for another.
 */
public final class AutomatedLifecycles {

  public static final String VERSION = "1.0.0";

  /** The webhook deployments of each lifecycle on this path, in order. */
  static final List<String> DEPLOYMENTS =
      List.of("STAGING:DEPLOY", "CANARY:DEPLOY", "PRODUCTION:PROMOTE");

  /**
   * Jobs of each lifecycle on this path: nine asynchronous service tasks (record registration,
   * validate, determine policy, automatic approval, deploy to staging, check staging, start canary,
   * analyze canary, promote), the guarded "Model version approved" and the canary window timer.
   */
  static final int JOBS_PER_LIFECYCLE = 11;

  /** Activities each lifecycle passes exactly once on this path. */
  static final List<String> ACTIVITIES =
      List.of(
          "StartEvent_ModelVersionRegistered",
          "Task_RecordRegistration",
          "Gateway_RiskTierLoweringRequested",
          "Gateway_RiskTierSettled",
          // no evaluation dataset: validation goes on at once
          "Gateway_EvaluationDatasetRegistered",
          "Gateway_EvaluationSettled",
          "Task_ValidateModelVersion",
          "Gateway_ValidationPassed",
          "Task_DetermineApprovalPolicy",
          "Gateway_ReviewRequired",
          "Task_RecordAutomaticApproval",
          "Gateway_Approved",
          "Event_ModelVersionApproved",
          "Task_DeployToStaging",
          "Task_CheckStagingDeployment",
          "Gateway_ReleaseApprovalRequired",
          "Gateway_ReleaseCleared",
          "Task_StartCanary",
          "Gateway_CanaryWindow",
          "Event_CanaryWindowElapsed",
          "Task_AnalyzeCanary",
          "Gateway_CanaryHealthy",
          "Gateway_Promote",
          "Task_PromoteToProduction",
          "Gateway_InProduction",
          "SubProcess_MonitorInProduction",
          "StartEvent_MonitoringStarted",
          "Gateway_StartMonitoring",
          "Gateway_MonitorAgain",
          "Event_MonitoringIntervalElapsed",
          // no retraining schedule: that branch ends at once
          "Gateway_RetrainingScheduled",
          "EndEvent_NoRetrainingSchedule",
          // revalidation of a LOW version waits years ahead; LOW needs no owner attestation
          "Gateway_RevalidationScheduled",
          "Gateway_RevalidateAgain",
          "Event_RevalidationDue",
          "Gateway_AttestationScheduled",
          "EndEvent_NoAttestationSchedule");

  private final String prefix;
  private final int count;
  private final Function<String, ObjectNode> registrations;

  public AutomatedLifecycles(String prefix, int count) {
    this(prefix, count, AutomatedLifecycles::registration);
  }

  /**
   * @param registrations the registration body of a model, e.g. {@link #registration(String)} with
   *     a reference profile added
   */
  public AutomatedLifecycles(String prefix, int count, Function<String, ObjectNode> registrations) {
    this.prefix = prefix;
    this.count = count;
    this.registrations = registrations;
  }

  public String prefix() {
    return prefix;
  }

  public int count() {
    return count;
  }

  public String model(int i) {
    return prefix + i;
  }

  /** The keys of the webhook deployments every lifecycle makes. */
  List<String> expectedDeployments() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      for (String deployment : DEPLOYMENTS) {
        keys.add(model(i) + ":" + VERSION + ":" + deployment);
      }
    }
    return keys;
  }

  public static ObjectNode registration(String model) {
    return Registrations.example(VERSION, "LOW")
        .put("deploymentTarget", "WEBHOOK")
        .put("artifactUri", "s3://models/" + model + "/" + VERSION + "/model.pkl");
  }

  /** How the registrations went. */
  public record Registered(int created, int repeated, int retried) {}

  /**
   * Registers every lifecycle's version as {@code ci-bot}, on {@code threads} threads, on the node
   * {@code client.apply(i)} names. A call that fails (node down, 5xx) is sent again with the same
   * body until it is answered 201 or 200, as a CI pipeline would retry.
   */
  public Registered register(IntFunction<ApiClient> client, int threads) throws Exception {
    AtomicInteger created = new AtomicInteger();
    AtomicInteger repeated = new AtomicInteger();
    AtomicInteger retried = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        calls.add(
            pool.submit(
                () -> {
                  long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                  while (true) {
                    try {
                      Response response =
                          client
                              .apply(n)
                              .post(
                                  "/api/models/" + model(n) + "/versions",
                                  registrations.apply(model(n)));
                      if (response.status() == 201) {
                        created.incrementAndGet();
                        return null;
                      }
                      if (response.status() == 200) {
                        repeated.incrementAndGet();
                        return null;
                      }
                      if (response.status() < 500) {
                        throw new AssertionError(
                            "Registration of "
                                + model(n)
                                + " answered "
                                + response.status()
                                + ": "
                                + response.body());
                      }
                    } catch (java.io.UncheckedIOException nodeDown) {
                      // retried below
                    }
                    retried.incrementAndGet();
                    if (System.nanoTime() > deadline) {
                      throw new AssertionError("Registration of " + model(n) + " never succeeded");
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                  }
                }));
      }
      for (Future<?> call : calls) {
        call.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Registered(created.get(), repeated.get(), retried.get());
  }

  /** The state of one lifecycle, from the catalog and the engine's runtime tables. */
  public record State(
      String model,
      String processInstanceId,
      String status,
      String stage,
      int jobs,
      int incidents,
      int waitingForReplacement) {

    /**
     * In production, waiting for a newer version, nothing left to run but the timers of production:
     * monitoring (due after the policy's interval, an hour), revalidation and owner attestation
     * (due months or years ahead).
     */
    public boolean completed() {
      return status.equals("IN_PRODUCTION")
          && stage.equals("PRODUCTION")
          && jobs == 0
          && incidents == 0
          && waitingForReplacement == 1;
    }

    public boolean settled() {
      return completed() || incidents > 0;
    }
  }

  public List<State> states(JdbcClient database) {
    return database
        .sql(
            """
            SELECT m.name, v.process_instance_id, v.status, v.stage,
              (SELECT COUNT(*) FROM act_ru_job j
                 WHERE j.process_instance_id_ = v.process_instance_id
                 AND NOT EXISTS (SELECT 1 FROM act_ru_jobdef d WHERE d.id_ = j.job_def_id_
                   AND d.act_id_ IN ('Event_MonitoringIntervalElapsed', 'Event_RevalidationDue',
                     'Event_AttestationDue'))) AS jobs,
              (SELECT COUNT(*) FROM act_ru_incident i
                 WHERE i.proc_inst_id_ = v.process_instance_id) AS incidents,
              (SELECT COUNT(*) FROM act_ru_event_subscr s
                 WHERE s.proc_inst_id_ = v.process_instance_id
                 AND s.event_name_ = 'ModelVersionReplaced') AS waiting
            FROM model_version v JOIN model m ON m.id = v.model_id
            WHERE m.name LIKE ?
            ORDER BY m.name
            """)
        .param(prefix + "%")
        .query(
            (rs, i) ->
                new State(
                    rs.getString("name"),
                    rs.getString("process_instance_id"),
                    rs.getString("status"),
                    rs.getString("stage"),
                    rs.getInt("jobs"),
                    rs.getInt("incidents"),
                    rs.getInt("waiting")))
        .list();
  }

  /** Stage history rows per version: {@code model -> [STAGE:ACTION, ...]} in order. */
  Map<String, List<String>> stageHistory(JdbcClient database) {
    Map<String, List<String>> history = new java.util.TreeMap<>();
    database
        .sql(
            "SELECT m.name, e.stage, e.action FROM stage_event e JOIN model m ON m.id = e.model_id"
                + " WHERE m.name LIKE ? ORDER BY e.seq")
        .param(prefix + "%")
        .query()
        .listOfRows()
        .forEach(
            row ->
                history
                    .computeIfAbsent((String) row.get("name"), k -> new ArrayList<>())
                    .add(row.get("stage") + ":" + row.get("action")));
    return history;
  }
}
