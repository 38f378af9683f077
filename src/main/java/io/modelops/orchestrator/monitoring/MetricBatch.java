package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.web.ApiExceptionHandler.FieldProblem;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A batch of metric points, as serving systems or CI send them.
 *
 * <p>The constraints of the batch and of each {@link MetricPoint} are checked by {@link
 * #problems()}, by hand: Bean Validation of every point of a large batch cost more than storing
 * it. The annotations stay for the API documentation; {@code MetricBatchTest} checks that both
 * find the same problems with the same messages.
 */
public record MetricBatch(@NotEmpty @Size(max = MetricBatch.MAX_POINTS) List<MetricPoint> points) {

  public static final int MAX_POINTS = 10_000;

  private static final Pattern METRIC = Pattern.compile(Patterns.METRIC);
  private static final Pattern GROUP = Pattern.compile(Patterns.GROUP);

  /** Every constraint violation of the batch, as Bean Validation would name and word it. */
  public List<FieldProblem> problems() {
    List<FieldProblem> problems = new ArrayList<>();
    if (points == null || points.isEmpty()) {
      problems.add(new FieldProblem("points", "must not be empty"));
      return problems;
    }
    if (points.size() > MAX_POINTS) {
      problems.add(new FieldProblem("points", "size must be between 0 and " + MAX_POINTS));
    }
    for (int i = 0; i < points.size(); i++) {
      MetricPoint point = points.get(i);
      String field = "points[" + i + "]";
      if (point == null) {
        problems.add(new FieldProblem(field, "must not be null"));
        continue;
      }
      String name = point.name();
      if (name == null || name.isBlank()) {
        problems.add(new FieldProblem(field + ".name", "must not be blank"));
      }
      if (name != null && !METRIC.matcher(name).matches()) {
        problems.add(new FieldProblem(field + ".name", Patterns.METRIC_MESSAGE));
      }
      if (point.value() == null) {
        problems.add(new FieldProblem(field + ".value", "must not be null"));
      } else if (!Double.isFinite(point.value())) {
        problems.add(new FieldProblem(field + ".value", "must be a finite number"));
      }
      if (point.segment() != null && !GROUP.matcher(point.segment()).matches()) {
        problems.add(new FieldProblem(field + ".segment", Patterns.GROUP_MESSAGE));
      }
    }
    return problems;
  }
}
