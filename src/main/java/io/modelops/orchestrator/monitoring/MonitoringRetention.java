package io.modelops.orchestrator.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes monitoring data older than {@code modelops.monitoring.retention.period}, on the schedule
 * {@code modelops.monitoring.retention.cron}.
 *
 * <p>Kept whatever their age:
 *
 * <ul>
 *   <li>metric points of a version in canary or production observed at or after its latest health
 *       evaluation (the next evaluation reads the points since then), all of them while it has no
 *       evaluation yet, and those observed since the start of a running canary of its model (the
 *       canary analysis compares canary and production over the canary window);
 *   <li>feature windows a stored health evaluation refers to, and windows of a version in canary or
 *       production received after its latest evaluation (the next evaluation reads the newest);
 *   <li>reference profiles, evaluations and alerts (not removed by this job).
 * </ul>
 *
 * <p>Rows go in batches of {@code batch-size}, each in a short transaction of its own. Several
 * nodes may share the database: on PostgreSQL each batch first takes a transaction-level advisory
 * lock, and a node that does not get it stops (another node is cleaning up).
 */
@Component
class MonitoringRetention {

  /** The result of one run. */
  public record Result(long metricPoints, long featureWindows, boolean skipped) {}

  private static final Logger LOG = LoggerFactory.getLogger(MonitoringRetention.class);

  /** Advisory lock key of the cleanup ("modelops" monitoring retention). */
  private static final long LOCK_KEY = 0x4d4f4e5245544e31L;

  private static final String SERVING = "('CANARY', 'PRODUCTION')";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final MonitoringProperties.Retention retention;
  private final Clock clock;
  private final Counter pointsRemoved;
  private final Counter windowsRemoved;
  private final boolean postgres;

  public MonitoringRetention(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      MonitoringProperties properties,
      Clock clock,
      MeterRegistry registry) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.retention = properties.retention();
    this.clock = clock;
    this.pointsRemoved =
        Counter.builder("modelops.monitoring.retention.removed")
            .description("Monitoring rows removed by the retention cleanup")
            .tag("data", "metric_points")
            .register(registry);
    this.windowsRemoved =
        Counter.builder("modelops.monitoring.retention.removed")
            .description("Monitoring rows removed by the retention cleanup")
            .tag("data", "feature_windows")
            .register(registry);
    this.postgres =
        Boolean.TRUE.equals(
            jdbc.execute((ConnectionCallback<Boolean>) c -> c.isWrapperFor(PGConnection.class)));
  }

  @Scheduled(cron = "${modelops.monitoring.retention.cron:0 30 2 * * *}")
  public void scheduled() {
    try {
      removeOldData();
    } catch (RuntimeException e) {
      LOG.warn("Monitoring retention failed; it runs again at its next schedule", e);
    }
  }

  /** One run: removes what is older than the retention period and not needed. */
  public Result removeOldData() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime cutoff = now.minus(retention.period());
    int batch = Math.max(1, retention.batchSize());

    // Metric points of versions that serve no traffic
    long points =
        inBatches(
            () ->
                jdbc.update(
                    "DELETE FROM metric_point WHERE seq IN (SELECT p.seq FROM metric_point p"
                        + " WHERE p.observed_at < ? AND NOT EXISTS (SELECT 1 FROM model_version v"
                        + " WHERE v.id = p.model_version_id AND v.stage IN "
                        + SERVING
                        + ")"
                        + " FETCH FIRST "
                        + batch
                        + " ROWS ONLY)",
                    cutoff),
            batch);
    if (points < 0) {
      return skipped();
    }
    // Metric points of serving versions, up to what the next evaluation or canary analysis reads
    for (Serving serving : servingVersions()) {
      OffsetDateTime before = serving.keepFrom(cutoff);
      if (before == null) {
        continue;
      }
      long n =
          inBatches(
              () ->
                  jdbc.update(
                      "DELETE FROM metric_point WHERE seq IN (SELECT p.seq FROM metric_point p"
                          + " WHERE p.model_version_id = ? AND p.observed_at < ?"
                          + " FETCH FIRST "
                          + batch
                          + " ROWS ONLY)",
                      serving.id(),
                      before),
              batch);
      if (n < 0) {
        return skipped();
      }
      points += n;
    }
    long windows =
        inBatches(
            () ->
                jdbc.update(
                    "DELETE FROM feature_window WHERE id IN (SELECT w.id FROM feature_window w"
                        + " WHERE w.received_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM health_evaluation h"
                        + " WHERE h.feature_window_id = w.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM model_version v"
                        + " WHERE v.id = w.model_version_id AND v.stage IN "
                        + SERVING
                        + " AND NOT EXISTS (SELECT 1 FROM health_evaluation l"
                        + " WHERE l.model_version_id = v.id AND l.evaluated_at >= w.received_at))"
                        + " FETCH FIRST "
                        + batch
                        + " ROWS ONLY)",
                    cutoff),
            batch);
    if (windows < 0) {
      return skipped();
    }
    // Quota counters of past days
    transactions.executeWithoutResult(
        s ->
            jdbc.update(
                "DELETE FROM monitoring_quota WHERE quota_day < ?",
                now.atZoneSameInstant(ZoneOffset.UTC).toLocalDate().minusDays(7)));
    pointsRemoved.increment(points);
    windowsRemoved.increment(windows);
    LOG.info(
        "Monitoring retention: removed {} metric points and {} feature windows older than {} ({})",
        points,
        windows,
        cutoff,
        retention.period());
    return new Result(points, windows, false);
  }

  private Result skipped() {
    LOG.info("Monitoring retention: another node is cleaning up; skipped");
    return new Result(0, 0, true);
  }

  /**
   * Runs {@code delete} in short transactions until it removes less than a batch; -1 if locked out.
   */
  private long inBatches(IntSupplier delete, int batch) {
    long total = 0;
    while (true) {
      Integer n =
          transactions.execute(
              status -> {
                if (postgres
                    && !Boolean.TRUE.equals(
                        jdbc.queryForObject(
                            "SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY))) {
                  return null;
                }
                return delete.getAsInt();
              });
      if (n == null) {
        return -1;
      }
      total += n;
      if (n < batch) {
        return total;
      }
    }
  }

  private record Serving(UUID id, OffsetDateTime lastEvaluation, OffsetDateTime canaryStart) {

    /** Points before this instant are not needed; null when all are. */
    OffsetDateTime keepFrom(OffsetDateTime cutoff) {
      if (lastEvaluation == null) {
        return null; // the first evaluation or the canary analysis may read any of them
      }
      OffsetDateTime needed = lastEvaluation;
      if (canaryStart != null && canaryStart.isBefore(needed)) {
        needed = canaryStart;
      }
      return needed.isBefore(cutoff) ? needed : cutoff;
    }
  }

  private List<Serving> servingVersions() {
    return jdbc.query(
        "SELECT v.id,"
            + " (SELECT MAX(h.evaluated_at) FROM health_evaluation h WHERE h.model_version_id = v.id)"
            + " AS last_evaluation,"
            + " (SELECT MIN(e.occurred_at) FROM stage_event e JOIN model_version c"
            + " ON c.id = e.model_version_id WHERE c.model_id = v.model_id AND c.stage = 'CANARY'"
            + " AND e.stage = 'CANARY') AS canary_start"
            + " FROM model_version v WHERE v.stage IN "
            + SERVING,
        (rs, i) ->
            new Serving(
                rs.getObject("id", UUID.class),
                rs.getObject("last_evaluation", OffsetDateTime.class),
                rs.getObject("canary_start", OffsetDateTime.class)));
  }
}
