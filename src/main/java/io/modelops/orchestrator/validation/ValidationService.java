package io.modelops.orchestrator.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.validation.ValidationProperties.DocumentationField;
import io.modelops.orchestrator.validation.ValidationProperties.MetricThreshold;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Runs the validation checks of a model version: documentation completeness for its risk tier,
 * declared evaluation metrics, and absolute metric thresholds.
 */
@Service
public class ValidationService {

  private static final TypeReference<LinkedHashMap<String, Double>> METRICS = new TypeReference<>() {};

  private final ValidationProperties properties;
  private final ObjectMapper objectMapper;
  private final Clock clock;

  public ValidationService(ValidationProperties properties, ObjectMapper objectMapper, Clock clock) {
    this.properties = properties;
    this.objectMapper = objectMapper;
    this.clock = clock;
  }

  public ValidationReport validate(ModelVersion version) {
    List<ValidationCheck> checks = new ArrayList<>();
    checks.add(documentation(version));
    Map<String, Double> metrics = metrics(version);
    checks.add(declaredMetrics(version, metrics));
    for (MetricThreshold threshold : properties.metricThresholds()) {
      if (threshold.appliesTo(version.modelType())) {
        ValidationCheck check = metricGate(threshold, metrics);
        if (check != null) {
          checks.add(check);
        }
      }
    }
    return new ValidationReport(UUID.randomUUID(), version.id(), OffsetDateTime.now(clock), checks);
  }

  private ValidationCheck documentation(ModelVersion version) {
    Set<DocumentationField> required =
        properties.requiredDocumentation().getOrDefault(version.riskTier(), Set.of());
    Set<DocumentationField> missing = EnumSet.noneOf(DocumentationField.class);
    for (DocumentationField field : required) {
      if (isBlank(value(version, field))) {
        missing.add(field);
      }
    }
    String requiredText = required.isEmpty() ? "nothing" : names(required);
    if (missing.isEmpty()) {
      return ValidationCheck.pass(
          "documentation",
          "complete",
          requiredText,
          "Documentation complete for " + version.riskTier() + " risk");
    }
    return ValidationCheck.fail(
        "documentation",
        "missing " + names(missing),
        requiredText,
        version.riskTier() + " risk models must document " + names(missing));
  }

  private ValidationCheck declaredMetrics(ModelVersion version, Map<String, Double> metrics) {
    boolean required = properties.metricsRequiredFor().contains(version.modelType());
    String observed = metrics.isEmpty() ? "none" : String.join(", ", metrics.keySet());
    if (!metrics.isEmpty()) {
      return ValidationCheck.pass(
          "declared-metrics", observed, null, metrics.size() + " evaluation metric(s) declared");
    }
    if (required) {
      return ValidationCheck.fail(
          "declared-metrics",
          observed,
          "at least one",
          version.modelType() + " models must declare their evaluation metrics");
    }
    return ValidationCheck.warn(
        "declared-metrics", observed, null, "No evaluation metrics declared");
  }

  private static ValidationCheck metricGate(MetricThreshold threshold, Map<String, Double> metrics) {
    String name = "metric:" + threshold.metric();
    Double value = metrics.get(threshold.metric());
    if (value == null) {
      return threshold.required()
          ? ValidationCheck.fail(
              name, "not declared", threshold.describe(), threshold.metric() + " is required")
          : null;
    }
    if (threshold.isMet(value)) {
      return ValidationCheck.pass(
          name, String.valueOf(value), threshold.describe(), threshold.metric() + " within threshold");
    }
    return ValidationCheck.fail(
        name, String.valueOf(value), threshold.describe(), threshold.metric() + " outside threshold");
  }

  private Map<String, Double> metrics(ModelVersion version) {
    if (version.metricsJson() == null) {
      return Map.of();
    }
    try {
      return objectMapper.readValue(version.metricsJson(), METRICS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored metrics of " + version.id() + " are not JSON", e);
    }
  }

  private static String value(ModelVersion v, DocumentationField field) {
    return switch (field) {
      case OWNER -> v.owner();
      case OWNER_EMAIL -> v.ownerEmail();
      case DESCRIPTION -> v.description();
      case INTENDED_USE -> v.intendedUse();
      case LIMITATIONS -> v.limitations();
      case TRAINING_DATA_REF -> v.trainingDataRef();
      case SOURCE_COMMIT -> v.sourceCommit();
      case MODEL_CARD -> v.modelCardUri();
    };
  }

  private static String names(Set<DocumentationField> fields) {
    return String.join(
        ", ",
        fields.stream().sorted().map(f -> f.name().toLowerCase().replace('_', ' ')).toList());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
