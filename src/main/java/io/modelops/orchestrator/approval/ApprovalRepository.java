package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores review decisions; one row per completed review task or automatic approval. */
@Repository
public class ApprovalRepository {

  private final JdbcClient jdbc;

  public ApprovalRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void save(Approval a) {
    jdbc.sql(
            "INSERT INTO approval (id, model_version_id, task_id, step, review_group, decision,"
                + " decided_by, decided_at, comment, evidence_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            a.id(),
            a.modelVersionId(),
            a.taskId(),
            a.step(),
            a.reviewGroup(),
            a.decision(),
            a.decidedBy(),
            a.decidedAt(),
            a.comment(),
            a.evidenceHash())
        .update();
  }

  public List<Approval> findByVersion(UUID modelVersionId) {
    return jdbc.sql(
            "SELECT id, model_version_id, task_id, step, review_group, decision, decided_by,"
                + " decided_at, comment, evidence_hash FROM approval WHERE model_version_id = ?"
                + " ORDER BY decided_at")
        .param(modelVersionId)
        .query(
            (rs, i) ->
                new Approval(
                    rs.getObject("id", UUID.class),
                    rs.getObject("model_version_id", UUID.class),
                    rs.getString("task_id"),
                    rs.getString("step"),
                    rs.getString("review_group"),
                    rs.getString("decision"),
                    rs.getString("decided_by"),
                    CatalogTime.read(rs, "decided_at"),
                    rs.getString("comment"),
                    rs.getString("evidence_hash")))
        .list();
  }
}
