package io.modelops.orchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Metric points on PostgreSQL: the binary {@code COPY} stores exactly what was posted, and the
 * version a point belongs to is guarded without a per-row foreign key.
 */
@IntegrationTest
class MetricPointStorageIT {

  private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-02T12:00:00Z");

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired CatalogRepository catalog;
  @Autowired MetricPointRepository points;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void shouldStoreEveryValueAsPosted() {
    // given
    UUID version = registeredVersion("storage-values-" + System.nanoTime() % 100_000);
    List<MetricPoint> batch =
        List.of(
            new MetricPoint(
                "error_rate",
                0.012,
                OffsetDateTime.parse("2026-11-23T10:15:00.123456+02:00"),
                "eu-west"),
            new MetricPoint(
                "latency_p95_ms",
                -1.5e-300,
                OffsetDateTime.parse("1999-12-31T23:59:59.999999Z"),
                null),
            new MetricPoint(
                "quality.auc",
                Double.MAX_VALUE,
                OffsetDateTime.parse("1970-01-01T00:00:00.0000004Z"),
                "a b+c<d>=e"),
            new MetricPoint("x", 0.0, null, "n-1_2.3"));

    // when
    transactions.executeWithoutResult(t -> points.insert(version, batch, NOW, "monty"));

    // then
    List<Map<String, Object>> rows =
        jdbc.sql(
                "SELECT name, metric_value, observed_at, segment FROM metric_point"
                    + " WHERE model_version_id = ? ORDER BY seq")
            .param(version)
            .query()
            .listOfRows();
    assertThat(rows).hasSize(4);
    for (int i = 0; i < batch.size(); i++) {
      MetricPoint posted = batch.get(i);
      Map<String, Object> row = rows.get(i);
      assertThat(row.get("name")).isEqualTo(posted.name());
      assertThat((Double) row.get("metric_value")).isEqualTo(posted.value());
      assertThat(row.get("segment")).isEqualTo(posted.segment());
    }
    assertThat(observedAt(rows, 0)).isEqualTo(OffsetDateTime.parse("2026-11-23T08:15:00.123456Z"));
    assertThat(observedAt(rows, 1)).isEqualTo(OffsetDateTime.parse("1999-12-31T23:59:59.999999Z"));
    assertThat(observedAt(rows, 2)).isEqualTo(OffsetDateTime.parse("1970-01-01T00:00:00Z"));
    assertThat(observedAt(rows, 3)).isEqualTo(NOW);
  }

  @Test
  void shouldRefuseAnUnknownVersionAndWriteNothing() {
    // given
    UUID unknown = UUID.randomUUID();
    List<MetricPoint> batch = List.of(new MetricPoint("error_rate", 0.01, null, null));

    // when / then
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(t -> points.insert(unknown, batch, NOW, "monty")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(unknown.toString());
    assertThat(count(unknown)).isZero();
  }

  @Test
  void shouldNotRemoveAVersionThatHasMetricPoints() {
    // given
    String model = "storage-guard-" + System.nanoTime() % 100_000;
    UUID version = registeredVersion(model);
    transactions.executeWithoutResult(
        t ->
            points.insert(
                version, List.of(new MetricPoint("error_rate", 0.01, null, null)), NOW, "monty"));

    // when / then
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    t ->
                        jdbc.sql("DELETE FROM model_version WHERE id = ?").param(version).update()))
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("has metric points");
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    t ->
                        jdbc.sql("UPDATE model_version SET id = ? WHERE id = ?")
                            .params(UUID.randomUUID(), version)
                            .update()))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(count(version)).isEqualTo(1);
    assertThat(catalog.findVersion(model, "1.0.0")).isPresent();
  }

  private UUID registeredVersion(String model) {
    new ModelReleases(port, managementService)
        .register(model, ModelReleases.registration(model, "1.0.0"));
    return catalog.findVersion(model, "1.0.0").orElseThrow().id();
  }

  private long count(UUID version) {
    return jdbc.sql("SELECT COUNT(*) FROM metric_point WHERE model_version_id = ?")
        .param(version)
        .query(Long.class)
        .single();
  }

  private static OffsetDateTime observedAt(List<Map<String, Object>> rows, int i) {
    Object value = rows.get(i).get("observed_at");
    OffsetDateTime time =
        value instanceof OffsetDateTime o
            ? o
            : ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    return time.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
