package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.web.ApiExceptionHandler.FieldProblem;
import io.modelops.orchestrator.web.ConflictException;
import io.modelops.orchestrator.web.InvalidRequestException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Metric points from serving systems, for canary analysis and monitoring. */
@Service
class MetricIngestionService {

  /** How many points of the batch were stored (all of them). */
  public record MetricsAccepted(String model, String version, int accepted) {}

  private final CatalogRepository catalog;
  private final MetricPointRepository points;
  private final MonitoringQuota quota;
  private final MonitoringIdentities identities;
  private final MetricRanges ranges;
  private final Clock clock;

  public MetricIngestionService(
      CatalogRepository catalog,
      MetricPointRepository points,
      MonitoringQuota quota,
      MonitoringIdentities identities,
      MetricRanges ranges,
      Clock clock) {
    this.catalog = catalog;
    this.points = points;
    this.quota = quota;
    this.identities = identities;
    this.ranges = ranges;
    this.clock = clock;
  }

  /**
   * Stores the batch of a serving version posted by a monitoring identity with its poster; all or
   * nothing, within the version's daily quota.
   */
  @Transactional
  public MetricsAccepted ingest(String name, String version, MetricBatch batch, String poster) {
    List<FieldProblem> problems = batch.problems();
    if (problems.isEmpty()) {
      problems = ranges.problems(batch.points());
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    ModelVersion v = catalog.requireVersion(name, version);
    identities.requirePoster(poster, v);
    if (v.stage() != Stage.CANARY && v.stage() != Stage.PRODUCTION) {
      throw new ConflictException(
          name
              + ":"
              + version
              + " serves no traffic (stage "
              + v.stage()
              + "); metrics are"
              + " accepted for canary and production versions");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    int n = batch.points().size();
    // one statement before the insert: a used-up quota costs no insert, and the count is
    // atomic with it (a failed insert rolls the count back)
    quota.countMetricPoints(name + ":" + version, v.id(), n, now);
    points.insert(v.id(), batch.points(), now, poster);
    return new MetricsAccepted(name, version, n);
  }
}
