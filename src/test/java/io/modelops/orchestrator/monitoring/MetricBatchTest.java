package io.modelops.orchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.web.ApiExceptionHandler.FieldProblem;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written check of a batch finds what Bean Validation of its annotations finds. */
class MetricBatchTest {

  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  static Stream<List<MetricPoint>> batches() {
    OffsetDateTime t = OffsetDateTime.parse("2026-11-23T10:15:00Z");
    List<MetricPoint> tooMany =
        new ArrayList<>(Collections.nCopies(MetricBatch.MAX_POINTS + 1, point("a", 1.0)));
    tooMany.set(3, point(" ", 1.0));
    return Stream.of(
        List.of(
            point("error_rate", 0.01), new MetricPoint("latency_p95_ms", 120.0, t, "eu-west 2")),
        List.of(),
        tooMany,
        Arrays.asList(point("ok", 1.0), null),
        List.of(point("", 1.0), point(" ", 1.0), point(null, 1.0), point("1abc", 1.0)),
        List.of(
            point("bad name!", Double.NaN), point("x", Double.POSITIVE_INFINITY), point("y", null)),
        List.of(new MetricPoint("x", 1.0, t, "bad,segment\""), new MetricPoint("x", 1.0, t, "")),
        List.of(point("x".repeat(129), 1.0), new MetricPoint("x", 1.0, null, "s".repeat(65))),
        List.of(
            new MetricPoint("x", 1.0, OffsetDateTime.parse("+300000-01-01T00:00:00Z"), null),
            new MetricPoint("x", 1.0, OffsetDateTime.parse("-0001-12-31T23:59:59Z"), null),
            new MetricPoint("x", 1.0, OffsetDateTime.parse("0001-01-01T00:30:00+01:00"), null),
            new MetricPoint("x", 1.0, OffsetDateTime.parse("0001-01-01T00:00:00Z"), null),
            new MetricPoint("x", 1.0, OffsetDateTime.parse("9999-12-31T23:59:59.999999Z"), null),
            new MetricPoint("x", 1.0, OffsetDateTime.parse("9999-12-31T23:59:59.9999999Z"), null)),
        // a name or segment seen before is reported again at every point
        List.of(
            new MetricPoint("ok", 1.0, t, "eu"),
                new MetricPoint("bad name!", 1.0, t, "bad,segment"),
            new MetricPoint("ok", null, t, "eu"),
                new MetricPoint("bad name!", 2.0, t, "bad,segment"),
            new MetricPoint(" ", 1.0, t, "eu"), new MetricPoint(" ", 1.0, t, "eu")));
  }

  @ParameterizedTest
  @MethodSource("batches")
  void shouldFindTheProblemsBeanValidationFinds(List<MetricPoint> points) {
    // given
    MetricBatch batch = new MetricBatch(points);

    // when
    List<FieldProblem> problems = batch.problems();

    // then
    List<FieldProblem> expected = new ArrayList<>();
    VALIDATOR
        .validate(batch)
        .forEach(
            v -> expected.add(new FieldProblem(v.getPropertyPath().toString(), v.getMessage())));
    if (expected.stream().noneMatch(p -> p.message().equals("must not be empty"))) {
      for (int i = 0; i < points.size(); i++) {
        String field = "points[" + i + "]";
        if (points.get(i) == null) {
          expected.add(new FieldProblem(field, "must not be null"));
          continue;
        }
        VALIDATOR
            .validate(points.get(i))
            .forEach(
                v ->
                    expected.add(
                        new FieldProblem(field + "." + v.getPropertyPath(), v.getMessage())));
      }
    }
    assertThat(problems).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static MetricPoint point(String name, Double value) {
    return new MetricPoint(name, value, null, null);
  }
}
