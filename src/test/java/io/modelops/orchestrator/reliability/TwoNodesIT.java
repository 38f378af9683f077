package io.modelops.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.reliability.AutomatedLifecycles.Registered;
import io.modelops.orchestrator.reliability.AutomatedLifecycles.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two orchestrator nodes (JVMs of their own) on one PostgreSQL database, started together on an
 * empty database, with 200 lifecycles on the automated path registered alternately on either node.
 * Camunda's job executors of both nodes compete for the same jobs: every job must run once, every
 * lifecycle must complete, and PostgreSQL must see no deadlock.
 */
class TwoNodesIT {

  private static final int LIFECYCLES = 200;
  private static final String SECRET = "two-nodes-secret";

  private NodeDatabase database;
  private IdempotentDeploymentService deploymentService;
  private ApplicationNode nodeA;
  private ApplicationNode nodeB;
  private CanaryTraffic canaryTraffic;

  @BeforeEach
  void startNodes() {
    database = new NodeDatabase("reliability_two_nodes");
    deploymentService = new IdempotentDeploymentService(SECRET);
    nodeA = node("node-a");
    nodeB = node("node-b");
    nodeA.start();
    nodeB.start();
    nodeA.awaitHealthy(Duration.ofMinutes(2));
    nodeB.awaitHealthy(Duration.ofMinutes(2));
  }

  private ApplicationNode node(String name) {
    var properties =
        ApplicationNode.properties(name, database.jdbcUrl(), deploymentService.url(), SECRET);
    properties.put("modelops.mail.enabled", "false");
    return new ApplicationNode(name, properties);
  }

  @AfterEach
  void stopNodes() {
    if (canaryTraffic != null) {
      canaryTraffic.close();
    }
    for (ApplicationNode node : new ApplicationNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
    if (deploymentService != null) {
      deploymentService.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void shouldRunEveryJobOnceWithTwoNodesOnOneDatabase() throws Exception {
    long started = System.nanoTime();
    AutomatedLifecycles lifecycles = new AutomatedLifecycles("two-nodes-", LIFECYCLES);
    ApplicationNode[] nodes = {nodeA, nodeB};
    AtomicInteger turn = new AtomicInteger();
    canaryTraffic =
        new CanaryTraffic(
                database.jdbc(),
                lifecycles.prefix(),
                () -> nodes[turn.incrementAndGet() % 2].as("monty"),
                () -> nodes[turn.incrementAndGet() % 2].as("admin"))
            .start();

    // when: 200 lifecycles, registered alternately on node A and node B
    Registered registered = lifecycles.register(i -> nodes[i % 2].as("ci-bot"), 4);

    // then: all complete
    List<State> states =
        await("every lifecycle completed")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> lifecycles.states(database.jdbc()),
                s -> s.size() == LIFECYCLES && s.stream().allMatch(State::settled));
    double runSeconds = (System.nanoTime() - started) / 1e9;
    assertThat(registered.created()).isEqualTo(LIFECYCLES);
    assertThat(states).as("lifecycles with an incident").allMatch(State::completed);
    JsonNode audit = nodeB.as("admin").get("/api/audit/verify").json();
    assertThat(audit.path("valid").asBoolean()).as(audit.toString()).isTrue();
    nodeA.stop();
    nodeB.stop();

    // and every job ran once: one successful execution per job in the job log, the number the
    // path has, spread over both nodes
    String ours = "process_instance_id_ IN (SELECT process_instance_id FROM model_version)";
    List<Map<String, Object>> jobsRunMoreThanOnce =
        database
            .jdbc()
            .sql(
                "SELECT job_id_, COUNT(*) AS n FROM act_hi_job_log WHERE job_state_ = 2 AND "
                    + ours
                    + " GROUP BY job_id_ HAVING COUNT(*) > 1")
            .query()
            .listOfRows();
    assertThat(jobsRunMoreThanOnce).as("jobs that succeeded more than once").isEmpty();
    long jobsExecuted =
        database.queryLong("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 2 AND " + ours);
    long jobsExpected = (long) LIFECYCLES * AutomatedLifecycles.JOBS_PER_LIFECYCLE;
    assertThat(jobsExecuted).as("successful job executions").isEqualTo(jobsExpected);
    long jobFailures =
        database.queryLong("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 1 AND " + ours);
    Map<String, Long> jobsPerNode = new TreeMap<>();
    database
        .jdbc()
        .sql(
            "SELECT hostname_, COUNT(*) AS n FROM act_hi_job_log WHERE job_state_ = 2 AND "
                + ours
                + " GROUP BY hostname_")
        .query()
        .listOfRows()
        .forEach(
            row ->
                jobsPerNode.put(
                    (String) row.get("hostname_"), ((Number) row.get("n")).longValue()));
    assertThat(jobsPerNode.keySet())
        .as("nodes that ran jobs")
        .containsExactlyInAnyOrder("node-a", "node-b");

    // and the history has each activity of the path once per lifecycle
    List<Map<String, Object>> activitiesTwice =
        database
            .jdbc()
            .sql(
                "SELECT proc_inst_id_, act_id_, COUNT(*) AS n FROM act_hi_actinst"
                    + " WHERE proc_inst_id_ IN (SELECT process_instance_id FROM model_version)"
                    + " GROUP BY proc_inst_id_, act_id_ HAVING COUNT(*) > 1")
            .query()
            .listOfRows();
    assertThat(activitiesTwice).as("activities entered twice").isEmpty();
    Map<String, List<String>> activities = new TreeMap<>();
    database
        .jdbc()
        .sql(
            "SELECT proc_inst_id_, act_id_ FROM act_hi_actinst"
                + " WHERE proc_inst_id_ IN (SELECT process_instance_id FROM model_version)")
        .query()
        .listOfRows()
        .forEach(
            row ->
                activities
                    .computeIfAbsent(
                        (String) row.get("proc_inst_id_"), k -> new java.util.ArrayList<>())
                    .add((String) row.get("act_id_")));
    assertThat(activities).hasSize(LIFECYCLES);
    activities.forEach(
        (instance, ids) ->
            assertThat(ids)
                .as("activities of " + instance)
                .containsExactlyInAnyOrderElementsOf(AutomatedLifecycles.ACTIVITIES));

    // and the deployment service got each deployment once, and the stage history holds it once
    assertThat(deploymentService.effectsPerDeployment().keySet())
        .containsExactlyInAnyOrderElementsOf(lifecycles.expectedDeployments());
    assertThat(deploymentService.duplicateEffects()).as("deployments applied twice").isEmpty();
    assertThat(deploymentService.redeliveredKeys()).as("deployments delivered twice").isEmpty();
    assertThat(deploymentService.badSignatures()).isZero();
    lifecycles
        .stageHistory(database.jdbc())
        .forEach(
            (model, history) ->
                assertThat(history)
                    .as("stage history of " + model)
                    .containsExactlyElementsOf(AutomatedLifecycles.DEPLOYMENTS));

    // and the start-up initialisation, which both nodes ran at the same moment, happened once
    assertThat(database.queryLong("SELECT COUNT(DISTINCT name_) FROM act_ru_filter")).isEqualTo(2);
    assertThat(database.queryLong("SELECT COUNT(*) FROM act_ru_filter"))
        .as("Tasklist filters")
        .isEqualTo(2);
    assertThat(
            database.queryLong(
                "SELECT COUNT(*) - COUNT(DISTINCT details) FROM audit_event WHERE action ="
                    + " 'DEFINITION_DEPLOYED'"))
        .as("definitions audited twice")
        .isZero();

    // and no deadlock, neither in the nodes' logs nor in PostgreSQL's statistics
    long deadlocksInLogs = nodeA.countInLog("(?i)deadlock") + nodeB.countInLog("(?i)deadlock");
    long deadlocksInDatabase = database.deadlocks();
    assertThat(deadlocksInLogs).as("deadlocks in the logs").isZero();
    assertThat(deadlocksInDatabase).as("deadlocks detected by PostgreSQL").isZero();
    long optimisticLocking =
        nodeA.countInLog("OptimisticLockingException")
            + nodeB.countInLog("OptimisticLockingException");

    double totalSeconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "[reliability] two nodes: lifecycles=%d completed=%d jobsExecuted=%d jobsExpected=%d"
            + " jobsPerNode=%s jobFailures=%d optimisticLockingExceptions=%d deadlocks=%d"
            + " deployments=%d deliveries=%d auditEvents=%s startup=%ss/%ss run=%.1fs"
            + " total=%.1fs%n",
        LIFECYCLES,
        states.stream().filter(State::completed).count(),
        jobsExecuted,
        jobsExpected,
        jobsPerNode,
        jobFailures,
        optimisticLocking,
        deadlocksInLogs + deadlocksInDatabase,
        deploymentService.effects(),
        deploymentService.deliveries(),
        audit.path("checked").asText(),
        nodeA.lastStartupSeconds(),
        nodeB.lastStartupSeconds(),
        runSeconds,
        totalSeconds);
  }
}
