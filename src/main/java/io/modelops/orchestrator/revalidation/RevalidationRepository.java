package io.modelops.orchestrator.revalidation;

import io.modelops.orchestrator.catalog.CatalogTime;
import io.modelops.orchestrator.revalidation.RevalidationRecords.Attestation;
import io.modelops.orchestrator.revalidation.RevalidationRecords.Review;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code revalidation_schedule}, {@code revalidation_review} and {@code attestation}. */
@Repository
public class RevalidationRepository {

  private static final RowMapper<RevalidationSchedule> SCHEDULE =
      (rs, i) ->
          new RevalidationSchedule(
              rs.getObject("model_version_id", UUID.class),
              rs.getString("risk_tier"),
              rs.getString("revalidation_interval"),
              rs.getString("attestation_interval"),
              rs.getString("recheck_interval"),
              rs.getString("reminder_after"),
              rs.getString("escalation_after"),
              rs.getString("decision_definition_id"),
              CatalogTime.read(rs, "production_since"),
              CatalogTime.read(rs, "revalidation_due_at"),
              CatalogTime.read(rs, "attestation_due_at"),
              CatalogTime.read(rs, "revalidation_opened_at"),
              CatalogTime.read(rs, "evaluation_requested_at"),
              CatalogTime.read(rs, "last_revalidated_at"),
              rs.getString("last_outcome"),
              CatalogTime.read(rs, "last_attested_at"),
              (Boolean) rs.getObject("last_attestation_ok"),
              CatalogTime.read(rs, "frozen_at"));

  private static final RowMapper<Review> REVIEW =
      (rs, i) ->
          new Review(
              rs.getObject("id", UUID.class),
              rs.getObject("model_version_id", UUID.class),
              rs.getString("task_id"),
              rs.getString("outcome"),
              rs.getString("decided_by"),
              CatalogTime.read(rs, "decided_at"),
              rs.getString("comment"),
              CatalogTime.read(rs, "next_due_at"));

  private static final RowMapper<Attestation> ATTESTATION =
      (rs, i) ->
          new Attestation(
              rs.getObject("id", UUID.class),
              rs.getObject("model_version_id", UUID.class),
              rs.getString("task_id"),
              rs.getBoolean("still_used_as_intended"),
              rs.getString("attested_by"),
              CatalogTime.read(rs, "attested_at"),
              rs.getString("comment"),
              CatalogTime.read(rs, "next_due_at"));

  private final JdbcClient jdbc;

  public RevalidationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<RevalidationSchedule> find(UUID modelVersionId) {
    return jdbc.sql("SELECT * FROM revalidation_schedule WHERE model_version_id = ?")
        .param(modelVersionId)
        .query(SCHEDULE)
        .optional();
  }

  /** Every frozen schedule. */
  public List<RevalidationSchedule> findAll() {
    return jdbc.sql("SELECT * FROM revalidation_schedule").query(SCHEDULE).list();
  }

  /** Inserts the frozen schedule; false when the version already has one. */
  boolean insert(RevalidationSchedule s) {
    if (find(s.modelVersionId()).isPresent()) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO revalidation_schedule (model_version_id, risk_tier,"
                + " revalidation_interval, attestation_interval, recheck_interval,"
                + " reminder_after, escalation_after, decision_definition_id, production_since,"
                + " revalidation_due_at, attestation_due_at, frozen_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            s.modelVersionId(),
            s.riskTier(),
            s.revalidationInterval(),
            s.attestationInterval(),
            s.recheckInterval(),
            s.reminderAfter(),
            s.escalationAfter(),
            s.decisionDefinitionId(),
            s.productionSince(),
            s.revalidationDueAt(),
            s.attestationDueAt(),
            s.frozenAt())
        .update();
    return true;
  }

  /** When the version first got all production traffic (the stage history), if it did. */
  Optional<OffsetDateTime> productionSince(UUID modelVersionId) {
    return jdbc.sql(
            "SELECT occurred_at FROM stage_event WHERE model_version_id = ? AND stage = 'PRODUCTION'"
                + " AND traffic_percent = 100 ORDER BY seq FETCH FIRST 1 ROWS ONLY")
        .param(modelVersionId)
        .query((rs, i) -> CatalogTime.read(rs, "occurred_at"))
        .optional();
  }

  /** The revalidation review opened; the evaluation request of this round is not made yet. */
  void opened(UUID modelVersionId, OffsetDateTime at) {
    jdbc.sql(
            "UPDATE revalidation_schedule SET revalidation_opened_at = ?,"
                + " evaluation_requested_at = NULL WHERE model_version_id = ?")
        .params(at, modelVersionId)
        .update();
  }

  void evaluationRequested(UUID modelVersionId, OffsetDateTime at) {
    jdbc.sql(
            "UPDATE revalidation_schedule SET evaluation_requested_at = ? WHERE model_version_id = ?")
        .params(at, modelVersionId)
        .update();
  }

  /** Records a decision and moves the due date, in one transaction with the caller's. */
  void revalidated(Review review) {
    jdbc.sql(
            "INSERT INTO revalidation_review (id, model_version_id, task_id, outcome, decided_by,"
                + " decided_at, comment, next_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            review.id(),
            review.modelVersionId(),
            review.taskId(),
            review.outcome(),
            review.decidedBy(),
            review.decidedAt(),
            review.comment(),
            review.nextDueAt())
        .update();
    jdbc.sql(
            "UPDATE revalidation_schedule SET revalidation_due_at = ?, last_revalidated_at = ?,"
                + " last_outcome = ?, revalidation_opened_at = NULL WHERE model_version_id = ?")
        .params(review.nextDueAt(), review.decidedAt(), review.outcome(), review.modelVersionId())
        .update();
  }

  /** Brings the revalidation forward to {@code dueAt} (never later than it is). */
  void revalidationDueBy(UUID modelVersionId, OffsetDateTime dueAt) {
    jdbc.sql(
            "UPDATE revalidation_schedule SET revalidation_due_at = ?"
                + " WHERE model_version_id = ? AND revalidation_due_at > ?")
        .params(dueAt, modelVersionId, dueAt)
        .update();
  }

  void attested(Attestation attestation) {
    jdbc.sql(
            "INSERT INTO attestation (id, model_version_id, task_id, still_used_as_intended,"
                + " attested_by, attested_at, comment, next_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            attestation.id(),
            attestation.modelVersionId(),
            attestation.taskId(),
            attestation.stillUsedAsIntended(),
            attestation.attestedBy(),
            attestation.attestedAt(),
            attestation.comment(),
            attestation.nextDueAt())
        .update();
    jdbc.sql(
            "UPDATE revalidation_schedule SET attestation_due_at = ?, last_attested_at = ?,"
                + " last_attestation_ok = ? WHERE model_version_id = ?")
        .params(
            attestation.nextDueAt(),
            attestation.attestedAt(),
            attestation.stillUsedAsIntended(),
            attestation.modelVersionId())
        .update();
  }

  public List<Review> reviews(UUID modelVersionId) {
    return jdbc.sql(
            "SELECT * FROM revalidation_review WHERE model_version_id = ? ORDER BY decided_at")
        .param(modelVersionId)
        .query(REVIEW)
        .list();
  }

  public List<Attestation> attestations(UUID modelVersionId) {
    return jdbc.sql("SELECT * FROM attestation WHERE model_version_id = ? ORDER BY attested_at")
        .param(modelVersionId)
        .query(ATTESTATION)
        .list();
  }
}
