package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.web.ApiExceptionHandler.FieldProblem;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A batch of metric points, as serving systems or CI send them.
 *
 * <p>The constraints of the batch and of each {@link MetricPoint} are checked by {@link
 * #problems()}, by hand: Bean Validation of every point of a large batch cost more than storing it.
 * The annotations stay for the API documentation; {@code MetricBatchTest} checks that both find the
 * same problems with the same messages.
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
    // A batch names few metrics and segments many times: each distinct one is matched once.
    Set<String> validNames = new HashSet<>();
    Set<String> validSegments = new HashSet<>();
    for (int i = 0; i < points.size(); i++) {
      MetricPoint point = points.get(i);
      if (point == null) {
        problems.add(new FieldProblem(field(i, null), "must not be null"));
        continue;
      }
      String name = point.name();
      if (name == null || !validNames.contains(name)) {
        boolean blank = name == null || name.isBlank();
        boolean matches = name != null && METRIC.matcher(name).matches();
        if (blank) {
          problems.add(new FieldProblem(field(i, "name"), "must not be blank"));
        }
        if (name != null && !matches) {
          problems.add(new FieldProblem(field(i, "name"), Patterns.METRIC_MESSAGE));
        }
        if (!blank && matches) {
          validNames.add(name);
        }
      }
      if (point.value() == null) {
        problems.add(new FieldProblem(field(i, "value"), "must not be null"));
      } else if (!Double.isFinite(point.value())) {
        problems.add(new FieldProblem(field(i, "value"), "must be a finite number"));
      }
      if (!ObservationTime.Validator.valid(point.timestamp())) {
        problems.add(new FieldProblem(field(i, "timestamp"), ObservationTime.MESSAGE));
      }
      String segment = point.segment();
      if (segment != null && !validSegments.contains(segment)) {
        if (GROUP.matcher(segment).matches()) {
          validSegments.add(segment);
        } else {
          problems.add(new FieldProblem(field(i, "segment"), Patterns.GROUP_MESSAGE));
        }
      }
    }
    return problems;
  }

  private static String field(int index, String property) {
    return "points[" + index + "]" + (property == null ? "" : "." + property);
  }
}
