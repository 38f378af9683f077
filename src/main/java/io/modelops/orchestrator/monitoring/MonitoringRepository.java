package io.modelops.orchestrator.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.monitoring.drift.DriftMethod;
import io.modelops.orchestrator.monitoring.drift.FeatureDrift;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reference profiles, feature windows, health evaluations with their drift results, and alerts. */
@Repository
public class MonitoringRepository {

  private static final TypeReference<Map<String, FeatureSpec>> FEATURES = new TypeReference<>() {};

  /** A stored window of feature distributions. */
  public record StoredWindow(
      UUID id,
      OffsetDateTime observedAt,
      OffsetDateTime receivedAt,
      Map<String, FeatureSpec> features) {}

  /** A stored health evaluation (without its drift results). */
  public record Evaluation(
      UUID id,
      UUID versionId,
      OffsetDateTime evaluatedAt,
      UUID featureWindowId,
      HealthStatus status,
      boolean datasetDrift,
      double driftShare,
      int driftedFeatures,
      Double maxDriftScore,
      String metricBreaches,
      String causes,
      String newCauses,
      String action) {}

  /** An alert: one per version and cause while it is open. */
  public record Alert(
      UUID id,
      UUID versionId,
      String cause,
      AlertStatus status,
      String detail,
      OffsetDateTime openedAt,
      OffsetDateTime lastSeenAt,
      OffsetDateTime closedAt,
      OffsetDateTime acceptedUntil,
      String acceptedBy) {}

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public MonitoringRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  // Reference profiles

  public void saveProfile(UUID versionId, MonitoringProfile profile, OffsetDateTime now) {
    jdbc.sql(
            "INSERT INTO monitoring_profile (model_version_id, profile_json, features, created_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(versionId, write(profile), profile.reference().size(), now)
        .update();
  }

  public Optional<MonitoringProfile> profile(UUID versionId) {
    return jdbc.sql("SELECT profile_json FROM monitoring_profile WHERE model_version_id = ?")
        .param(versionId)
        .query(String.class)
        .optional()
        .map(s -> read(s, MonitoringProfile.class));
  }

  // Feature windows

  public void insertWindow(
      UUID id,
      UUID versionId,
      OffsetDateTime observedAt,
      OffsetDateTime receivedAt,
      String receivedBy,
      Map<String, FeatureSpec> features) {
    long rows = features.values().stream().mapToLong(FeatureSpec::size).max().orElse(0);
    jdbc.sql(
            "INSERT INTO feature_window (id, model_version_id, observed_at, received_at,"
                + " received_by, features, rows_observed, features_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            versionId,
            observedAt,
            receivedAt,
            receivedBy,
            features.size(),
            rows,
            writeFeatures(features))
        .update();
  }

  /**
   * The newest window received after {@code after} (any window when null) from one of {@code
   * posters} (none when it is empty).
   */
  public Optional<StoredWindow> newestWindow(
      UUID versionId, OffsetDateTime after, Set<String> posters) {
    if (posters.isEmpty()) {
      return Optional.empty();
    }
    String sql =
        "SELECT id, observed_at, received_at, features_json FROM feature_window"
            + " WHERE model_version_id = :version AND received_by IN (:posters)"
            + (after == null ? "" : " AND received_at > :after")
            + " ORDER BY received_at DESC, observed_at DESC FETCH FIRST 1 ROWS ONLY";
    JdbcClient.StatementSpec spec =
        jdbc.sql(sql).param("version", versionId).param("posters", List.copyOf(posters));
    if (after != null) {
      spec = spec.param("after", after);
    }
    return spec.query(
            (rs, i) ->
                new StoredWindow(
                    rs.getObject("id", UUID.class),
                    rs.getObject("observed_at", OffsetDateTime.class),
                    rs.getObject("received_at", OffsetDateTime.class),
                    read(rs.getString("features_json"), FEATURES)))
        .optional();
  }

  public long countWindows(UUID versionId) {
    return jdbc.sql("SELECT COUNT(*) FROM feature_window WHERE model_version_id = ?")
        .param(versionId)
        .query(Long.class)
        .single();
  }

  // Evaluations

  public void insertEvaluation(Evaluation e, List<FeatureDrift> drift) {
    jdbc.sql(
            "INSERT INTO health_evaluation (id, model_version_id, evaluated_at, feature_window_id,"
                + " status, dataset_drift, drift_share, drifted_features, max_drift_score,"
                + " metric_breaches, causes, new_causes, action)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            e.id(),
            e.versionId(),
            e.evaluatedAt(),
            e.featureWindowId(),
            e.status().name(),
            e.datasetDrift(),
            e.driftShare(),
            e.driftedFeatures(),
            e.maxDriftScore(),
            e.metricBreaches(),
            e.causes(),
            e.newCauses(),
            e.action())
        .update();
    for (FeatureDrift f : drift) {
      jdbc.sql(
              "INSERT INTO drift_result (evaluation_id, feature, method, score, threshold, drifted,"
                  + " reference_size, current_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              e.id(),
              f.feature(),
              f.method().name(),
              f.score(),
              f.threshold(),
              f.drifted(),
              f.referenceSize(),
              f.currentSize())
          .update();
    }
  }

  public void setAction(UUID evaluationId, String action) {
    jdbc.sql("UPDATE health_evaluation SET action = ? WHERE id = ?")
        .params(action, evaluationId)
        .update();
  }

  /** The newest evaluations of a version, newest first. */
  public List<Evaluation> evaluations(UUID versionId, int limit) {
    return jdbc.sql(
            "SELECT * FROM health_evaluation WHERE model_version_id = ?"
                + " ORDER BY evaluated_at DESC FETCH FIRST "
                + Math.max(1, limit)
                + " ROWS ONLY")
        .param(versionId)
        .query((RowMapper<Evaluation>) this::evaluation)
        .list();
  }

  /**
   * Each version now in production with its latest evaluation ({@code latest} is null before the
   * first one: its status is then {@code NO_DATA}).
   */
  public record ProductionHealth(
      String model, String version, Evaluation latest, int activeAlerts) {

    public HealthStatus status() {
      return latest == null ? HealthStatus.NO_DATA : latest.status();
    }

    public double driftShare() {
      return latest == null ? 0 : latest.driftShare();
    }

    public int driftedFeatures() {
      return latest == null ? 0 : latest.driftedFeatures();
    }
  }

  public List<ProductionHealth> productionHealth(OffsetDateTime now) {
    return jdbc.sql(
            "SELECT m.name AS model_name, v.version AS version_label, h.*,"
                + " (SELECT COUNT(*) FROM model_alert a WHERE a.model_version_id = v.id AND"
                + " (a.status = 'OPEN' OR (a.status = 'ACCEPTED' AND a.accepted_until > ?)))"
                + " AS active_alerts"
                + " FROM model_version v JOIN model m ON m.id = v.model_id"
                + " LEFT JOIN health_evaluation h ON h.model_version_id = v.id"
                + " AND h.evaluated_at = (SELECT MAX(l.evaluated_at)"
                + " FROM health_evaluation l WHERE l.model_version_id = v.id)"
                + " WHERE v.stage = 'PRODUCTION'"
                + " ORDER BY m.name, v.version")
        .param(now)
        .query(
            (rs, i) ->
                new ProductionHealth(
                    rs.getString("model_name"),
                    rs.getString("version_label"),
                    rs.getObject("id") == null ? null : evaluation(rs, i),
                    rs.getInt("active_alerts")))
        .list();
  }

  /** An alert with the version it is about, for the inventory dashboard. */
  public record RecentAlert(
      String model,
      String version,
      String cause,
      AlertStatus status,
      OffsetDateTime openedAt,
      String detail) {}

  /** The newest alerts of all versions, newest first. */
  public List<RecentAlert> recentAlerts(int limit) {
    return jdbc.sql(
            "SELECT m.name AS model_name, v.version AS version_label, a.cause, a.status, a.opened_at,"
                + " a.detail FROM model_alert a JOIN model_version v ON v.id = a.model_version_id"
                + " JOIN model m ON m.id = v.model_id ORDER BY a.opened_at DESC, a.cause"
                + " FETCH FIRST "
                + Math.max(1, limit)
                + " ROWS ONLY")
        .query(
            (rs, i) ->
                new RecentAlert(
                    rs.getString("model_name"),
                    rs.getString("version_label"),
                    rs.getString("cause"),
                    AlertStatus.valueOf(rs.getString("status")),
                    rs.getObject("opened_at", OffsetDateTime.class),
                    rs.getString("detail")))
        .list();
  }

  public Optional<Evaluation> evaluation(UUID id) {
    return jdbc.sql("SELECT * FROM health_evaluation WHERE id = ?")
        .param(id)
        .query((RowMapper<Evaluation>) this::evaluation)
        .optional();
  }

  public List<FeatureDrift> driftResults(UUID evaluationId) {
    return jdbc.sql("SELECT * FROM drift_result WHERE evaluation_id = ? ORDER BY feature")
        .param(evaluationId)
        .query(
            (rs, i) ->
                new FeatureDrift(
                    rs.getString("feature"),
                    DriftMethod.valueOf(rs.getString("method")),
                    rs.getDouble("score"),
                    rs.getDouble("threshold"),
                    rs.getBoolean("drifted"),
                    rs.getLong("reference_size"),
                    rs.getLong("current_size")))
        .list();
  }

  // Alerts

  /** Alerts that are open, or accepted and not yet expired at {@code now}. */
  public List<Alert> activeAlerts(UUID versionId, OffsetDateTime now) {
    return jdbc.sql(
            "SELECT * FROM model_alert WHERE model_version_id = ? AND (status = 'OPEN'"
                + " OR (status = 'ACCEPTED' AND accepted_until > ?)) ORDER BY opened_at, cause")
        .params(versionId, now)
        .query((RowMapper<Alert>) this::alert)
        .list();
  }

  /** The newest alerts of a version, newest first, whatever their status. */
  public List<Alert> alerts(UUID versionId, int limit) {
    return jdbc.sql(
            "SELECT * FROM model_alert WHERE model_version_id = ? ORDER BY opened_at DESC, cause"
                + " FETCH FIRST "
                + Math.max(1, limit)
                + " ROWS ONLY")
        .param(versionId)
        .query((RowMapper<Alert>) this::alert)
        .list();
  }

  public void openAlert(UUID id, UUID versionId, String cause, String detail, OffsetDateTime now) {
    jdbc.sql(
            "INSERT INTO model_alert (id, model_version_id, cause, status, detail, opened_at,"
                + " last_seen_at) VALUES (?, ?, ?, 'OPEN', ?, ?, ?)")
        .params(id, versionId, cause, detail, now, now)
        .update();
  }

  public void touchAlert(UUID id, String detail, OffsetDateTime now) {
    jdbc.sql("UPDATE model_alert SET last_seen_at = ?, detail = ? WHERE id = ?")
        .params(now, detail, id)
        .update();
  }

  public void closeAlert(UUID id, AlertStatus status, OffsetDateTime now) {
    jdbc.sql("UPDATE model_alert SET status = ?, closed_at = ? WHERE id = ?")
        .params(status.name(), now, id)
        .update();
  }

  /** Accepts every open alert of the version until {@code until}; returns how many. */
  public int acceptOpenAlerts(UUID versionId, OffsetDateTime until, String by) {
    return jdbc.sql(
            "UPDATE model_alert SET status = 'ACCEPTED', accepted_until = ?, accepted_by = ?"
                + " WHERE model_version_id = ? AND status = 'OPEN'")
        .params(until, by, versionId)
        .update();
  }

  /** Accepted alerts whose acceptance ran out are closed, so the cause can alert again. */
  public int expireAcceptedAlerts(UUID versionId, OffsetDateTime now) {
    return jdbc.sql(
            "UPDATE model_alert SET status = 'EXPIRED', closed_at = ? WHERE model_version_id = ?"
                + " AND status = 'ACCEPTED' AND accepted_until <= ?")
        .params(now, versionId, now)
        .update();
  }

  private Evaluation evaluation(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Evaluation(
        rs.getObject("id", UUID.class),
        rs.getObject("model_version_id", UUID.class),
        rs.getObject("evaluated_at", OffsetDateTime.class),
        rs.getObject("feature_window_id", UUID.class),
        HealthStatus.valueOf(rs.getString("status")),
        rs.getBoolean("dataset_drift"),
        rs.getDouble("drift_share"),
        rs.getInt("drifted_features"),
        rs.getObject("max_drift_score", Double.class),
        rs.getString("metric_breaches"),
        rs.getString("causes"),
        rs.getString("new_causes"),
        rs.getString("action"));
  }

  private Alert alert(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Alert(
        rs.getObject("id", UUID.class),
        rs.getObject("model_version_id", UUID.class),
        rs.getString("cause"),
        AlertStatus.valueOf(rs.getString("status")),
        rs.getString("detail"),
        rs.getObject("opened_at", OffsetDateTime.class),
        rs.getObject("last_seen_at", OffsetDateTime.class),
        rs.getObject("closed_at", OffsetDateTime.class),
        rs.getObject("accepted_until", OffsetDateTime.class),
        rs.getString("accepted_by"));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** With the map's value type, so each feature keeps its {@code type} property. */
  private String writeFeatures(Map<String, FeatureSpec> features) {
    try {
      return json.writerFor(FEATURES).writeValueAsString(features);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise feature window", e);
    }
  }

  private <T> T read(String value, Class<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored " + type.getSimpleName() + " is unreadable", e);
    }
  }

  private <T> T read(String value, TypeReference<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored feature window is unreadable", e);
    }
  }
}
