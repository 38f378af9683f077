package io.modelops.orchestrator.catalog;

import io.modelops.orchestrator.web.ResourceNotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the {@code model} and {@code model_version} tables. */
@Repository
public class CatalogRepository {

  private static final String VERSION_COLUMNS =
      """
      v.id, v.model_id, m.name AS model_name, v.version, v.artifact_uri, v.framework, v.model_type,
      v.risk_tier, v.owner, v.owner_email, v.description, v.intended_use, v.limitations,
      v.model_card_uri, v.source_commit, v.training_data_ref, v.run_id, v.metrics_json,
      v.signature_json, v.fairness_json, v.deployment_target, v.status, v.status_reason, v.stage, v.registered_by,
      v.registered_at, v.updated_at, v.process_instance_id, v.registration_hash
      """;

  private static final RowMapper<ModelVersion> VERSION_MAPPER = CatalogRepository::mapVersion;

  private final JdbcClient jdbc;

  public CatalogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The model's id, or the one 404 for a model that does not exist. */
  public UUID requireModelId(String name) {
    return findModelId(name).orElseThrow(() -> modelNotFound(name));
  }

  private static ResourceNotFoundException modelNotFound(String name) {
    return new ResourceNotFoundException("Model '" + name + "' not found");
  }

  public Optional<UUID> findModelId(String name) {
    return jdbc.sql("SELECT id FROM model WHERE name = ?").param(name).query(UUID.class).optional();
  }

  public UUID insertModel(String name, String createdBy, OffsetDateTime now) {
    UUID id = UUID.randomUUID();
    jdbc.sql("INSERT INTO model (id, name, created_at, created_by) VALUES (?, ?, ?, ?)")
        .params(id, name, now, createdBy)
        .update();
    return id;
  }

  public void insertVersion(ModelVersion v) {
    jdbc.sql(
            """
            INSERT INTO model_version (id, model_id, version, artifact_uri, framework, model_type,
              risk_tier, owner, owner_email, description, intended_use, limitations, model_card_uri,
              source_commit, training_data_ref, run_id, metrics_json, signature_json, fairness_json,
              deployment_target, status, status_reason, stage, registered_by, registered_at,
              updated_at, process_instance_id, registration_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            v.id(),
            v.modelId(),
            v.version(),
            v.artifactUri(),
            v.framework(),
            v.modelType().name(),
            v.riskTier().name(),
            v.owner(),
            v.ownerEmail(),
            v.description(),
            v.intendedUse(),
            v.limitations(),
            v.modelCardUri(),
            v.sourceCommit(),
            v.trainingDataRef(),
            v.runId(),
            v.metricsJson(),
            v.signatureJson(),
            v.fairnessJson(),
            v.deploymentTarget().name(),
            v.status().name(),
            v.statusReason(),
            v.stage().name(),
            v.registeredBy(),
            v.registeredAt(),
            v.updatedAt(),
            v.processInstanceId(),
            v.registrationHash())
        .update();
  }

  public Optional<ModelVersion> findVersion(String modelName, String version) {
    return versions("m.name = ? AND v.version = ?", modelName, version).optional();
  }

  /**
   * The version of the model, or a {@link ResourceNotFoundException} (404) naming both: the one
   * lookup of a version an API request names.
   */
  public ModelVersion requireVersion(String modelName, String version) {
    return findVersion(modelName, version)
        .orElseThrow(
            () ->
                new ResourceNotFoundException(
                    "Version '" + version + "' of model '" + modelName + "' not found"));
  }

  public Optional<ModelVersion> findVersion(UUID id) {
    return versions("v.id = ?", id).optional();
  }

  public Optional<ModelVersion> findVersionByProcessInstance(String processInstanceId) {
    return versions("v.process_instance_id = ?", processInstanceId).optional();
  }

  private JdbcClient.MappedQuerySpec<ModelVersion> versions(String where, Object... params) {
    return jdbc.sql(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM model_version v JOIN model m ON m.id = v.model_id WHERE "
                + where)
        .params(params)
        .query(VERSION_MAPPER);
  }

  /**
   * The version a lifecycle instance is about. Looked up by process instance id, which no user can
   * change, rather than by a process variable, which anyone allowed to complete a task could.
   */
  public ModelVersion requireVersionOfLifecycle(String processInstanceId) {
    return findVersionByProcessInstance(processInstanceId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No catalog entry belongs to lifecycle instance "
                        + processInstanceId
                        + "; register versions through POST /api/models/{name}/versions"));
  }

  /** The model's version in production (its champion), other than the given version. */
  public Optional<ModelVersion> findChampion(UUID modelId, UUID excludedVersionId) {
    return versions(
            "v.model_id = ? AND v.stage = ? AND v.id <> ? ORDER BY v.updated_at DESC"
                + " FETCH FIRST 1 ROWS ONLY",
            modelId,
            Stage.PRODUCTION.name(),
            excludedVersionId)
        .optional();
  }

  /** Versions of a model in the given status. */
  public List<ModelVersion> findVersionsInStatus(UUID modelId, LifecycleStatus status) {
    return versions("v.model_id = ? AND v.status = ?", modelId, status.name()).list();
  }

  public List<ModelVersion> findVersions(String modelName) {
    return versions("m.name = ? ORDER BY v.registered_at DESC, v.version DESC", modelName).list();
  }

  /**
   * Summaries of the models {@code models} selects (a table or a derived table named {@code m}):
   * the version count and the latest version are looked up only for those, so a page costs the same
   * wherever it is in the list.
   */
  private static String modelSummaries(String models) {
    return """
        SELECT m.name, m.created_at, m.created_by,
          (SELECT COUNT(*) FROM model_version c WHERE c.model_id = m.id) AS version_count,
          l.version AS latest_version, l.status AS latest_status,
          l.registered_at AS latest_registered_at
        FROM %s m
        LEFT JOIN model_version l ON l.id = (
          SELECT x.id FROM model_version x WHERE x.model_id = m.id
          ORDER BY x.registered_at DESC, x.version DESC FETCH FIRST 1 ROWS ONLY)
        """
        .formatted(models);
  }

  private static final RowMapper<ModelSummary> SUMMARY_MAPPER =
      (rs, i) ->
          new ModelSummary(
              rs.getString("name"),
              timestamp(rs, "created_at"),
              rs.getString("created_by"),
              rs.getInt("version_count"),
              rs.getString("latest_version"),
              rs.getString("latest_status") == null
                  ? null
                  : LifecycleStatus.valueOf(rs.getString("latest_status")),
              timestamp(rs, "latest_registered_at"));

  public List<ModelSummary> findModels(int offset, int limit) {
    return jdbc.sql(
            modelSummaries(
                    "(SELECT id, name, created_at, created_by FROM model ORDER BY name"
                        + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY)")
                + " ORDER BY m.name")
        .params(offset, limit)
        .query(SUMMARY_MAPPER)
        .list();
  }

  /** The model's summary, or the one 404 for a model that does not exist. */
  public ModelSummary requireModel(String name) {
    return findModel(name).orElseThrow(() -> modelNotFound(name));
  }

  public Optional<ModelSummary> findModel(String name) {
    return jdbc.sql(modelSummaries("model") + " WHERE m.name = ?")
        .param(name)
        .query(SUMMARY_MAPPER)
        .optional();
  }

  public long countModels() {
    return jdbc.sql("SELECT COUNT(*) FROM model").query(Long.class).single();
  }

  public void setProcessInstanceId(UUID versionId, String processInstanceId) {
    jdbc.sql("UPDATE model_version SET process_instance_id = ? WHERE id = ?")
        .params(processInstanceId, versionId)
        .update();
  }

  /** Sets the lifecycle status; returns false when the version does not exist. */
  public boolean updateStatus(
      UUID versionId, LifecycleStatus status, String reason, OffsetDateTime now) {
    return jdbc.sql(
                "UPDATE model_version SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?")
            .params(status.name(), reason, now, versionId)
            .update()
        == 1;
  }

  /** Moves a version to a stage and status (status reason null clears it). */
  public void updateStage(
      UUID versionId, Stage stage, LifecycleStatus status, String reason, OffsetDateTime now) {
    jdbc.sql(
            "UPDATE model_version SET stage = ?, status = ?, status_reason = ?, updated_at = ?"
                + " WHERE id = ?")
        .params(stage.name(), status.name(), reason, now, versionId)
        .update();
  }

  private static ModelVersion mapVersion(ResultSet rs, int row) throws SQLException {
    return new ModelVersion(
        rs.getObject("id", UUID.class),
        rs.getObject("model_id", UUID.class),
        rs.getString("model_name"),
        rs.getString("version"),
        rs.getString("artifact_uri"),
        rs.getString("framework"),
        ModelType.valueOf(rs.getString("model_type")),
        RiskTier.valueOf(rs.getString("risk_tier")),
        rs.getString("owner"),
        rs.getString("owner_email"),
        rs.getString("description"),
        rs.getString("intended_use"),
        rs.getString("limitations"),
        rs.getString("model_card_uri"),
        rs.getString("source_commit"),
        rs.getString("training_data_ref"),
        rs.getString("run_id"),
        rs.getString("metrics_json"),
        rs.getString("signature_json"),
        rs.getString("fairness_json"),
        DeploymentTargetKind.valueOf(rs.getString("deployment_target")),
        LifecycleStatus.valueOf(rs.getString("status")),
        rs.getString("status_reason"),
        Stage.valueOf(rs.getString("stage")),
        rs.getString("registered_by"),
        timestamp(rs, "registered_at"),
        timestamp(rs, "updated_at"),
        rs.getString("process_instance_id"),
        rs.getString("registration_hash"));
  }

  private static OffsetDateTime timestamp(ResultSet rs, String column) throws SQLException {
    return CatalogTime.read(rs, column);
  }
}
