package io.modelops.orchestrator.monitoring;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Stores metric points in batches and aggregates them over time windows. */
@Repository
public class MetricPointRepository {

  /** Count and mean of a metric in a window. */
  public record Stats(long count, double mean) {}

  private final JdbcTemplate jdbc;

  public MetricPointRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts all points with JDBC batching (one round trip per batch, not per point). */
  public void insert(UUID versionId, List<MetricPoint> points, OffsetDateTime defaultTime) {
    jdbc.batchUpdate(
        "INSERT INTO metric_point (model_version_id, name, metric_value, observed_at, segment)"
            + " VALUES (?, ?, ?, ?, ?)",
        points,
        1_000,
        (ps, p) -> {
          ps.setObject(1, versionId);
          ps.setString(2, p.name());
          ps.setDouble(3, p.value());
          ps.setObject(4, p.timestamp() == null ? defaultTime : p.timestamp());
          ps.setString(5, p.segment());
        });
  }

  public Stats stats(UUID versionId, String name, OffsetDateTime from, OffsetDateTime to) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) AS n, AVG(metric_value) AS mean FROM metric_point"
            + " WHERE model_version_id = ? AND name = ? AND observed_at >= ? AND observed_at <= ?",
        (rs, i) -> new Stats(rs.getLong("n"), rs.getDouble("mean")),
        versionId,
        name,
        from,
        to);
  }

}
