package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogTime;
import io.modelops.orchestrator.catalog.ModelVersion;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stage history of every model: what was deployed where, with which share of traffic, by whom
 * and when. Append-only; answers "which version served production at that moment".
 */
@Repository
public class StageLedger {

  private static final RowMapper<StageEvent> MAPPER =
      (rs, i) ->
          new StageEvent(
              rs.getLong("seq"),
              rs.getString("version"),
              DeploymentStage.valueOf(rs.getString("stage")),
              rs.getString("action"),
              rs.getInt("traffic_percent"),
              rs.getString("target_reference"),
              rs.getString("actor"),
              CatalogTime.read(rs, "occurred_at"),
              rs.getString("message"));

  private static final String SELECT =
      "SELECT e.seq, v.version, e.stage, e.action, e.traffic_percent, e.target_reference,"
          + " e.actor, e.occurred_at, e.message FROM stage_event e"
          + " JOIN model_version v ON v.id = e.model_version_id";

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Clock clock;

  public StageLedger(JdbcClient jdbc, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  public void record(
      ModelVersion version,
      DeploymentStage stage,
      String action,
      int trafficPercent,
      String targetReference,
      String actor,
      String message) {
    jdbc.sql(
            "INSERT INTO stage_event (model_id, model_version_id, stage, action, traffic_percent,"
                + " target_reference, actor, occurred_at, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            version.modelId(),
            version.id(),
            stage.name(),
            action,
            trafficPercent,
            targetReference,
            actor,
            OffsetDateTime.now(clock),
            message)
        .update();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("stage", stage.name());
    details.put("trafficPercent", trafficPercent);
    details.put("targetReference", targetReference);
    details.put("deploymentTarget", version.deploymentTarget().name());
    details.put("message", message);
    audit.record(
        "STAGE_" + action,
        actor,
        version.modelName(),
        version.version(),
        version.processInstanceId(),
        details);
  }

  /** The whole history of a model, oldest first. */
  public List<StageEvent> history(UUID modelId) {
    return jdbc.sql(SELECT + " WHERE e.model_id = ? ORDER BY e.seq")
        .param(modelId)
        .query(MAPPER)
        .list();
  }

  /**
   * The version that served production before {@code current}: the latest version other than it
   * that was promoted or restored to full production traffic.
   */
  public Optional<UUID> previousProductionVersion(UUID modelId, UUID current) {
    return jdbc.sql(
            "SELECT model_version_id FROM stage_event WHERE model_id = ? AND stage = ?"
                + " AND traffic_percent = 100 AND model_version_id <> ?"
                + " ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
        .params(modelId, DeploymentStage.PRODUCTION.name(), current)
        .query(UUID.class)
        .optional();
  }

  /** The last event of a stage at or before {@code at}. */
  public Optional<StageEvent> lastAt(UUID modelId, DeploymentStage stage, OffsetDateTime at) {
    return jdbc.sql(
            SELECT
                + " WHERE e.model_id = ? AND e.stage = ? AND e.occurred_at <= ?"
                + " ORDER BY e.seq DESC FETCH FIRST 1 ROWS ONLY")
        .params(modelId, stage.name(), at)
        .query(MAPPER)
        .optional();
  }
}
