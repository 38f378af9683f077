package io.modelops.orchestrator.inventory;

import io.modelops.orchestrator.catalog.CatalogTime;
import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.deployment.DeploymentStage;
import io.modelops.orchestrator.findings.Severity;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read-only queries of the inventory across the catalog and the stage history. */
@Repository
class InventoryRepository {

  private final JdbcClient jdbc;

  public InventoryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Every model version matching the filter's risk tier, type and owner (the stage is filtered by
   * the caller), by model name and newest first.
   */
  public List<InventoryRow> inventory(InventoryFilter filter, OffsetDateTime now) {
    Where where = where(filter);
    return jdbc.sql(
            "SELECT m.name, v.version, v.risk_tier, v.model_type, v.owner, v.status, v.stage,"
                + " v.registered_by, v.registered_at, v.updated_at, v.process_instance_id,"
                + " v.declared_risk_tier, v.computed_risk_tier, r.revalidation_due_at,"
                + " r.attestation_due_at"
                + " FROM model_version v JOIN model m ON m.id = v.model_id"
                + " LEFT JOIN revalidation_schedule r ON r.model_version_id = v.id"
                + where.sql()
                + " ORDER BY m.name, v.registered_at DESC, v.version DESC")
        .params(where.params())
        .query(
            (rs, i) ->
                new InventoryRow(
                    rs.getString("name"),
                    rs.getString("version"),
                    RiskTier.valueOf(rs.getString("risk_tier")),
                    ModelType.valueOf(rs.getString("model_type")),
                    rs.getString("owner"),
                    LifecycleStatus.valueOf(rs.getString("status")),
                    Stage.valueOf(rs.getString("stage")),
                    rs.getString("registered_by"),
                    CatalogTime.read(rs, "registered_at"),
                    CatalogTime.read(rs, "updated_at"),
                    rs.getString("process_instance_id"),
                    rs.getString("declared_risk_tier") == null
                        ? RiskTier.valueOf(rs.getString("risk_tier"))
                        : RiskTier.valueOf(rs.getString("declared_risk_tier")),
                    rs.getString("computed_risk_tier") == null
                        ? null
                        : RiskTier.valueOf(rs.getString("computed_risk_tier")),
                    CatalogTime.read(rs, "revalidation_due_at"),
                    pastDue(rs, "revalidation_due_at", now),
                    pastDue(rs, "attestation_due_at", now)))
        .list();
  }

  /** A version in production whose due date in {@code column} is before {@code now}. */
  private static boolean pastDue(java.sql.ResultSet rs, String column, OffsetDateTime now)
      throws java.sql.SQLException {
    OffsetDateTime due = CatalogTime.read(rs, column);
    return due != null
        && due.isBefore(now)
        && LifecycleStatus.IN_PRODUCTION.name().equals(rs.getString("status"));
  }

  /** The owners of all versions, for the filter. */
  public List<String> owners() {
    return jdbc.sql("SELECT DISTINCT owner FROM model_version ORDER BY owner")
        .query(String.class)
        .list();
  }

  /** The latest rollbacks and stops of versions matching the filter (stage aside), newest first. */
  public List<Intervention> interventions(InventoryFilter filter, int limit) {
    Where where = where(filter);
    List<Object> params = new ArrayList<>(where.params());
    params.add(limit);
    return jdbc.sql(
            "SELECT m.name, v.version, e.stage, e.action, e.actor, e.occurred_at,"
                + " e.message, e.target_reference"
                + " FROM stage_event e JOIN model_version v ON v.id = e.model_version_id"
                + " JOIN model m ON m.id = e.model_id"
                + where.sql()
                + (where.sql().isEmpty() ? " WHERE" : " AND")
                + " e.action IN ('ROLLBACK', 'STOP')"
                + " ORDER BY e.seq DESC FETCH FIRST ? ROWS ONLY")
        .params(params)
        .query(
            (rs, i) ->
                new Intervention(
                    rs.getString("name"),
                    rs.getString("version"),
                    DeploymentStage.valueOf(rs.getString("stage")),
                    rs.getString("action"),
                    rs.getString("actor"),
                    CatalogTime.read(rs, "occurred_at"),
                    rs.getString("message"),
                    rs.getString("target_reference")))
        .list();
  }

  /**
   * Unresolved findings of the versions matching the filter (stage aside), by severity, and how
   * many of them are past their due date. Unresolved: open, remediation submitted, or a risk
   * acceptance that expired before {@code today} (as the findings register counts them).
   */
  public Map<Severity, long[]> openFindings(InventoryFilter filter, LocalDate today) {
    Where where = where(filter);
    List<Object> params = new ArrayList<>();
    params.add(today);
    params.add(today);
    params.addAll(where.params());
    Map<Severity, long[]> result = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      result.put(s, new long[2]);
    }
    jdbc.sql(
            "SELECT f.severity, COUNT(*) AS open_count,"
                + " SUM(CASE WHEN f.due_date < ? THEN 1 ELSE 0 END) AS overdue_count"
                + " FROM finding f JOIN model_version v ON v.id = f.model_version_id"
                + " WHERE (f.status IN ('OPEN', 'REMEDIATION_SUBMITTED') OR (f.status ="
                + " 'RISK_ACCEPTED' AND (f.risk_accepted_until IS NULL OR f.risk_accepted_until"
                + " < ?)))"
                + where.sql().replace(" WHERE ", " AND ")
                + " GROUP BY f.severity")
        .params(params)
        .query(
            rs -> {
              long[] counts = result.get(Severity.valueOf(rs.getString("severity")));
              counts[0] = rs.getLong("open_count");
              counts[1] = rs.getLong("overdue_count");
            });
    return result;
  }

  private record Where(String sql, List<Object> params) {}

  private static Where where(InventoryFilter filter) {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (filter.riskTier() != null) {
      conditions.add("v.risk_tier = ?");
      params.add(filter.riskTier().name());
    }
    if (filter.modelType() != null) {
      conditions.add("v.model_type = ?");
      params.add(filter.modelType().name());
    }
    if (filter.owner() != null) {
      conditions.add("LOWER(v.owner) = LOWER(?)");
      params.add(filter.owner());
    }
    return new Where(
        conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
  }
}
