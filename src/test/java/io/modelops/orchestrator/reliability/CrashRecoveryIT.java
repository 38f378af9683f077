package io.modelops.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.reliability.AutomatedLifecycles.Registered;
import io.modelops.orchestrator.reliability.AutomatedLifecycles.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the orchestrator in the middle of 200 lifecycles on the automated path, on
 * real PostgreSQL, with the application in a JVM of its own. The node is killed while the
 * deployment service holds the answers to deployments it has already applied (the worst moment for
 * a webhook: done, but not confirmed), then started again. Every lifecycle must end in production
 * or hold an incident, and the deployment service must have applied every (version, stage, action)
 * exactly once, however often it was delivered.
 */
class CrashRecoveryIT {

  private static final int LIFECYCLES = 200;
  private static final String SECRET = "crash-test-secret";

  private NodeDatabase database;
  private IdempotentDeploymentService deploymentService;
  private ApplicationNode node;
  private CanaryTraffic canaryTraffic;

  @BeforeEach
  void startNode() {
    database = new NodeDatabase("reliability_crash");
    deploymentService = new IdempotentDeploymentService(SECRET);
    var properties =
        ApplicationNode.properties(
            "crash-node", database.jdbcUrl(), deploymentService.url(), SECRET);
    // jobs of a dead node are picked up again once their lock expires
    properties.put("camunda.bpm.job-execution.lock-time-in-millis", "5000");
    properties.put("modelops.mail.enabled", "false");
    node = new ApplicationNode("crash-node", properties);
    node.start();
    node.awaitHealthy(Duration.ofMinutes(2));
  }

  @AfterEach
  void stopNode() {
    if (canaryTraffic != null) {
      canaryTraffic.close();
    }
    if (node != null) {
      node.close();
    }
    if (deploymentService != null) {
      deploymentService.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void shouldFinishEveryLifecycleAndApplyEveryDeploymentOnceAfterKill9() throws Exception {
    long started = System.nanoTime();
    AutomatedLifecycles lifecycles = new AutomatedLifecycles("crash-", LIFECYCLES);
    List<String> expected = lifecycles.expectedDeployments();
    canaryTraffic =
        new CanaryTraffic(
                database.jdbc(),
                lifecycles.prefix(),
                () -> node.as("monty"),
                () -> node.as("admin"))
            .start();

    // given: 200 lifecycles registered over REST, running; from a third of their deployments on,
    // the deployment service applies new deployments but holds its answers
    Registered registered = lifecycles.register(i -> node.as("ci-bot"), 4);
    assertThat(registered.created()).isEqualTo(LIFECYCLES);
    deploymentService.holdAnswersAfter(
        Math.max(expected.size() / 3, deploymentService.effects() + 1));

    // when: kill -9 while at least three applied deployments wait for their answers
    await("deployments in flight")
        .atMost(Duration.ofMinutes(2))
        .until(() -> deploymentService.heldKeys().size() >= 3);
    List<State> atKill = lifecycles.states(database.jdbc());
    long jobsLockedAtKill =
        database.queryLong(
            "SELECT COUNT(*) FROM act_ru_job WHERE lock_owner_ IS NOT NULL AND lock_exp_time_ >"
                + " now()");
    int exitStatus = node.kill();
    Set<String> heldAtKill = deploymentService.heldKeys();
    int effectsAtKill = deploymentService.effects();
    deploymentService.release();
    long inFlightAtKill = LIFECYCLES - atKill.stream().filter(State::settled).count();
    Map<String, Long> stagesAtKill =
        atKill.stream()
            .collect(
                Collectors.groupingBy(State::stage, java.util.TreeMap::new, Collectors.counting()));

    // then: the JVM got SIGKILL
    assertThat(exitStatus)
        .as("exit status of the killed JVM")
        .isEqualTo(ApplicationNode.SIGKILL_EXIT_STATUS);

    // when: the node is started again
    long restartAt = System.nanoTime();
    node.start();
    node.awaitHealthy(Duration.ofMinutes(2));
    double restartSeconds = (System.nanoTime() - restartAt) / 1e9;

    // then: every lifecycle ends in production or holds an incident
    List<State> states =
        await("every lifecycle settled")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> lifecycles.states(database.jdbc()),
                s -> s.size() == LIFECYCLES && s.stream().allMatch(State::settled));
    double recoverySeconds = (System.nanoTime() - restartAt) / 1e9;
    long completed = states.stream().filter(State::completed).count();
    List<State> incidents = states.stream().filter(s -> s.incidents() > 0).toList();
    assertThat(completed + incidents.size()).isEqualTo(LIFECYCLES);
    assertThat(
            database.queryLong(
                "SELECT COUNT(*) FROM act_hi_procinst WHERE business_key_ LIKE ?",
                lifecycles.prefix() + "%"))
        .as("one lifecycle per version")
        .isEqualTo(LIFECYCLES);

    // and the deployment service applied each (version, stage, action) exactly once
    Map<String, Integer> effects = deploymentService.effectsPerDeployment();
    assertThat(deploymentService.duplicateEffects()).as("deployments applied twice").isEmpty();
    assertThat(deploymentService.badSignatures()).as("bad signatures").isZero();
    assertThat(deploymentService.changedBodies()).as("redeliveries with another body").isZero();
    assertThat(deploymentService.keyMismatches())
        .as("keys not model:version:STAGE:ACTION")
        .isZero();
    Set<String> completedModels =
        states.stream().filter(State::completed).map(State::model).collect(Collectors.toSet());
    List<String> expectedOfCompleted =
        expected.stream()
            .filter(k -> completedModels.contains(k.substring(0, k.indexOf(':'))))
            .toList();
    assertThat(effects.keySet())
        .as("deployments of completed lifecycles")
        .containsAll(expectedOfCompleted);
    assertThat(expected)
        .as("no deployment outside the automated path")
        .containsAll(effects.keySet());

    // and every answer the kill swallowed was delivered again (at least once) and replayed
    assertThat(heldAtKill).isNotEmpty();
    for (String key : heldAtKill) {
      assertThat(deploymentService.deliveriesOf(key))
          .as("deliveries of " + key)
          .isGreaterThanOrEqualTo(2);
    }
    int redeliveries = deploymentService.redeliveries();

    // and the orchestrator's own records hold each step once: stage history, audit chain
    Map<String, List<String>> history = lifecycles.stageHistory(database.jdbc());
    for (String model : completedModels) {
      assertThat(history.get(model))
          .as("stage history of " + model)
          .containsExactlyElementsOf(AutomatedLifecycles.DEPLOYMENTS);
    }
    JsonNode audit = node.as("admin").get("/api/audit/verify").json();
    assertThat(audit.path("valid").asBoolean()).as(audit.toString()).isTrue();

    double totalSeconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "[reliability] kill -9: lifecycles=%d inFlightAtKill=%d stagesAtKill=%s jobsLockedAtKill=%d"
            + " unconfirmedDeploymentsAtKill=%d deploymentsAppliedAtKill=%d exit=%d completed=%d"
            + " incidents=%d deployments=%d deliveries=%d redeliveries=%d duplicateEffects=%d"
            + " auditEvents=%s restart=%.1fs recovery=%.1fs total=%.1fs%n",
        LIFECYCLES,
        inFlightAtKill,
        stagesAtKill,
        jobsLockedAtKill,
        heldAtKill.size(),
        effectsAtKill,
        exitStatus,
        completed,
        incidents.size(),
        effects.size(),
        deploymentService.deliveries(),
        redeliveries,
        deploymentService.duplicateEffects().size(),
        audit.path("checked").asText(),
        restartSeconds,
        recoverySeconds,
        totalSeconds);
  }
}
