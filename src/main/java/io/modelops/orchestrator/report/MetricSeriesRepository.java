package io.modelops.orchestrator.report;

import io.modelops.orchestrator.catalog.CatalogTime;
import io.modelops.orchestrator.report.ModelReport.MetricSeries;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read-only query of the metric points of a version, for its report. */
@Repository
class MetricSeriesRepository {

  private final JdbcClient jdbc;

  MetricSeriesRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Metric points of a version, per metric. */
  List<MetricSeries> metricSeries(UUID versionId) {
    return jdbc.sql(
            "SELECT name, COUNT(*) AS points, MIN(observed_at) AS first_at, MAX(observed_at) AS latest_at"
                + " FROM metric_point WHERE model_version_id = ? GROUP BY name ORDER BY name")
        .param(versionId)
        .query(
            (rs, i) ->
                new MetricSeries(
                    rs.getString("name"),
                    rs.getLong("points"),
                    CatalogTime.read(rs, "first_at"),
                    CatalogTime.read(rs, "latest_at")))
        .list();
  }
}
