package io.modelops.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.reliability.AutomatedLifecycles;
import io.modelops.orchestrator.reliability.AutomatedLifecycles.State;
import io.modelops.orchestrator.reliability.CanaryTraffic;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.MonitoringScenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * B1, peak heap and B5 on the running application (embedded PostgreSQL, job executor on, history
 * FULL).
 *
 * <p>B1: lifecycles of {@code model-lifecycle} on the fully automated path (LOW risk, approved by
 * policy, WEBHOOK target on a local recording server, healthy canary metrics posted as soon as a
 * version reaches the canary, a canary window of one second), registered through the REST API by 8
 * clients. A lifecycle is <em>completed</em> when its version is in production and the lifecycle
 * waits at its monitoring timer. Against it, in the same engine, a no-op process with the same nine
 * asynchronous service tasks and the same timers (1 s after the seventh task, then a waiting
 * timer), started by 8 threads through the engine API. Rounds of both alternate, so that load from
 * outside hits both alike.
 *
 * <p>B5: one monitoring round over 1,000 production versions (the lifecycles of B1, topped up when
 * B1 ran fewer): a feature window per version, then every monitoring timer made due at the same
 * instant; measured until each version has a new health evaluation, and until no job is due and
 * waiting for the job executor any more.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleBench {

  private static final int ROUNDS = 3;
  private static final int LIFECYCLES_PER_ROUND = Integer.getInteger("bench.lifecycles", 170);
  private static final int WARM_UP = Integer.getInteger("bench.warmup", 50);
  private static final int PRODUCTION_VERSIONS = Integer.getInteger("bench.production", 1_000);
  private static final int CLIENTS = 8;
  private static final String PREFIX = "bench-lc-";
  private static final String BASELINE = "bench-baseline";
  private static final String BASELINE_WAIT = "Event_Idle";
  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> FEATURES = features();

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired JdbcClient jdbc;

  private final List<String> deployments = new ArrayList<>();
  private ApiClient ciBot;
  private ApiClient monitor;

  @BeforeAll
  void deployPolicyAndBaseline() throws IOException {
    ciBot = ApiClient.as(port, "ci-bot");
    monitor = ApiClient.as(port, MonitoringScenario.MONITOR);
    String policy;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("processes/approval-policy.dmn")) {
      policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(policy).contains("&quot;PT30M&quot;");
    deployments.add(
        repositoryService
            .createDeployment()
            .name("bench: approval policy with a canary window of 1 s")
            .addString(
                "approval-policy.dmn", policy.replace("&quot;PT30M&quot;", "&quot;PT1S&quot;"))
            .deploy()
            .getId());
    deployments.add(
        repositoryService
            .createDeployment()
            .name("bench: no-op baseline")
            .addModelInstance(BASELINE + ".bpmn", baseline())
            .deploy()
            .getId());
  }

  @AfterAll
  void removeDeployments() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  /** Nine asynchronous no-op service tasks, a 1 s timer after the seventh, a waiting timer. */
  private static BpmnModelInstance baseline() {
    AbstractFlowNodeBuilder<?, ?> flow =
        Bpmn.createExecutableProcess(BASELINE).camundaHistoryTimeToLive(1).startEvent();
    for (int task = 1; task <= 9; task++) {
      flow = flow.serviceTask("Task_" + task).camundaAsyncBefore().camundaExpression("${true}");
      if (task == 7) {
        flow = flow.intermediateCatchEvent("Event_Window").timerWithDuration("PT1S");
      }
    }
    return flow.intermediateCatchEvent(BASELINE_WAIT).timerWithDuration("PT1H").endEvent().done();
  }

  @Test
  @Order(1)
  void b1LifecyclesAgainstBareEngine() throws Exception {
    lifecyclesPerSecond(PREFIX + "w-", WARM_UP);
    baselinePerSecond(WARM_UP);
    double[] lifecycles = new double[ROUNDS];
    double[] baseline = new double[ROUNDS];
    double[] ratio = new double[ROUNDS];
    try (HeapSampler heap = new HeapSampler().start()) {
      for (int r = 0; r < ROUNDS; r++) {
        lifecycles[r] = lifecyclesPerSecond(PREFIX + "r" + r + "-", LIFECYCLES_PER_ROUND);
        baseline[r] = baselinePerSecond(LIFECYCLES_PER_ROUND);
        ratio[r] = lifecycles[r] / baseline[r];
        System.out.printf(
            "[bench] B1 round %d: %.2f lifecycles/s, %.2f baseline instances/s, ratio %.2f,"
                + " heap peak %.0f MB used, %.0f MB after GC%n",
            r, lifecycles[r], baseline[r], ratio[r], heap.peakUsedMb(), heap.peakAfterGcMb());
      }
      heap.close();
      String lifecycleName =
          "lifecycles/s, automated path, " + LIFECYCLES_PER_ROUND + " per round, 8 clients";
      BenchResults.record(
          new BenchResults.Result(
              "B1", lifecycleName, "1/s", lifecycles, BenchResults.Goal.AT_LEAST, Double.NaN));
      BenchResults.record(
          new BenchResults.Result(
              "B1a",
              "bare engine: no-op process, same jobs and timers",
              "1/s",
              baseline,
              BenchResults.Goal.AT_LEAST,
              Double.NaN));
      BenchResults.record(
          new BenchResults.Result(
              "B1b", "B1 / bare engine (same round)", "", ratio, BenchResults.Goal.AT_LEAST, 0.8));
      String heapName = " during B1 (test JVM, -Xmx" + Math.round(HeapSampler.maxHeapMb()) + "m)";
      BenchResults.record(
          new BenchResults.Result(
              "H",
              "peak heap after GC (live data)" + heapName,
              "MB",
              new double[] {heap.peakAfterGcMb()},
              BenchResults.Goal.AT_MOST,
              512));
      BenchResults.record(
          new BenchResults.Result(
              "Ha",
              "peak heap used (incl. garbage)" + heapName,
              "MB",
              new double[] {heap.peakUsedMb()},
              BenchResults.Goal.AT_MOST,
              512));
    }
  }

  private double lifecyclesPerSecond(String prefix, int count) throws Exception {
    AutomatedLifecycles lifecycles =
        new AutomatedLifecycles(prefix, count, LifecycleBench::registration);
    try (CanaryTraffic canaries = CanaryTraffic.metricsOnly(jdbc, prefix, () -> monitor).start();
        SessionSampler sessions = new SessionSampler(jdbc).start()) {
      long start = System.nanoTime();
      lifecycles.register(i -> ciBot, CLIENTS);
      await("lifecycles " + prefix + "* in production")
          .atMost(ROUND_TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .failFast("a lifecycle needs attention", () -> assertThat(stuck(prefix)).isEmpty())
          .until(() -> monitored(prefix + "%") == count);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.println("[bench] B1 " + prefix + "*: " + sessions.summary());
      assertThat(lifecycles.states(jdbc)).hasSize(count).allMatch(State::completed);
      return count / seconds;
    }
  }

  private double baselinePerSecond(int count) throws Exception {
    long before = baselineWaiting();
    ExecutorService starters = Executors.newFixedThreadPool(CLIENTS);
    try (SessionSampler sessions = new SessionSampler(jdbc).start()) {
      long start = System.nanoTime();
      List<Future<?>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        started.add(starters.submit(() -> runtimeService.startProcessInstanceByKey(BASELINE)));
      }
      for (Future<?> f : started) {
        f.get();
      }
      await("baseline instances at their waiting timer")
          .atMost(ROUND_TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> baselineWaiting() - before == count);
      System.out.println("[bench] B1 baseline: " + sessions.summary());
      return count / ((System.nanoTime() - start) / 1e9);
    } finally {
      starters.shutdownNow();
    }
  }

  private long baselineWaiting() {
    return managementService
        .createJobQuery()
        .processDefinitionKey(BASELINE)
        .activityId(BASELINE_WAIT)
        .count();
  }

  /** Versions whose lifecycle waits at its monitoring timer. */
  private long monitored(String namePattern) {
    return jdbc.sql(
            """
            SELECT COUNT(*) FROM model_version v JOIN model m ON m.id = v.model_id
            WHERE m.name LIKE ? AND EXISTS (SELECT 1 FROM act_ru_job j
              JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_
              WHERE j.process_instance_id_ = v.process_instance_id AND d.act_id_ = ?)
            """)
        .params(namePattern, ModelLifecycle.TIMER_MONITORING_INTERVAL)
        .query(Long.class)
        .single();
  }

  /** Incidents and user tasks of the lifecycles: none on the automated path. */
  private List<String> stuck(String prefix) {
    return jdbc.sql(
            """
            SELECT m.name || ': incident ' || i.incident_msg_ FROM act_ru_incident i
              JOIN model_version v ON v.process_instance_id = i.proc_inst_id_
              JOIN model m ON m.id = v.model_id WHERE m.name LIKE ?
            UNION ALL
            SELECT m.name || ': task ' || t.task_def_key_ FROM act_ru_task t
              JOIN model_version v ON v.process_instance_id = t.proc_inst_id_
              JOIN model m ON m.id = v.model_id WHERE m.name LIKE ?
            FETCH FIRST 5 ROWS ONLY
            """)
        .params(prefix + "%", prefix + "%")
        .query(String.class)
        .list();
  }

  @Test
  @Order(2)
  void b5MonitoringRoundOver1000ProductionVersions() throws Exception {
    long missing = PRODUCTION_VERSIONS - monitored(PREFIX + "%");
    if (missing > 0) {
      lifecyclesPerSecond(PREFIX + "fill-", (int) missing);
    }
    List<Production> versions =
        jdbc.sql(
                """
                SELECT m.name, v.version, v.id, v.process_instance_id
                FROM model_version v JOIN model m ON m.id = v.model_id
                WHERE m.name LIKE ? AND v.stage = 'PRODUCTION' ORDER BY m.name
                FETCH FIRST ? ROWS ONLY
                """)
            .params(PREFIX + "%", PRODUCTION_VERSIONS)
            .query(
                (rs, i) ->
                    new Production(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, java.util.UUID.class),
                        rs.getString(4)))
            .list();
    assertThat(versions).hasSize(PRODUCTION_VERSIONS);

    monitoringRound(versions.subList(0, Math.min(WARM_UP, versions.size())));
    double[] evaluated = new double[ROUNDS];
    double[] drained = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      double[] round = monitoringRound(versions);
      evaluated[r] = round[0];
      drained[r] = round[1];
    }
    BenchResults.record(
        new BenchResults.Result(
            "B5",
            "monitoring round: 1,000 versions evaluated",
            "s",
            evaluated,
            BenchResults.Goal.AT_MOST,
            60));
    BenchResults.record(
        new BenchResults.Result(
            "B5a",
            "monitoring round: due jobs back to 0",
            "s",
            drained,
            BenchResults.Goal.AT_MOST,
            60));
  }

  private record Production(String model, String version, java.util.UUID id, String instance) {}

  /** Returns the seconds until every version was evaluated and until no job waited any more. */
  private double[] monitoringRound(List<Production> versions) throws Exception {
    String[] instances = versions.stream().map(Production::instance).toArray(String[]::new);
    await("monitoring timers waiting")
        .atMost(ROUND_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> waitingAtMonitoringTimer(instances) == instances.length);
    postFeatureWindows(versions);

    Instant start = Instant.now();
    long startNanos = System.nanoTime();
    int due =
        jdbc.sql(
                """
                UPDATE act_ru_job SET duedate_ = ? WHERE process_instance_id_ = ANY (?)
                AND job_def_id_ IN (SELECT id_ FROM act_ru_jobdef WHERE act_id_ = ?)
                """)
            .params(
                Timestamp.from(start.minusSeconds(1)),
                instances,
                ModelLifecycle.TIMER_MONITORING_INTERVAL)
            .update();
    assertThat(due).isEqualTo(instances.length);
    java.util.UUID[] ids = versions.stream().map(Production::id).toArray(java.util.UUID[]::new);
    AtomicLong maxBacklog = new AtomicLong();
    await("every version evaluated")
        .atMost(ROUND_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              maxBacklog.accumulateAndGet(backlog(), Math::max);
              return evaluatedSince(ids, start) == ids.length;
            });
    double evaluated = (System.nanoTime() - startNanos) / 1e9;
    await("no job due and waiting")
        .atMost(ROUND_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> backlog() == 0);
    double drained = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf(
        "[bench] B5 round over %d versions: evaluated in %.1f s, due jobs back to 0 after %.1f s"
            + " (largest backlog seen %d jobs)%n",
        versions.size(), evaluated, drained, maxBacklog.get());
    return new double[] {evaluated, drained};
  }

  private void postFeatureWindows(List<Production> versions) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<ApiClient.Response>> posted = new ArrayList<>();
      for (Production v : versions) {
        posted.add(
            clients.submit(
                () ->
                    monitor.post(
                        "/api/models/"
                            + v.model()
                            + "/versions/"
                            + v.version()
                            + "/feature-windows",
                        Map.of("features", FEATURES))));
      }
      for (Future<ApiClient.Response> response : posted) {
        assertThat(response.get().status()).as(response.get().body()).isEqualTo(202);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  private long waitingAtMonitoringTimer(String[] instances) {
    return jdbc.sql(
            """
            SELECT COUNT(*) FROM act_ru_job j JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_
            WHERE j.process_instance_id_ = ANY (?) AND d.act_id_ = ? AND j.duedate_ > now()
            """)
        .params(instances, ModelLifecycle.TIMER_MONITORING_INTERVAL)
        .query(Long.class)
        .single();
  }

  private long evaluatedSince(java.util.UUID[] versions, Instant since) {
    return jdbc.sql(
            "SELECT COUNT(DISTINCT model_version_id) FROM health_evaluation"
                + " WHERE model_version_id = ANY (?) AND evaluated_at >= ?")
        .params(versions, Timestamp.from(since))
        .query(Long.class)
        .single();
  }

  /** Jobs the job executor could acquire now but has not: due, unlocked, with retries left. */
  private long backlog() {
    return jdbc.sql(
            """
            SELECT COUNT(*) FROM act_ru_job WHERE retries_ > 0 AND suspension_state_ = 1
            AND (duedate_ IS NULL OR duedate_ <= now())
            AND (lock_owner_ IS NULL OR lock_exp_time_ < now())
            """)
        .query(Long.class)
        .single();
  }

  /** The automated path's registration with a reference profile, for the monitoring round. */
  private static ObjectNode registration(String model) {
    ObjectNode body = AutomatedLifecycles.registration(model);
    body.set("monitoring", JSON.valueToTree(Map.of("reference", FEATURES)));
    return body;
  }

  /** A numeric and a categorical feature; windows repeat them, so no feature drifts. */
  private static Map<String, Object> features() {
    double[] amount = new double[200];
    for (int i = 0; i < amount.length; i++) {
      amount[i] = 50 + (i * 37 % 100);
    }
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("amount", Map.of("type", "numeric", "values", amount));
    features.put(
        "channel",
        Map.of("type", "categorical", "counts", Map.of("card", 700, "transfer", 250, "cash", 50)));
    return features;
  }
}
