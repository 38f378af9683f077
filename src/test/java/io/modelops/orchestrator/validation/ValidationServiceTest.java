package io.modelops.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.support.TestVersions;
import io.modelops.orchestrator.validation.ValidationProperties.DocumentationField;
import io.modelops.orchestrator.validation.ValidationProperties.MetricThreshold;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationServiceTest {

  private final ValidationService service =
      new ValidationService(
          new ValidationProperties(
              List.of(
                  new MetricThreshold("auc", 0.75, null, false, Set.of(ModelType.ML)),
                  new MetricThreshold("latency_p95_ms", null, 200.0, true, Set.of())),
              Map.of(
                  RiskTier.LOW, EnumSet.of(DocumentationField.OWNER),
                  RiskTier.HIGH,
                      EnumSet.of(
                          DocumentationField.OWNER,
                          DocumentationField.INTENDED_USE,
                          DocumentationField.LIMITATIONS,
                          DocumentationField.MODEL_CARD)),
              Set.of(ModelType.ML)),
          new ObjectMapper(),
          Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC));

  @Test
  void shouldPassWhenDocumentedAndMetricsWithinThresholds() {
    ValidationReport report =
        service.validate(TestVersions.complete("{\"auc\":0.91,\"latency_p95_ms\":120}"));

    assertThat(report.passed()).isTrue();
    assertThat(report.checks())
        .extracting(ValidationCheck::name, ValidationCheck::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("documentation", CheckStatus.PASS),
            org.assertj.core.groups.Tuple.tuple("declared-metrics", CheckStatus.PASS),
            org.assertj.core.groups.Tuple.tuple("metric:auc", CheckStatus.PASS),
            org.assertj.core.groups.Tuple.tuple("metric:latency_p95_ms", CheckStatus.PASS));
  }

  @Test
  void shouldFailAMetricBelowItsThresholdWithObservedAndRequiredValues() {
    ValidationReport report =
        service.validate(TestVersions.complete("{\"auc\":0.71,\"latency_p95_ms\":120}"));

    assertThat(report.passed()).isFalse();
    ValidationCheck auc = report.failures().get(0);
    assertThat(auc.name()).isEqualTo("metric:auc");
    assertThat(auc.observed()).isEqualTo("0.71");
    assertThat(auc.threshold()).isEqualTo(">= 0.75");
    assertThat(auc.toLine()).contains("FAIL", "metric:auc", "observed 0.71", "required >= 0.75");
  }

  @Test
  void shouldTreatTheThresholdAsInclusive() {
    assertThat(service.validate(TestVersions.complete("{\"auc\":0.75,\"latency_p95_ms\":200}")).passed())
        .isTrue();
  }

  @Test
  void shouldFailWhenARequiredMetricIsMissing() {
    ValidationReport report = service.validate(TestVersions.complete("{\"auc\":0.9}"));

    assertThat(report.failures())
        .extracting(ValidationCheck::name, ValidationCheck::observed)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("metric:latency_p95_ms", "not declared"));
  }

  @Test
  void shouldFailMlModelsWithoutDeclaredMetrics() {
    ValidationReport report = service.validate(TestVersions.complete(null));

    assertThat(report.failures())
        .extracting(ValidationCheck::name)
        .contains("declared-metrics", "metric:latency_p95_ms");
  }

  @Test
  void shouldOnlyWarnAboutMissingMetricsForRuleModels() {
    ValidationReport report =
        service.validate(
            TestVersions.version(RiskTier.LOW, ModelType.RULES, "{\"latency_p95_ms\":5}", null, null, null));

    assertThat(report.passed()).isTrue();
    assertThat(report.checks())
        .filteredOn(c -> c.name().equals("declared-metrics"))
        .extracting(ValidationCheck::status)
        .containsExactly(CheckStatus.PASS);
    assertThat(report.checks()).noneMatch(c -> c.name().equals("metric:auc"));
  }

  @Test
  void shouldNameEveryMissingDocumentationFieldForHighRisk() {
    ValidationReport report =
        service.validate(
            TestVersions.version(
                RiskTier.HIGH, ModelType.ML, "{\"auc\":0.9,\"latency_p95_ms\":1}", null, " ", null));

    ValidationCheck documentation = report.failures().get(0);
    assertThat(documentation.name()).isEqualTo("documentation");
    assertThat(documentation.observed()).isEqualTo("missing intended use, limitations, model card");
  }

  @Test
  void shouldRequireLessDocumentationForLowRisk() {
    ValidationReport report =
        service.validate(
            TestVersions.version(
                RiskTier.LOW, ModelType.ML, "{\"auc\":0.9,\"latency_p95_ms\":1}", null, null, null));

    assertThat(report.passed()).isTrue();
  }
}
