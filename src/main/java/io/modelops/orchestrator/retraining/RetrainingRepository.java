package io.modelops.orchestrator.retraining;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code retraining_request}, {@code retraining_trigger} and {@code retraining_policy}. */
@Repository
public class RetrainingRepository {

  /** Statuses of a run that is still going: a further trigger joins it. */
  static final List<String> ACTIVE =
      List.of(RetrainingStatus.TRAINING.name(), RetrainingStatus.CANDIDATE.name());

  private static final String SELECT =
      """
      SELECT r.id, m.name AS model_name, p.version AS champion_version, r.model_version_id,
        r.trigger_kind, r.reason, r.requested_by, r.requested_at, r.status, r.training_data_ref,
        r.candidate_version, r.candidate_version_id, r.outcome, r.finished_at,
        r.process_instance_id
      FROM retraining_request r
      JOIN model m ON m.id = r.model_id
      LEFT JOIN model_version p ON p.id = r.model_version_id
      """;

  private static final RowMapper<Retraining> MAPPER = RetrainingRepository::map;

  private final JdbcClient jdbc;

  public RetrainingRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Serialises the triggers of one model until the transaction ends. */
  public void lockModel(UUID modelId) {
    jdbc.sql("SELECT id FROM model WHERE id = ? FOR UPDATE")
        .param(modelId)
        .query(UUID.class)
        .list();
  }

  public Optional<UUID> findRequestOfTrigger(String dedupKey) {
    return jdbc.sql("SELECT retraining_request_id FROM retraining_trigger WHERE dedup_key = ?")
        .param(dedupKey)
        .query(UUID.class)
        .optional();
  }

  public Optional<Retraining> findActive(UUID modelId) {
    return jdbc.sql(SELECT + " WHERE r.model_id = ? AND r.status IN (?, ?) ORDER BY r.requested_at")
        .params(modelId, ACTIVE.get(0), ACTIVE.get(1))
        .query(MAPPER)
        .optional();
  }

  public Optional<Retraining> find(UUID id) {
    return jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(MAPPER).optional();
  }

  /** The run of a {@code model-retraining} instance. */
  public Optional<Retraining> findByProcessInstance(String processInstanceId) {
    return jdbc.sql(SELECT + " WHERE r.process_instance_id = ?")
        .param(processInstanceId)
        .query(MAPPER)
        .optional();
  }

  /** The run that produced the given candidate version. */
  public Optional<Retraining> findByCandidate(UUID candidateVersionId) {
    return jdbc.sql(SELECT + " WHERE r.candidate_version_id = ?")
        .param(candidateVersionId)
        .query(MAPPER)
        .optional();
  }

  public List<Retraining> findByModel(String modelName, int offset, int limit) {
    return jdbc.sql(
            SELECT
                + " WHERE m.name = ? ORDER BY r.requested_at DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
        .params(modelName, offset, limit)
        .query(MAPPER)
        .list();
  }

  public void insertRequest(
      UUID id, UUID modelId, UUID championId, Trigger trigger, String trainingDataRef) {
    jdbc.sql(
            "INSERT INTO retraining_request (id, model_id, model_version_id, trigger_kind, reason,"
                + " requested_by, requested_at, dedup_key, status, training_data_ref)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            modelId,
            championId,
            trigger.kind(),
            trigger.reason(),
            trigger.requestedBy(),
            trigger.requestedAt(),
            trigger.dedupKey(),
            RetrainingStatus.TRAINING.name(),
            trainingDataRef)
        .update();
  }

  public void insertTrigger(UUID requestId, Trigger trigger) {
    jdbc.sql(
            "INSERT INTO retraining_trigger (id, retraining_request_id, trigger_kind, reason,"
                + " requested_by, requested_at, dedup_key) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            UUID.randomUUID(),
            requestId,
            trigger.kind(),
            trigger.reason(),
            trigger.requestedBy(),
            trigger.requestedAt(),
            trigger.dedupKey())
        .update();
  }

  public List<Trigger> triggers(UUID requestId) {
    return jdbc.sql(
            "SELECT trigger_kind, reason, requested_by, requested_at, dedup_key"
                + " FROM retraining_trigger WHERE retraining_request_id = ? ORDER BY requested_at, id")
        .param(requestId)
        .query(
            (rs, i) ->
                new Trigger(
                    rs.getString("trigger_kind"),
                    rs.getString("reason"),
                    rs.getString("requested_by"),
                    rs.getObject("requested_at", OffsetDateTime.class),
                    rs.getString("dedup_key")))
        .list();
  }

  public void setProcessInstance(UUID requestId, String processInstanceId) {
    jdbc.sql("UPDATE retraining_request SET process_instance_id = ? WHERE id = ?")
        .params(processInstanceId, requestId)
        .update();
  }

  public void setCandidate(UUID requestId, String candidateVersion, UUID candidateVersionId) {
    jdbc.sql(
            "UPDATE retraining_request SET candidate_version = ?, candidate_version_id = ?,"
                + " status = ? WHERE id = ?")
        .params(candidateVersion, candidateVersionId, RetrainingStatus.CANDIDATE.name(), requestId)
        .update();
  }

  public void finish(UUID requestId, RetrainingStatus status, String outcome, OffsetDateTime at) {
    String bounded =
        outcome != null && outcome.length() > 4000 ? outcome.substring(0, 3999) + "…" : outcome;
    jdbc.sql("UPDATE retraining_request SET status = ?, outcome = ?, finished_at = ? WHERE id = ?")
        .params(status.name(), bounded, at, requestId)
        .update();
  }

  // Settings per version

  public void saveSettings(UUID versionId, RetrainingSettings settings) {
    jdbc.sql("INSERT INTO retraining_policy (model_version_id, schedule, trainer) VALUES (?, ?, ?)")
        .params(versionId, settings.schedule(), settings.effectiveTrainer().name())
        .update();
  }

  public Optional<RetrainingSettings> settings(UUID versionId) {
    return jdbc.sql("SELECT schedule, trainer FROM retraining_policy WHERE model_version_id = ?")
        .param(versionId)
        .query(
            (rs, i) ->
                new RetrainingSettings(
                    rs.getString("schedule"),
                    RetrainingSettings.Trainer.valueOf(rs.getString("trainer"))))
        .optional();
  }

  private static Retraining map(ResultSet rs, int row) throws SQLException {
    return new Retraining(
        rs.getObject("id", UUID.class),
        rs.getString("model_name"),
        rs.getString("champion_version"),
        rs.getObject("model_version_id", UUID.class),
        rs.getString("trigger_kind"),
        rs.getString("reason"),
        rs.getString("requested_by"),
        rs.getObject("requested_at", OffsetDateTime.class),
        RetrainingStatus.valueOf(rs.getString("status")),
        rs.getString("training_data_ref"),
        rs.getString("candidate_version"),
        rs.getObject("candidate_version_id", UUID.class),
        rs.getString("outcome"),
        rs.getObject("finished_at", OffsetDateTime.class),
        rs.getString("process_instance_id"));
  }
}
