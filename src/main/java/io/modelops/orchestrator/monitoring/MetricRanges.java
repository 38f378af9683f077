package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.web.ApiExceptionHandler.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The range each metric's values must lie in ({@code modelops.monitoring.metric-ranges}); a metric
 * without a range of its own gets {@code modelops.monitoring.default-metric-range}.
 */
@Component
class MetricRanges {

  private final Map<String, MonitoringProperties.MetricRange> ranges;
  private final MonitoringProperties.MetricRange fallback;

  public MetricRanges(MonitoringProperties properties) {
    this.ranges = properties.metricRanges();
    this.fallback = properties.defaultMetricRange();
  }

  /** The range of a metric. */
  public MonitoringProperties.MetricRange rangeOf(String metric) {
    return ranges.getOrDefault(metric, fallback);
  }

  /** One problem per point of the batch whose value lies outside its metric's range. */
  public List<FieldProblem> problems(List<MetricPoint> points) {
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      MetricPoint point = points.get(i);
      MonitoringProperties.MetricRange range = rangeOf(point.name());
      double value = point.value();
      if (!range.contains(value)) {
        problems.add(
            new FieldProblem(
                "points[" + i + "].value",
                point.name() + " = " + format(value) + " is outside its range " + range));
      }
    }
    return problems;
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }
}
