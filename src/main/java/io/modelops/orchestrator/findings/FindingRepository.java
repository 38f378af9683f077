package io.modelops.orchestrator.findings;

import io.modelops.orchestrator.catalog.CatalogTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code finding} and {@code finding_transition}. */
@Repository
class FindingRepository {

  private static final String SELECT =
      """
      SELECT f.id, f.model_version_id, m.name AS model_name, v.version, f.title, f.description,
        f.severity, f.owner, f.risk_tier, f.due_date, f.raised_by, f.raised_at, f.review_task_id,
        f.status, f.risk_accepted_until, f.updated_at
      FROM finding f
      JOIN model_version v ON v.id = f.model_version_id
      JOIN model m ON m.id = v.model_id
      """;

  private final JdbcClient jdbc;

  FindingRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Serialises the raising of findings on one version until the transaction ends. */
  void lockVersion(UUID versionId) {
    jdbc.sql("SELECT id FROM model_version WHERE id = ? FOR UPDATE")
        .param(versionId)
        .query(UUID.class)
        .list();
  }

  void insert(Finding f) {
    jdbc.sql(
            """
            INSERT INTO finding (id, model_version_id, title, description, severity, owner,
              risk_tier, due_date, raised_by, raised_at, review_task_id, status,
              risk_accepted_until, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            f.id(),
            f.modelVersionId(),
            f.title(),
            f.description(),
            f.severity().name(),
            f.owner(),
            f.riskTier(),
            f.dueDate(),
            f.raisedBy(),
            f.raisedAt(),
            f.reviewTaskId(),
            f.status().name(),
            f.riskAcceptedUntil(),
            f.updatedAt())
        .update();
  }

  /**
   * Moves a finding from {@code expected} to {@code next}; false when it is no longer in {@code
   * expected} (a concurrent or repeated request).
   */
  boolean move(
      UUID id,
      FindingStatus expected,
      FindingStatus next,
      LocalDate riskAcceptedUntil,
      OffsetDateTime now) {
    return jdbc.sql(
                "UPDATE finding SET status = ?, risk_accepted_until = ?, updated_at = ?"
                    + " WHERE id = ? AND status = ?")
            .params(next.name(), riskAcceptedUntil, now, id, expected.name())
            .update()
        == 1;
  }

  void insertTransition(
      UUID findingId,
      FindingStatus from,
      FindingStatus to,
      String actor,
      OffsetDateTime at,
      String text,
      String evidenceUri,
      LocalDate riskAcceptedUntil) {
    jdbc.sql(
            """
            INSERT INTO finding_transition (id, finding_id, from_status, to_status, actor,
              occurred_at, text, evidence_uri, risk_accepted_until)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            UUID.randomUUID(),
            findingId,
            from == null ? null : from.name(),
            to.name(),
            actor,
            at,
            text,
            evidenceUri,
            riskAcceptedUntil)
        .update();
  }

  Optional<Finding> find(UUID id) {
    return jdbc.sql(SELECT + " WHERE f.id = ?").param(id).query(FindingRepository::map).optional();
  }

  List<Finding> findByVersion(UUID versionId) {
    return jdbc.sql(SELECT + " WHERE f.model_version_id = ? ORDER BY f.raised_at, f.id")
        .param(versionId)
        .query(FindingRepository::map)
        .list();
  }

  List<FindingView.Transition> history(UUID findingId) {
    return jdbc.sql(
            "SELECT from_status, to_status, actor, occurred_at, text, evidence_uri,"
                + " risk_accepted_until FROM finding_transition WHERE finding_id = ?"
                + " ORDER BY occurred_at, id")
        .param(findingId)
        .query(
            (rs, n) ->
                new FindingView.Transition(
                    rs.getString("from_status") == null
                        ? null
                        : FindingStatus.valueOf(rs.getString("from_status")),
                    FindingStatus.valueOf(rs.getString("to_status")),
                    rs.getString("actor"),
                    CatalogTime.read(rs, "occurred_at"),
                    rs.getString("text"),
                    rs.getString("evidence_uri"),
                    rs.getObject("risk_accepted_until", LocalDate.class)))
        .list();
  }

  private static Finding map(ResultSet rs, int row) throws SQLException {
    return new Finding(
        rs.getObject("id", UUID.class),
        rs.getObject("model_version_id", UUID.class),
        rs.getString("model_name"),
        rs.getString("version"),
        rs.getString("title"),
        rs.getString("description"),
        Severity.valueOf(rs.getString("severity")),
        rs.getString("owner"),
        rs.getString("risk_tier"),
        rs.getObject("due_date", LocalDate.class),
        rs.getString("raised_by"),
        CatalogTime.read(rs, "raised_at"),
        rs.getString("review_task_id"),
        FindingStatus.valueOf(rs.getString("status")),
        rs.getObject("risk_accepted_until", LocalDate.class),
        CatalogTime.read(rs, "updated_at"));
  }
}
