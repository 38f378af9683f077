package io.modelops.orchestrator.bench;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the database sessions of the application do, sampled every 100 ms from {@code
 * pg_stat_activity}: how many run a statement and how many of those wait for a lock (e.g. the row
 * lock of the audit chain's head).
 */
final class SessionSampler implements AutoCloseable {

  private final JdbcClient jdbc;
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong active = new AtomicLong();
  private final AtomicLong waitingForLock = new AtomicLong();

  /** What the sessions that wait for a lock run, by statement (its first 80 characters). */
  private final Map<String, Long> waitingStatements =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "session-sampler"));

  SessionSampler(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  SessionSampler start() {
    scheduler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    return this;
  }

  private void sample() {
    Map<String, Object> row =
        jdbc.sql(
                """
                SELECT COUNT(*) FILTER (WHERE state = 'active') AS active,
                  COUNT(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock') AS locked
                FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                """)
            .query()
            .singleRow();
    samples.incrementAndGet();
    active.addAndGet(((Number) row.get("active")).longValue());
    waitingForLock.addAndGet(((Number) row.get("locked")).longValue());
    jdbc.sql(
            """
            SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 80) FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'active' AND wait_event_type = 'Lock'
            """)
        .query(String.class)
        .list()
        .forEach(statement -> waitingStatements.merge(statement, 1L, Long::sum));
  }

  String summary() {
    double n = Math.max(1, samples.get());
    String top =
        waitingStatements.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(2)
            .map(
                e ->
                    String.format(
                        Locale.ROOT,
                        "%.0f %% \"%s\"",
                        100.0 * e.getValue() / Math.max(1, waitingForLock.get()),
                        e.getKey()))
            .collect(java.util.stream.Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "%.1f sessions running a statement on average, %.1f of them waiting for a lock%s",
        active.get() / n,
        waitingForLock.get() / n,
        top.isEmpty() ? "" : " (" + top + ")");
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
