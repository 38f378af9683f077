package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.catalog.CatalogTime;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The verdicts of "Analyze canary" (table {@code canary_analysis}), written by the orchestrator
 * only: the promotion guard re-checks the newest one instead of the {@code canaryVerdict} variable,
 * which a user with access to the lifecycle's variables could edit.
 */
@Repository
public class CanaryAnalysisLog {

  /** One stored verdict. */
  public record Entry(
      UUID id,
      UUID modelVersionId,
      String verdict,
      OffsetDateTime windowFrom,
      OffsetDateTime windowTo,
      OffsetDateTime analyzedAt) {}

  private final JdbcClient jdbc;

  public CanaryAnalysisLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(
      UUID modelVersionId,
      String processInstanceId,
      CanaryAnalysis.Result result,
      OffsetDateTime from,
      OffsetDateTime to,
      OffsetDateTime analyzedAt) {
    jdbc.sql(
            "INSERT INTO canary_analysis (id, model_version_id, process_instance_id, verdict,"
                + " window_from, window_to, report, analyzed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            UUID.randomUUID(),
            modelVersionId,
            processInstanceId,
            result.verdict().name(),
            from,
            to,
            result.report(),
            analyzedAt)
        .update();
  }

  /** The newest verdict of a version. */
  public Optional<Entry> latest(UUID modelVersionId) {
    return jdbc.sql(
            "SELECT id, model_version_id, verdict, window_from, window_to, analyzed_at"
                + " FROM canary_analysis WHERE model_version_id = ?"
                + " ORDER BY analyzed_at DESC FETCH FIRST 1 ROWS ONLY")
        .param(modelVersionId)
        .query(
            (rs, i) ->
                new Entry(
                    rs.getObject("id", UUID.class),
                    rs.getObject("model_version_id", UUID.class),
                    rs.getString("verdict"),
                    CatalogTime.read(rs, "window_from"),
                    CatalogTime.read(rs, "window_to"),
                    CatalogTime.read(rs, "analyzed_at")))
        .optional();
  }
}
