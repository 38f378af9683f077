package io.modelops.orchestrator.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.evaluation.Evaluation.Scored;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Evaluation requests and their results (tables evaluation_request, evaluation_result). */
@Repository
class EvaluationRepository {

  static final String CANDIDATE = "CANDIDATE";
  static final String CHAMPION = "CHAMPION";

  private static final TypeReference<LinkedHashMap<String, Double>> METRICS =
      new TypeReference<>() {};

  private static final String SELECT =
      "SELECT r.id, m.name AS model, r.status, r.model_version_id, c.version AS candidate_version,"
          + " c.artifact_uri AS candidate_artifact, r.champion_version_id,"
          + " p.version AS champion_version, p.artifact_uri AS champion_artifact, r.dataset_id,"
          + " r.dataset_uri, r.dataset_sha256, r.requested_at, r.finished_at, r.evaluated_by,"
          + " r.failure_reason, r.process_instance_id"
          + " FROM evaluation_request r JOIN model m ON m.id = r.model_id"
          + " JOIN model_version c ON c.id = r.model_version_id"
          + " LEFT JOIN model_version p ON p.id = r.champion_version_id";

  /** A request as stored (its versions without metrics) and the process that serves it. */
  record Row(Evaluation request, String processInstanceId) {
    UUID id() {
      return request.id();
    }

    String model() {
      return request.model();
    }

    EvaluationStatus status() {
      return request.status();
    }

    UUID candidateId() {
      return request.candidate().versionId();
    }

    String candidateVersion() {
      return request.candidate().version();
    }

    UUID championId() {
      return request.champion() == null ? null : request.champion().versionId();
    }

    String championVersion() {
      return request.champion() == null ? null : request.champion().version();
    }

    UUID datasetId() {
      return request.datasetId();
    }

    String datasetSha256() {
      return request.datasetSha256();
    }
  }

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  EvaluationRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insertRequest(
      UUID id,
      UUID modelId,
      UUID versionId,
      UUID championId,
      UUID datasetId,
      String datasetUri,
      String datasetSha256,
      String processInstanceId,
      OffsetDateTime at) {
    jdbc.sql(
            "INSERT INTO evaluation_request (id, model_id, model_version_id, champion_version_id,"
                + " dataset_id, dataset_uri, dataset_sha256, process_instance_id, requested_at,"
                + " status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')")
        .params(
            id,
            modelId,
            versionId,
            championId,
            datasetId,
            datasetUri,
            datasetSha256,
            processInstanceId,
            at)
        .update();
  }

  Optional<Row> find(UUID id) {
    return jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(this::row).optional();
  }

  /** Locks the request's row until the transaction ends: one result post at a time. */
  Optional<Row> findForUpdate(UUID id) {
    return jdbc.sql("SELECT r.id FROM evaluation_request r WHERE r.id = ? FOR UPDATE")
        .param(id)
        .query(UUID.class)
        .optional()
        .flatMap(this::find);
  }

  Optional<Row> findByProcessInstance(String processInstanceId) {
    return jdbc.sql(SELECT + " WHERE r.process_instance_id = ?")
        .param(processInstanceId)
        .query(this::row)
        .optional();
  }

  /** The version's latest request. */
  Optional<Row> latestOfVersion(UUID versionId) {
    return jdbc.sql(
            SELECT + " WHERE r.model_version_id = ? ORDER BY r.requested_at DESC, r.id LIMIT 1")
        .param(versionId)
        .query(this::row)
        .optional();
  }

  void insertResult(
      UUID requestId,
      String role,
      UUID versionId,
      Map<String, Double> metrics,
      Long rows,
      String datasetSha256,
      String user,
      OffsetDateTime at) {
    jdbc.sql(
            "INSERT INTO evaluation_result (id, request_id, role, model_version_id, metrics_json,"
                + " row_count, dataset_sha256, evaluated_by, evaluated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            UUID.randomUUID(),
            requestId,
            role,
            versionId,
            write(metrics),
            rows,
            datasetSha256,
            user,
            at)
        .update();
  }

  /** Results of a request by role. */
  Map<String, Result> results(UUID requestId) {
    Map<String, Result> byRole = new LinkedHashMap<>();
    jdbc.sql("SELECT role, metrics_json, row_count FROM evaluation_result WHERE request_id = ?")
        .param(requestId)
        .query(
            (rs, n) ->
                byRole.put(
                    rs.getString("role"),
                    new Result(read(rs.getString("metrics_json")), nullableLong(rs, "row_count"))))
        .list();
    return byRole;
  }

  record Result(Map<String, Double> metrics, Long rows) {}

  /** Sets the outcome of an open request; false when it was no longer open. */
  boolean finish(UUID id, EvaluationStatus status, String user, String reason, OffsetDateTime at) {
    return jdbc.sql(
                "UPDATE evaluation_request SET status = ?, finished_at = ?, evaluated_by = ?,"
                    + " failure_reason = ? WHERE id = ? AND status = 'OPEN'")
            .params(status.name(), at, user, reason, id)
            .update()
        == 1;
  }

  /** The whole evaluation of a stored request, with the metrics posted for it. */
  Evaluation evaluation(Row row) {
    Map<String, Result> results = results(row.id());
    Evaluation request = row.request();
    return new Evaluation(
        request.id(),
        request.model(),
        request.status(),
        scored(request.candidate(), results.get(CANDIDATE)),
        request.champion() == null ? null : scored(request.champion(), results.get(CHAMPION)),
        request.datasetId(),
        request.datasetUri(),
        request.datasetSha256(),
        request.requestedAt(),
        request.finishedAt(),
        request.evaluatedBy(),
        request.failureReason());
  }

  private static Scored scored(Scored version, Result result) {
    return result == null
        ? version
        : new Scored(
            version.versionId(),
            version.version(),
            version.artifactUri(),
            result.metrics(),
            result.rows());
  }

  private Row row(ResultSet rs, int n) throws SQLException {
    UUID championId = rs.getObject("champion_version_id", UUID.class);
    Evaluation request =
        new Evaluation(
            rs.getObject("id", UUID.class),
            rs.getString("model"),
            EvaluationStatus.valueOf(rs.getString("status")),
            new Scored(
                rs.getObject("model_version_id", UUID.class),
                rs.getString("candidate_version"),
                rs.getString("candidate_artifact"),
                null,
                null),
            championId == null
                ? null
                : new Scored(
                    championId,
                    rs.getString("champion_version"),
                    rs.getString("champion_artifact"),
                    null,
                    null),
            rs.getObject("dataset_id", UUID.class),
            rs.getString("dataset_uri"),
            rs.getString("dataset_sha256"),
            rs.getObject("requested_at", OffsetDateTime.class),
            rs.getObject("finished_at", OffsetDateTime.class),
            rs.getString("evaluated_by"),
            rs.getString("failure_reason"));
    return new Row(request, rs.getString("process_instance_id"));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private String write(Map<String, Double> metrics) {
    try {
      return json.writeValueAsString(new LinkedHashMap<>(metrics));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Metrics not writable as JSON", e);
    }
  }

  private Map<String, Double> read(String stored) {
    try {
      return json.readValue(stored, METRICS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored metrics of an evaluation are not readable", e);
    }
  }
}
