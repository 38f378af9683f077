package io.modelops.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.evaluation.EvaluationProperties;
import io.modelops.orchestrator.support.TestVersions;
import io.modelops.orchestrator.validation.ValidationProperties.DocumentationField;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValidationServiceTest {

  private static final String SIGNATURE =
      "{\"inputs\":[{\"name\":\"amount\",\"type\":\"double\"},{\"name\":\"country\",\"type\":\"string\"}],"
          + "\"outputs\":[{\"name\":\"score\",\"type\":\"double\"}]}";

  /** auc >= 0.75, at most 0.01 worse than the champion; latency required, <= 200 ms. */
  private static final MetricGatePolicy GATES =
      (type, tier) ->
          List.of(
              new MetricGate("auc", 0.75, null, true, null, null, 0.01, false),
              new MetricGate("latency_p95_ms", null, 200.0, false, null, null, null, true));

  private final ValidationService service =
      new ValidationService(
          new ValidationProperties(
              Map.of(
                  RiskTier.LOW, EnumSet.of(DocumentationField.OWNER),
                  RiskTier.HIGH,
                      EnumSet.of(
                          DocumentationField.OWNER,
                          DocumentationField.INTENDED_USE,
                          DocumentationField.LIMITATIONS,
                          DocumentationField.MODEL_CARD)),
              Set.of(ModelType.ML),
              0.8,
              Set.of(RiskTier.HIGH)),
          new EvaluationProperties(0.02, Map.of()),
          GATES,
          new ObjectMapper(),
          version -> java.util.Optional.empty(),
          Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC));

  @Test
  void shouldPassWhenDocumentedAndMetricsWithinThresholds() {
    ValidationReport report =
        service.validate(TestVersions.complete("{\"auc\":0.91,\"latency_p95_ms\":120}"), null);

    assertThat(report.passed()).isTrue();
    assertThat(report.championVersion()).isNull();
    assertThat(report.checks())
        .extracting(ValidationCheck::name, ValidationCheck::status)
        .containsExactly(
            tuple("documentation", CheckStatus.PASS),
            tuple("declared-metrics", CheckStatus.PASS),
            tuple("metric:auc", CheckStatus.PASS),
            tuple("metric:latency_p95_ms", CheckStatus.PASS));
  }

  @Test
  void shouldFailAMetricBelowItsThresholdWithObservedAndRequiredValues() {
    ValidationReport report =
        service.validate(TestVersions.complete("{\"auc\":0.71,\"latency_p95_ms\":120}"), null);

    assertThat(report.passed()).isFalse();
    ValidationCheck auc = report.failures().get(0);
    assertThat(auc.name()).isEqualTo("metric:auc");
    assertThat(auc.observed()).isEqualTo("0.71");
    assertThat(auc.threshold()).isEqualTo(">= 0.75");
    assertThat(auc.toLine()).contains("FAIL", "metric:auc", "observed 0.71", "required >= 0.75");
  }

  @Test
  void shouldTreatTheThresholdAsInclusive() {
    assertThat(
            service
                .validate(TestVersions.complete("{\"auc\":0.75,\"latency_p95_ms\":200}"), null)
                .passed())
        .isTrue();
  }

  @Test
  void shouldFailWhenARequiredMetricIsMissing() {
    ValidationReport report = service.validate(TestVersions.complete("{\"auc\":0.9}"), null);

    assertThat(report.failures())
        .extracting(ValidationCheck::name, ValidationCheck::observed)
        .containsExactly(tuple("metric:latency_p95_ms", "not declared"));
  }

  @Test
  void shouldFailMlModelsWithoutDeclaredMetrics() {
    ValidationReport report = service.validate(TestVersions.complete(null), null);

    assertThat(report.failures())
        .extracting(ValidationCheck::name)
        .contains("declared-metrics", "metric:latency_p95_ms");
  }

  @Test
  void shouldOnlyWarnAboutMissingMetricsForRuleModels() {
    ValidationReport report =
        service.validate(
            TestVersions.version(RiskTier.LOW, ModelType.RULES, null, null, null, null), null);

    assertThat(report.checks())
        .filteredOn(c -> c.name().equals("declared-metrics"))
        .extracting(ValidationCheck::status)
        .containsExactly(CheckStatus.WARN);
    assertThat(report.warnings()).isEqualTo(1);
  }

  @Test
  void shouldNameEveryMissingDocumentationFieldForHighRisk() {
    ValidationReport report =
        service.validate(
            TestVersions.version(
                RiskTier.HIGH, ModelType.ML, "{\"auc\":0.9,\"latency_p95_ms\":1}", null, " ", null),
            null);

    ValidationCheck documentation = report.failures().get(0);
    assertThat(documentation.name()).isEqualTo("documentation");
    assertThat(documentation.observed()).isEqualTo("missing intended use, limitations, model card");
  }

  @Test
  void shouldRequireLessDocumentationForLowRisk() {
    ValidationReport report =
        service.validate(
            TestVersions.version(
                RiskTier.LOW, ModelType.ML, "{\"auc\":0.9,\"latency_p95_ms\":1}", null, null, null),
            null);

    assertThat(report.passed()).isTrue();
  }

  @Nested
  class AgainstTheChampion {

    private final ModelVersion champion =
        withSignature(
            TestVersions.complete("{\"auc\":0.90,\"latency_p95_ms\":100}"), SIGNATURE, "0.9.0");

    @Test
    void shouldPassWithinTheAllowedDegradation() {
      ValidationReport report =
          service.validate(
              candidate("{\"auc\":0.895,\"latency_p95_ms\":100}", SIGNATURE), champion);

      assertThat(report.championVersion()).isEqualTo("0.9.0");
      assertThat(report.passed()).isTrue();
      assertThat(check(report, "champion:auc").observed())
          .isEqualTo("0.895 vs champion 0.9.0 0.9 (worse by 0.005)");
      assertThat(check(report, "champion:auc").threshold()).isEqualTo("worse by <= 0.01");
    }

    @Test
    void shouldFailWhenWorseThanTheChampionByMoreThanAllowed() {
      ValidationReport report =
          service.validate(candidate("{\"auc\":0.88,\"latency_p95_ms\":100}", SIGNATURE), champion);

      ValidationCheck auc = check(report, "champion:auc");
      assertThat(auc.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(auc.observed()).contains("worse by 0.02");
      assertThat(check(report, "metric:auc").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void shouldApplyMinimumAbsoluteAndRelativeImprovementLikeMlflow() {
      MetricGate mustImprove = new MetricGate("auc", null, null, true, 0.01, 0.02, null, false);

      // 0.90 -> 0.915: +0.015 absolute (>= 0.01) but +1.67 % relative (< 2 %)
      ValidationCheck check = ValidationService.relative(mustImprove, 0.915, 0.90, "0.9.0");

      assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(check.message()).contains("better by >= 2 %").doesNotContain(">= 0.01,");
      assertThat(ValidationService.relative(mustImprove, 0.92, 0.90, "0.9.0").status())
          .isEqualTo(CheckStatus.PASS);
    }

    @Test
    void shouldCompareLowerIsBetterMetricsTheOtherWayRound() {
      MetricGate latency =
          new MetricGate("latency_p95_ms", null, null, false, null, null, 10.0, false);

      assertThat(ValidationService.relative(latency, 105, 100.0, "1").status())
          .isEqualTo(CheckStatus.PASS);
      assertThat(ValidationService.relative(latency, 115, 100.0, "1").status())
          .isEqualTo(CheckStatus.FAIL);
      assertThat(ValidationService.relative(latency, 50, 100.0, "1").observed())
          .contains("better by 50");
    }

    @Test
    void shouldWarnWhenTheChampionDidNotDeclareTheMetric() {
      MetricGate gate = new MetricGate("auc", null, null, true, null, null, 0.01, false);

      assertThat(ValidationService.relative(gate, 0.9, null, "1").status())
          .isEqualTo(CheckStatus.WARN);
    }

    @Test
    void shouldFailARemovedOrRetypedInputForHighRisk() {
      String changed =
          "{\"inputs\":[{\"name\":\"amount\",\"type\":\"string\"}],"
              + "\"outputs\":[{\"name\":\"score\",\"type\":\"double\"}]}";

      ValidationCheck signature =
          check(
              service.validate(candidate("{\"auc\":0.9,\"latency_p95_ms\":1}", changed), champion),
              "signature");

      assertThat(signature.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(signature.observed())
          .isEqualTo("input amount changed from double to string; input country removed");
    }

    @Test
    void shouldOnlyWarnAboutABreakingChangeBelowHighRisk() {
      String removed = "{\"inputs\":[{\"name\":\"amount\",\"type\":\"double\"}],\"outputs\":[]}";
      ModelVersion low =
          withSignature(
              TestVersions.version(
                  RiskTier.LOW,
                  ModelType.ML,
                  "{\"auc\":0.9,\"latency_p95_ms\":1}",
                  null,
                  null,
                  null),
              removed,
              "1.0.0");

      ValidationCheck signature = check(service.validate(low, champion), "signature");

      assertThat(signature.status()).isEqualTo(CheckStatus.WARN);
      assertThat(signature.observed()).contains("input country removed", "output score removed");
    }

    @Test
    void shouldWarnAboutNewInputsAndPassAnUnchangedSignature() {
      String added =
          "{\"inputs\":[{\"name\":\"amount\",\"type\":\"double\"},{\"name\":\"country\",\"type\":\"string\"},"
              + "{\"name\":\"channel\",\"type\":\"string\"}],\"outputs\":[{\"name\":\"score\",\"type\":\"double\"}]}";

      assertThat(
              check(
                  service.validate(
                      candidate("{\"auc\":0.9,\"latency_p95_ms\":1}", added), champion),
                  "signature"))
          .extracting(ValidationCheck::status, ValidationCheck::observed)
          .containsExactly(CheckStatus.WARN, "input channel added");
      assertThat(
              check(
                      service.validate(
                          candidate("{\"auc\":0.9,\"latency_p95_ms\":1}", SIGNATURE), champion),
                      "signature")
                  .status())
          .isEqualTo(CheckStatus.PASS);
    }

    @Test
    void shouldWarnWhenSignaturesCannotBeCompared() {
      assertThat(
              check(
                      service.validate(
                          candidate("{\"auc\":0.9,\"latency_p95_ms\":1}", null), champion),
                      "signature")
                  .status())
          .isEqualTo(CheckStatus.WARN);
    }

    private ModelVersion candidate(String metrics, String signature) {
      return withSignature(TestVersions.complete(metrics), signature, "1.0.0");
    }
  }

  @Nested
  class Fairness {

    @Test
    void shouldPassAttributesThatMeetTheFourFifthsRule() {
      ValidationReport report =
          service.validate(withFairness("{\"gender\":{\"female\":0.30,\"male\":0.36}}"), null);

      // 0.30 / 0.36 = 0.8333
      assertThat(check(report, "fairness:gender"))
          .extracting(
              ValidationCheck::status, ValidationCheck::observed, ValidationCheck::threshold)
          .containsExactly(CheckStatus.PASS, "0.833333 (female 0.3 / male 0.36)", ">= 0.8");
    }

    @Test
    void shouldFailAnAttributeBelowTheFourFifthsRule() {
      // The EEOC's own example: 30 % of one group selected vs 60 % of another -> 0.5.
      ValidationReport report =
          service.validate(
              withFairness(
                  "{\"age_band\":{\"18-25\":0.30,\"26-60\":0.60,\"61+\":0.55},"
                      + "\"gender\":{\"female\":0.5,\"male\":0.5}}"),
              null);

      assertThat(report.passed()).isFalse();
      assertThat(check(report, "fairness:age_band"))
          .extracting(ValidationCheck::status, ValidationCheck::observed)
          .containsExactly(CheckStatus.FAIL, "0.5 (18-25 0.3 / 26-60 0.6)");
      assertThat(check(report, "fairness:age_band").message()).contains("18-25", "80 %");
      assertThat(check(report, "fairness:gender").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void shouldWarnWhenNoGroupHasPositiveOutcomes() {
      ValidationReport report =
          service.validate(withFairness("{\"gender\":{\"female\":0,\"male\":0}}"), null);

      assertThat(check(report, "fairness:gender").status()).isEqualTo(CheckStatus.WARN);
    }

    private ModelVersion withFairness(String fairness) {
      ModelVersion v = TestVersions.complete("{\"auc\":0.9,\"latency_p95_ms\":1}");
      return new ModelVersion(
          v.id(),
          v.modelId(),
          v.modelName(),
          v.version(),
          v.artifactUri(),
          v.framework(),
          v.modelType(),
          v.riskTier(),
          v.owner(),
          v.ownerEmail(),
          v.description(),
          v.intendedUse(),
          v.limitations(),
          v.modelCardUri(),
          v.sourceCommit(),
          v.trainingDataRef(),
          v.runId(),
          v.metricsJson(),
          v.signatureJson(),
          fairness,
          v.deploymentTarget(),
          v.status(),
          v.statusReason(),
          v.stage(),
          v.registeredBy(),
          v.registeredAt(),
          v.updatedAt(),
          v.processInstanceId(),
          v.registrationHash());
    }
  }

  private static ValidationCheck check(ValidationReport report, String name) {
    return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static ModelVersion withSignature(ModelVersion v, String signature, String version) {
    return new ModelVersion(
        v.id(),
        v.modelId(),
        v.modelName(),
        version,
        v.artifactUri(),
        v.framework(),
        v.modelType(),
        v.riskTier(),
        v.owner(),
        v.ownerEmail(),
        v.description(),
        v.intendedUse(),
        v.limitations(),
        v.modelCardUri(),
        v.sourceCommit(),
        v.trainingDataRef(),
        v.runId(),
        v.metricsJson(),
        signature,
        v.fairnessJson(),
        v.deploymentTarget(),
        v.status(),
        v.statusReason(),
        v.stage(),
        v.registeredBy(),
        v.registeredAt(),
        v.updatedAt(),
        v.processInstanceId(),
        v.registrationHash());
  }
}
