package io.modelops.orchestrator.evaluation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class EvaluationDatasetRepository {

  private static final RowMapper<EvaluationDataset> MAPPER =
      (rs, row) ->
          new EvaluationDataset(
              rs.getObject("id", UUID.class),
              rs.getString("name"),
              rs.getString("uri"),
              rs.getString("sha256"),
              rs.getString("description"),
              rs.getString("registered_by"),
              rs.getObject("registered_at", OffsetDateTime.class));

  private final JdbcClient jdbc;

  EvaluationDatasetRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(
      UUID id, UUID modelId, EvaluationDatasetRequest request, String user, OffsetDateTime at) {
    jdbc.sql(
            "INSERT INTO evaluation_dataset"
                + " (id, model_id, uri, sha256, description, registered_by, registered_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(id, modelId, request.uri(), request.sha256(), request.description(), user, at)
        .update();
  }

  /** The model's datasets, the current (latest) first. */
  List<EvaluationDataset> ofModel(UUID modelId) {
    return jdbc.sql(
            "SELECT d.id, m.name, d.uri, d.sha256, d.description, d.registered_by, d.registered_at"
                + " FROM evaluation_dataset d JOIN model m ON m.id = d.model_id"
                + " WHERE d.model_id = ? ORDER BY d.registered_at DESC, d.id")
        .param(modelId)
        .query(MAPPER)
        .list();
  }

  /** Whether the user registered any version of the model. */
  boolean registeredAVersion(UUID modelId, String user) {
    return jdbc.sql("SELECT COUNT(*) FROM model_version WHERE model_id = ? AND registered_by = ?")
            .params(modelId, user)
            .query(Long.class)
            .single()
        > 0;
  }
}
