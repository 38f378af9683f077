package io.modelops.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.evaluation.Evaluation;
import io.modelops.orchestrator.evaluation.Evaluation.Scored;
import io.modelops.orchestrator.evaluation.EvaluationProperties;
import io.modelops.orchestrator.evaluation.EvaluationStatus;
import io.modelops.orchestrator.support.TestVersions;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checks of the independent evaluation and the gates on computed metrics. */
class IndependentEvaluationChecksTest {

  private static final EvaluationProperties TOLERANCE =
      new EvaluationProperties(0.02, Map.of("latency_p95_ms", 5.0));

  /** auc >= 0.75 and at most 0.01 worse than the champion; latency <= 200 ms. */
  private static final MetricGatePolicy GATES =
      (type, tier) ->
          List.of(
              new MetricGate("auc", 0.75, null, true, null, null, 0.01, false),
              new MetricGate("latency_p95_ms", null, 200.0, false, null, null, null, false));

  private final ValidationService service =
      new ValidationService(
          new ValidationProperties(Map.of(), Set.of(), 0.8, Set.of()),
          TOLERANCE,
          GATES,
          new ObjectMapper(),
          version -> java.util.Optional.empty(),
          Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC));

  private final ModelVersion candidate =
      TestVersions.complete("{\"auc\":0.81,\"latency_p95_ms\":120}");
  private final ModelVersion champion = TestVersions.complete("{\"auc\":0.70}");

  @Test
  void shouldPassWhenDeclaredAndComputedDifferByNoMoreThanTheTolerance() {
    ValidationCheck check =
        ValidationService.declaredMatch(
            Map.of("auc", 0.81), Map.of("auc", 0.79), TOLERANCE::toleranceFor);

    assertThat(check.status()).isEqualTo(CheckStatus.PASS);
    assertThat(check.observed()).isEqualTo("auc declared 0.81, computed 0.79");
    assertThat(check.threshold()).isEqualTo("auc ± 0.02");
  }

  @Test
  void shouldFailNamingMetricDeclaredAndComputedBeyondTheTolerance() {
    ValidationCheck check =
        ValidationService.declaredMatch(
            Map.of("auc", 0.81, "accuracy", 0.76),
            Map.of("auc", 0.78, "accuracy", 0.76),
            TOLERANCE::toleranceFor);

    assertThat(check.name()).isEqualTo("declared-metrics-match");
    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.message()).contains("auc declared 0.81, computed 0.78");
    assertThat(check.observed()).doesNotContain("accuracy");
  }

  @Test
  void shouldApplyAToleranceOfItsOwnPerMetric() {
    assertThat(
            ValidationService.declaredMatch(
                    Map.of("latency_p95_ms", 120.0),
                    Map.of("latency_p95_ms", 124.0),
                    TOLERANCE::toleranceFor)
                .status())
        .isEqualTo(CheckStatus.PASS);
    assertThat(
            ValidationService.declaredMatch(
                    Map.of("latency_p95_ms", 120.0),
                    Map.of("latency_p95_ms", 126.0),
                    TOLERANCE::toleranceFor)
                .status())
        .isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void shouldWarnWhenNoDeclaredMetricWasComputed() {
    assertThat(
            ValidationService.declaredMatch(
                    Map.of("auc", 0.8), Map.of("accuracy", 0.7), TOLERANCE::toleranceFor)
                .status())
        .isEqualTo(CheckStatus.WARN);
  }

  @Test
  void shouldWarnThatNoDatasetIsRegisteredAndFlagDeclaredMetrics() {
    ValidationReport report = service.validate(candidate, null, null, false);

    ValidationCheck evaluation = check(report, "independent-evaluation");
    assertThat(evaluation.status()).isEqualTo(CheckStatus.WARN);
    assertThat(evaluation.message())
        .isEqualTo("no evaluation dataset registered for fraud-detector");
    assertThat(check(report, "metric:auc").observed())
        .isEqualTo("0.81 (declared, not independently evaluated)");
    assertThat(report.checks()).noneMatch(c -> c.name().equals("declared-metrics-match"));
    assertThat(report.passed()).isTrue();
  }

  @Test
  void shouldGateOnTheComputedMetricsOfCandidateAndChampion() {
    // given: declared 0.81 passes the gate and beats the champion's declared 0.70; computed, the
    // candidate has 0.80 and the champion 0.83 on the same dataset
    Evaluation evaluation =
        completed(Map.of("auc", 0.80), Map.of("auc", 0.83), champion.id(), "0.9.0");

    // when
    ValidationReport report = service.validate(candidate, champion, evaluation, true);

    // then
    assertThat(check(report, "independent-evaluation").status()).isEqualTo(CheckStatus.PASS);
    assertThat(check(report, "independent-evaluation").message())
        .contains("candidate auc 0.8")
        .contains("champion 0.9.0 on the same dataset auc 0.83");
    assertThat(check(report, "declared-metrics-match").status()).isEqualTo(CheckStatus.PASS);
    assertThat(check(report, "metric:auc").observed()).isEqualTo("0.8 (computed)");
    ValidationCheck champ = check(report, "champion:auc");
    assertThat(champ.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(champ.observed())
        .startsWith("0.8 vs champion")
        .contains("0.83")
        .endsWith("(computed, champion on the same dataset)");
    // latency was not computed: the declared value, flagged
    assertThat(check(report, "metric:latency_p95_ms").observed())
        .isEqualTo("120 (declared, not independently evaluated)");
    assertThat(report.passed()).isFalse();
  }

  @Test
  void shouldFailWhenADeclaredMetricIsOffByMoreThanTheTolerance() {
    Evaluation evaluation = completed(Map.of("auc", 0.76), null, null, null);

    ValidationReport report = service.validate(candidate, null, evaluation, true);

    ValidationCheck match = check(report, "declared-metrics-match");
    assertThat(match.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(match.observed()).isEqualTo("auc declared 0.81, computed 0.76");
    assertThat(check(report, "metric:auc").status()).isEqualTo(CheckStatus.PASS);
    assertThat(report.passed()).isFalse();
  }

  @Test
  void shouldFailWhenTheEvaluationFailed() {
    Evaluation failed =
        new Evaluation(
            UUID.randomUUID(),
            "fraud-detector",
            EvaluationStatus.FAILED,
            new Scored(candidate.id(), "1.0.0", "s3://m", null, null),
            null,
            UUID.randomUUID(),
            "file:/data/holdout.csv",
            "a".repeat(64),
            OffsetDateTime.now(),
            OffsetDateTime.now(),
            null,
            "evaluation dataset changed");

    ValidationCheck check =
        check(service.validate(candidate, null, failed, true), "independent-evaluation");

    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.message()).isEqualTo("Evaluation failed: evaluation dataset changed");
  }

  private Evaluation completed(
      Map<String, Double> candidateMetrics,
      Map<String, Double> championMetrics,
      UUID championId,
      String championVersion) {
    return new Evaluation(
        UUID.randomUUID(),
        "fraud-detector",
        EvaluationStatus.COMPLETED,
        new Scored(candidate.id(), "1.0.0", "s3://m/1", candidateMetrics, 1000L),
        championId == null
            ? null
            : new Scored(championId, championVersion, "s3://m/0", championMetrics, 1000L),
        UUID.randomUUID(),
        "file:/data/holdout.csv",
        "a".repeat(64),
        OffsetDateTime.now(),
        OffsetDateTime.now(),
        "eval-bot",
        null);
  }

  private static ValidationCheck check(ValidationReport report, String name) {
    return report.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.checks()));
  }
}
