package io.modelops.orchestrator.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plays the serving system of versions in canary, over the orchestrator's public APIs: posts
 * healthy metric points for each version that reached the canary (as the monitoring identity {@code
 * monty}), then brings its canary window forward (as Cockpit's "change due date" does, {@code PUT
 * /engine-rest/job/{id}/duedate}), so a lifecycle need not wait for the policy's 30 minutes. Calls
 * that fail (a node is down) are repeated on the next round.
 */
public final class CanaryTraffic implements AutoCloseable {

  private static final DateTimeFormatter ENGINE_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final JdbcClient database;
  private final String modelPrefix;
  private final Supplier<ApiClient> monitor;
  private final Supplier<ApiClient> admin;
  private final boolean forwardWindows;

  /** Posts metrics in parallel when set (many canaries at once), else from the round's thread. */
  private final ExecutorService posters;

  private final Set<String> metricsPosting = ConcurrentHashMap.newKeySet();
  private final Set<String> metricsPosted = ConcurrentHashMap.newKeySet();
  private final Set<String> windowsForwarded = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failedCalls = new AtomicInteger();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "canary-traffic"));

  /**
   * @param modelPrefix only models whose name starts with it
   * @param monitor a monitoring identity's client (group model-monitors), which may post metrics,
   *     on a node that should be up (may rotate)
   * @param admin a client that may change job due dates
   */
  CanaryTraffic(
      JdbcClient database,
      String modelPrefix,
      Supplier<ApiClient> monitor,
      Supplier<ApiClient> admin) {
    this(database, modelPrefix, monitor, admin, true, null);
  }

  private CanaryTraffic(
      JdbcClient database,
      String modelPrefix,
      Supplier<ApiClient> monitor,
      Supplier<ApiClient> admin,
      boolean forwardWindows,
      ExecutorService posters) {
    this.database = database;
    this.modelPrefix = modelPrefix;
    this.monitor = monitor;
    this.admin = admin;
    this.forwardWindows = forwardWindows;
    this.posters = posters;
  }

  /**
   * Only posts the metrics, every 100 ms and on four threads, so that they arrive early in a short
   * canary window; each window elapses as its policy says.
   */
  public static CanaryTraffic metricsOnly(
      JdbcClient database, String modelPrefix, Supplier<ApiClient> monitor) {
    return new CanaryTraffic(
        database, modelPrefix, monitor, null, false, Executors.newFixedThreadPool(4));
  }

  public CanaryTraffic start() {
    scheduler.scheduleWithFixedDelay(
        this::round, 0, posters == null ? 250 : 100, TimeUnit.MILLISECONDS);
    return this;
  }

  private void round() {
    try {
      postMetrics();
      forwardWindows();
    } catch (RuntimeException nodeDown) {
      failedCalls.incrementAndGet();
    }
  }

  private void postMetrics() {
    List<Map<String, Object>> canaries =
        database
            .sql(
                "SELECT m.name, v.version, v.process_instance_id FROM model_version v JOIN model m"
                    + " ON m.id = v.model_id WHERE v.stage = 'CANARY' AND m.name LIKE ?")
            .param(modelPrefix + "%")
            .query()
            .listOfRows();
    for (Map<String, Object> canary : canaries) {
      String instance = (String) canary.get("process_instance_id");
      if (metricsPosted.contains(instance)) {
        continue;
      }
      if (posters == null) {
        post(canary, instance);
      } else if (metricsPosting.add(instance)) {
        posters.execute(
            () -> {
              try {
                post(canary, instance);
              } catch (RuntimeException nodeDown) {
                failedCalls.incrementAndGet();
              } finally {
                metricsPosting.remove(instance);
              }
            });
      }
    }
  }

  private void post(Map<String, Object> canary, String instance) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      points.add(Map.of("name", "error_rate", "value", 0.01));
      points.add(Map.of("name", "latency_p95_ms", "value", 120 + i));
    }
    Response posted =
        monitor
            .get()
            .post(
                "/api/models/"
                    + canary.get("name")
                    + "/versions/"
                    + canary.get("version")
                    + "/metrics",
                Map.of("points", points));
    if (posted.status() == 202) {
      metricsPosted.add(instance);
    } else {
      failedCalls.incrementAndGet();
    }
  }

  private void forwardWindows() {
    if (!forwardWindows || windowsForwarded.size() == metricsPosted.size()) {
      return;
    }
    ApiClient client = admin.get();
    JsonNode timers =
        client
            .get(
                "/engine-rest/job?maxResults=500&timers=true&activityId="
                    + ModelLifecycle.TIMER_CANARY_WINDOW)
            .json();
    String due = ENGINE_DATE.format(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1));
    for (JsonNode timer : timers) {
      String instance = timer.path("processInstanceId").asText();
      if (!metricsPosted.contains(instance) || windowsForwarded.contains(instance)) {
        continue;
      }
      Response changed =
          client.put(
              "/engine-rest/job/" + timer.path("id").asText() + "/duedate", Map.of("duedate", due));
      if (changed.status() == 204) {
        windowsForwarded.add(instance);
      } else {
        failedCalls.incrementAndGet();
      }
    }
  }

  /** Calls that failed and were repeated later (e.g. while a node was down). */
  public int failedCalls() {
    return failedCalls.get();
  }

  public int metricsPosted() {
    return metricsPosted.size();
  }

  @Override
  public void close() {
    if (posters != null) {
      posters.shutdownNow();
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
