package io.modelops.orchestrator.validation;

import io.modelops.orchestrator.catalog.CatalogTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores validation reports and their checks. */
@Repository
public class ValidationReportRepository {

  private final JdbcClient jdbc;

  public ValidationReportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void save(ValidationReport report) {
    jdbc.sql(
            "INSERT INTO validation_report (id, model_version_id, created_at, passed,"
                + " champion_version) VALUES (?, ?, ?, ?, ?)")
        .params(
            report.id(),
            report.modelVersionId(),
            report.createdAt(),
            report.passed(),
            report.championVersion())
        .update();
    int seq = 0;
    for (ValidationCheck check : report.checks()) {
      jdbc.sql(
              "INSERT INTO validation_check (report_id, seq, name, status, observed, threshold,"
                  + " message) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(
              report.id(),
              seq++,
              check.name(),
              check.status().name(),
              check.observed(),
              check.threshold(),
              check.message())
          .update();
    }
  }

  /** The most recent report of a version, if it was validated. */
  public Optional<ValidationReport> findLatest(UUID modelVersionId) {
    record Head(UUID id, OffsetDateTime createdAt, String championVersion) {}
    Optional<Head> head =
        jdbc.sql(
                "SELECT id, created_at, champion_version FROM validation_report"
                    + " WHERE model_version_id = ? ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY")
            .param(modelVersionId)
            .query(
                (rs, i) ->
                    new Head(
                        rs.getObject("id", UUID.class),
                        CatalogTime.read(rs, "created_at"),
                        rs.getString("champion_version")))
            .optional();
    return head.map(
        h -> {
          List<ValidationCheck> checks =
              new ArrayList<>(
                  jdbc.sql(
                          "SELECT name, status, observed, threshold, message FROM validation_check"
                              + " WHERE report_id = ? ORDER BY seq")
                      .param(h.id())
                      .query(
                          (rs, i) ->
                              new ValidationCheck(
                                  rs.getString("name"),
                                  CheckStatus.valueOf(rs.getString("status")),
                                  rs.getString("observed"),
                                  rs.getString("threshold"),
                                  rs.getString("message")))
                      .list());
          return new ValidationReport(
              h.id(), modelVersionId, h.createdAt(), h.championVersion(), checks);
        });
  }
}
