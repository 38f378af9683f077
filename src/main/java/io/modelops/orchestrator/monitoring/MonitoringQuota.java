package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.web.QuotaExceededException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Quotas of monitoring data per version and UTC day (modelops.monitoring.quota), kept as counters
 * in table {@code monitoring_quota}: one row per version and day, so a check costs one indexed
 * statement, however many points the version has. The counter is raised in the caller's
 * transaction, together with the data: a refused or failed request counts nothing.
 */
@Component
class MonitoringQuota {

  private enum Counter {
    METRIC_POINTS("metric_points", "metric points"),
    FEATURE_WINDOWS("feature_windows", "feature windows");

    final String column;
    final String label;

    Counter(String column, String label) {
      this.column = column;
      this.label = label;
    }
  }

  private final JdbcTemplate jdbc;
  private final MonitoringProperties.Quota quota;
  private final boolean postgres;

  public MonitoringQuota(JdbcTemplate jdbc, MonitoringProperties properties) {
    this.jdbc = jdbc;
    this.quota = properties.quota();
    this.postgres =
        Boolean.TRUE.equals(
            jdbc.execute((ConnectionCallback<Boolean>) c -> c.isWrapperFor(PGConnection.class)));
  }

  public MonitoringProperties.Quota limits() {
    return quota;
  }

  /**
   * Counts a batch in the caller's transaction, or refuses it when the day's quota cannot hold it
   * (nothing counted). On PostgreSQL one statement; the counter row stays locked until the
   * transaction ends, so concurrent batches of one version are counted one after the other.
   */
  public void countMetricPoints(String label, UUID versionId, int points, OffsetDateTime now) {
    add(Counter.METRIC_POINTS, label, versionId, points, quota.metricPointsPerDay(), now);
  }

  /** Counts a feature window; over the quota the caller's transaction must roll back. */
  public void countFeatureWindow(String label, UUID versionId, OffsetDateTime now) {
    add(Counter.FEATURE_WINDOWS, label, versionId, 1, quota.featureWindowsPerDay(), now);
  }

  private void add(
      Counter counter, String label, UUID versionId, long n, long max, OffsetDateTime now) {
    if (n > max) {
      throw exceeded(counter, label, max, now);
    }
    LocalDate day = day(now);
    long points = counter == Counter.METRIC_POINTS ? n : 0;
    long windows = counter == Counter.FEATURE_WINDOWS ? n : 0;
    String c = counter.column;
    if (postgres) {
      // one statement: a new row, or the counter raised while it stays within the quota
      int rows =
          jdbc.update(
              "INSERT INTO monitoring_quota (model_version_id, quota_day, metric_points, feature_windows)"
                  + " VALUES (?, ?, ?, ?) ON CONFLICT (model_version_id, quota_day) DO UPDATE SET "
                  + c
                  + " = monitoring_quota."
                  + c
                  + " + EXCLUDED."
                  + c
                  + " WHERE monitoring_quota."
                  + c
                  + " + EXCLUDED."
                  + c
                  + " <= ?",
              versionId,
              day,
              points,
              windows,
              max);
      if (rows == 0) {
        throw exceeded(counter, label, max, now);
      }
      return;
    }
    int rows =
        jdbc.update(
            "UPDATE monitoring_quota SET "
                + c
                + " = "
                + c
                + " + ? WHERE model_version_id = ?"
                + " AND quota_day = ? AND "
                + c
                + " + ? <= ?",
            n,
            versionId,
            day,
            n,
            max);
    if (rows == 1) {
      return;
    }
    Integer existing =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM monitoring_quota WHERE model_version_id = ? AND quota_day = ?",
            Integer.class,
            versionId,
            day);
    if (existing != null && existing > 0) {
      throw exceeded(counter, label, max, now);
    }
    jdbc.update(
        "INSERT INTO monitoring_quota (model_version_id, quota_day, metric_points, feature_windows)"
            + " VALUES (?, ?, ?, ?)",
        versionId,
        day,
        points,
        windows);
  }

  private static LocalDate day(OffsetDateTime now) {
    return now.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
  }

  private static QuotaExceededException exceeded(
      Counter counter, String label, long max, OffsetDateTime now) {
    OffsetDateTime renewal = day(now).plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    return new QuotaExceededException(
        label
            + " may send at most "
            + max
            + " "
            + counter.label
            + " per day (UTC); the quota"
            + " renews at "
            + renewal
            + ". Nothing of this request was stored.",
        Duration.between(now, renewal));
  }
}
