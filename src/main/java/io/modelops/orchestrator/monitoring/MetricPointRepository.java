package io.modelops.orchestrator.monitoring;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
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

  /**
   * Inserts all points: on PostgreSQL with a binary {@code COPY}, elsewhere with JDBC batching (one
   * round trip per batch, not per point).
   *
   * <p>On PostgreSQL the version row is locked {@code FOR KEY SHARE} first: the lock a foreign key
   * check would take for every row, taken once for the batch (migration V7_1 explains why the table
   * has no foreign key there).
   *
   * @throws IllegalStateException if the version does not exist
   */
  public void insert(
      UUID versionId, List<MetricPoint> points, OffsetDateTime defaultTime, String postedBy) {
    Boolean copied =
        jdbc.execute(
            (ConnectionCallback<Boolean>)
                connection -> {
                  if (!connection.isWrapperFor(PGConnection.class)) {
                    return false;
                  }
                  lockVersion(connection, versionId);
                  copy(
                      connection.unwrap(PGConnection.class),
                      versionId,
                      points,
                      defaultTime,
                      postedBy);
                  return true;
                });
    if (Boolean.TRUE.equals(copied)) {
      return;
    }
    jdbc.batchUpdate(
        "INSERT INTO metric_point (model_version_id, name, metric_value, observed_at, segment,"
            + " posted_by) VALUES (?, ?, ?, ?, ?, ?)",
        points,
        1_000,
        (ps, p) -> {
          ps.setObject(1, versionId);
          ps.setString(2, p.name());
          ps.setDouble(3, p.value());
          ps.setObject(4, p.timestamp() == null ? defaultTime : p.timestamp());
          ps.setString(5, p.segment());
          ps.setString(6, postedBy);
        });
  }

  private static void lockVersion(Connection connection, UUID versionId) throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT 1 FROM model_version WHERE id = ? FOR KEY SHARE")) {
      lock.setObject(1, versionId);
      try (ResultSet row = lock.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("No model version " + versionId);
        }
      }
    }
  }

  private static void copy(
      PGConnection connection,
      UUID versionId,
      List<MetricPoint> points,
      OffsetDateTime defaultTime,
      String postedBy)
      throws SQLException {
    try {
      connection
          .getCopyAPI()
          .copyIn(
              "COPY metric_point (model_version_id, name, metric_value, observed_at, segment,"
                  + " posted_by) FROM STDIN (FORMAT binary)",
              new ByteArrayInputStream(
                  PgBinaryRows.metricPoints(versionId, points, defaultTime, postedBy)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Count and mean of a metric in a window, over the points posted by one of {@code posters} only
   * (none when it is empty).
   */
  public Stats stats(
      UUID versionId, String name, OffsetDateTime from, OffsetDateTime to, Set<String> posters) {
    if (posters.isEmpty()) {
      return new Stats(0, 0.0);
    }
    List<Object> args = new ArrayList<>(List.of(versionId, name, from, to));
    args.addAll(posters);
    return jdbc.queryForObject(
        "SELECT COUNT(*) AS n, AVG(metric_value) AS mean FROM metric_point"
            + " WHERE model_version_id = ? AND name = ? AND observed_at >= ? AND observed_at <= ?"
            + " AND posted_by IN ("
            + String.join(", ", Collections.nCopies(posters.size(), "?"))
            + ")",
        (rs, i) -> new Stats(rs.getLong("n"), rs.getDouble("mean")),
        args.toArray());
  }
}
