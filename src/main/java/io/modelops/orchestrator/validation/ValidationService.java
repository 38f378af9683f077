package io.modelops.orchestrator.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.RegistrationRequest.Field;
import io.modelops.orchestrator.catalog.RegistrationRequest.Signature;
import io.modelops.orchestrator.evaluation.Evaluation;
import io.modelops.orchestrator.evaluation.EvaluationProperties;
import io.modelops.orchestrator.validation.ValidationProperties.DocumentationField;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Runs the validation suite of a model version:
 *
 * <ul>
 *   <li>documentation completeness for its risk tier;
 *   <li>declared evaluation metrics;
 *   <li>the independent evaluation: whether an evaluator scored the version (and the champion) on
 *       the model's evaluation dataset, and whether the declared metrics match the computed ones
 *       within the tolerance ({@code modelops.evaluation.tolerance});
 *   <li>metric gates from {@link MetricGatePolicy}: absolute bounds and, against the champion in
 *       production, minimum improvement and maximum degradation, on the computed metrics where
 *       there are some and the declared ones otherwise (each check says which);
 *   <li>signature compatibility with the champion;
 *   <li>fairness: disparate-impact ratio per protected attribute (four-fifths rule);
 *   <li>the artifact itself where the orchestrator deploys it (decision models: FEEL only).
 * </ul>
 */
@Service
class ValidationService {

  private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Map<String, Double>>> FAIRNESS =
      new TypeReference<>() {};

  private static final String COMPUTED = "computed";
  private static final String COMPUTED_BOTH = "computed, champion on the same dataset";
  private static final String DECLARED = "declared, not independently evaluated";

  private final ValidationProperties properties;
  private final EvaluationProperties evaluationProperties;
  private final MetricGatePolicy gates;
  private final ObjectMapper objectMapper;
  private final ArtifactCheck artifactCheck;
  private final Clock clock;

  public ValidationService(
      ValidationProperties properties,
      EvaluationProperties evaluationProperties,
      MetricGatePolicy gates,
      ObjectMapper objectMapper,
      ArtifactCheck artifactCheck,
      Clock clock) {
    this.properties = properties;
    this.evaluationProperties = evaluationProperties;
    this.gates = gates;
    this.objectMapper = objectMapper;
    this.artifactCheck = artifactCheck;
    this.clock = clock;
  }

  /** Validates a version without an independent evaluation (the evaluation's checks left out). */
  ValidationReport validate(ModelVersion version, ModelVersion champion) {
    return run(version, champion, null, false, false);
  }

  /**
   * Validates a version.
   *
   * @param champion the model's version in production, or null
   * @param evaluation the version's latest independent evaluation, or null
   * @param datasetRegistered whether the model has an evaluation dataset
   */
  public ValidationReport validate(
      ModelVersion version,
      ModelVersion champion,
      Evaluation evaluation,
      boolean datasetRegistered) {
    return run(version, champion, evaluation, datasetRegistered, true);
  }

  private ValidationReport run(
      ModelVersion version,
      ModelVersion champion,
      Evaluation evaluation,
      boolean datasetRegistered,
      boolean independent) {
    List<ValidationCheck> checks = new ArrayList<>();
    checks.add(documentation(version));
    Map<String, Double> declared = read(version.metricsJson(), METRICS, Map.of());
    Map<String, Double> championDeclared =
        champion == null ? Map.of() : read(champion.metricsJson(), METRICS, Map.of());
    checks.add(declaredMetrics(version, declared));
    Evaluation computed = evaluation != null && evaluation.completed() ? evaluation : null;
    Map<String, Double> candidateComputed =
        computed == null || computed.candidate().metrics() == null
            ? Map.of()
            : computed.candidate().metrics();
    Map<String, Double> championComputed =
        computed == null
                || champion == null
                || computed.champion() == null
                || !champion.id().equals(computed.champion().versionId())
                || computed.champion().metrics() == null
            ? Map.of()
            : computed.champion().metrics();
    if (independent) {
      checks.add(independentEvaluation(version, evaluation, datasetRegistered));
      if (computed != null) {
        checks.add(declaredMatch(declared, candidateComputed, evaluationProperties::toleranceFor));
      }
    }
    for (MetricGate gate :
        gates.gatesFor(version.modelType(), version.riskTier(), !candidateComputed.isEmpty())) {
      boolean isComputed = candidateComputed.containsKey(gate.metric());
      Double value =
          isComputed ? candidateComputed.get(gate.metric()) : declared.get(gate.metric());
      if (value == null) {
        if (gate.required()) {
          checks.add(
              ValidationCheck.fail(
                  "metric:" + gate.metric(),
                  "not declared",
                  gate.hasAbsoluteBound() ? gate.describeAbsolute() : "declared",
                  gate.metric() + " is required for this model"));
        }
        continue;
      }
      String source = !independent ? null : isComputed ? COMPUTED : DECLARED;
      if (gate.hasAbsoluteBound()) {
        checks.add(sourced(absolute(gate, value), source));
      }
      if (champion != null && gate.hasRelativeBound()) {
        boolean championIsComputed = championComputed.containsKey(gate.metric());
        Double championValue =
            championIsComputed
                ? championComputed.get(gate.metric())
                : championDeclared.get(gate.metric());
        checks.add(
            sourced(
                relative(gate, value, championValue, champion.version()),
                source == null
                    ? null
                    : isComputed && championIsComputed ? COMPUTED_BOTH : DECLARED));
      }
    }
    if (champion != null) {
      checks.add(signature(version, champion));
    }
    checks.addAll(fairness(version));
    artifactCheck.check(version).ifPresent(checks::add);
    return new ValidationReport(
        UUID.randomUUID(),
        version.id(),
        OffsetDateTime.now(clock),
        champion == null ? null : champion.version(),
        checks);
  }

  /** Where a gate's value came from, in its observed value: the evidence says which it was. */
  private static ValidationCheck sourced(ValidationCheck check, String source) {
    if (source == null) {
      return check;
    }
    return new ValidationCheck(
        check.name(),
        check.status(),
        check.observed() == null ? "(" + source + ")" : check.observed() + " (" + source + ")",
        check.threshold(),
        check.message());
  }

  /** Whether an evaluator scored the version on the model's dataset, and how that ended. */
  static ValidationCheck independentEvaluation(
      ModelVersion version, Evaluation evaluation, boolean datasetRegistered) {
    String name = ValidationReport.INDEPENDENT_EVALUATION;
    if (evaluation == null) {
      return datasetRegistered
          ? ValidationCheck.warn(
              name,
              "not evaluated",
              "computed metrics",
              "The evaluation dataset of "
                  + version.modelName()
                  + " was registered after this version's evaluation step; metrics are declared,"
                  + " not independently evaluated")
          : ValidationCheck.warn(
              name,
              "not evaluated",
              "computed metrics",
              "no evaluation dataset registered for " + version.modelName());
    }
    return switch (evaluation.status()) {
      case COMPLETED ->
          ValidationCheck.pass(name, describe(evaluation), null, computedText(evaluation));
      case FAILED ->
          ValidationCheck.fail(
              name,
              "failed",
              "computed metrics",
              "Evaluation failed: " + evaluation.failureReason());
      case OPEN ->
          ValidationCheck.fail(
              name, "not finished", "computed metrics", "The evaluation has no results yet");
    };
  }

  private static String describe(Evaluation evaluation) {
    return "by "
        + evaluation.evaluatedBy()
        + " on "
        + evaluation.datasetUri()
        + " (SHA-256 "
        + evaluation.datasetSha256()
        + (evaluation.candidate().rows() == null
            ? ")"
            : ", " + evaluation.candidate().rows() + " rows)");
  }

  private static String computedText(Evaluation evaluation) {
    String text = "Computed: candidate " + metricsText(evaluation.candidate().metrics());
    if (evaluation.champion() != null) {
      text +=
          "; champion "
              + evaluation.champion().version()
              + " on the same dataset "
              + metricsText(evaluation.champion().metrics());
    }
    return text;
  }

  private static String metricsText(Map<String, Double> metrics) {
    return metrics == null
        ? "none"
        : metrics.entrySet().stream()
            .map(e -> e.getKey() + " " + format(e.getValue()))
            .collect(Collectors.joining(", "));
  }

  /**
   * Declared against computed metrics: a FAIL naming each metric whose declared value differs from
   * the computed one by more than its tolerance.
   */
  static ValidationCheck declaredMatch(
      Map<String, Double> declared,
      Map<String, Double> computed,
      ToDoubleFunction<String> tolerance) {
    String name = "declared-metrics-match";
    List<String> compared = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    List<String> tolerances = new ArrayList<>();
    declared.forEach(
        (metric, value) -> {
          Double actual = computed.get(metric);
          if (value == null || actual == null) {
            return;
          }
          double allowed = tolerance.applyAsDouble(metric);
          String line = metric + " declared " + format(value) + ", computed " + format(actual);
          compared.add(line);
          tolerances.add(metric + " ± " + format(allowed));
          if (Math.abs(value - actual) > allowed + 1e-12) {
            mismatches.add(line);
          }
        });
    if (compared.isEmpty()) {
      return ValidationCheck.warn(
          name,
          "nothing to compare",
          null,
          "None of the declared metrics was computed by the evaluation");
    }
    String threshold = String.join(", ", tolerances);
    if (mismatches.isEmpty()) {
      return ValidationCheck.pass(
          name, String.join("; ", compared), threshold, "Declared metrics match the computed ones");
    }
    return ValidationCheck.fail(
        name,
        String.join("; ", mismatches),
        threshold,
        "Declared metrics differ from the computed ones: " + String.join("; ", mismatches));
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
    String observed = metrics.isEmpty() ? "none" : String.join(", ", metrics.keySet());
    if (!metrics.isEmpty()) {
      return ValidationCheck.pass(
          "declared-metrics", observed, null, metrics.size() + " evaluation metric(s) declared");
    }
    if (properties.metricsRequiredFor().contains(version.modelType())) {
      return ValidationCheck.fail(
          "declared-metrics",
          observed,
          "at least one",
          version.modelType() + " models must declare their evaluation metrics");
    }
    return ValidationCheck.warn(
        "declared-metrics", observed, null, "No evaluation metrics declared");
  }

  private static ValidationCheck absolute(MetricGate gate, double value) {
    String name = "metric:" + gate.metric();
    if (gate.meetsAbsolute(value)) {
      return ValidationCheck.pass(
          name, format(value), gate.describeAbsolute(), gate.metric() + " within threshold");
    }
    return ValidationCheck.fail(
        name, format(value), gate.describeAbsolute(), gate.metric() + " outside threshold");
  }

  /** MLflow semantics: improvement = candidate - champion (or the reverse when lower is better). */
  static ValidationCheck relative(
      MetricGate gate, double value, Double championValue, String championVersion) {
    String name = "champion:" + gate.metric();
    if (championValue == null) {
      return ValidationCheck.warn(
          name,
          format(value),
          null,
          "Champion " + championVersion + " declared no " + gate.metric() + "; not compared");
    }
    double improvement = gate.higherIsBetter() ? value - championValue : championValue - value;
    String observed =
        format(value)
            + " vs champion "
            + championVersion
            + " "
            + format(championValue)
            + " ("
            + (improvement >= 0 ? "better" : "worse")
            + " by "
            + format(Math.abs(improvement))
            + ")";
    List<String> required = new ArrayList<>();
    List<String> violated = new ArrayList<>();
    if (gate.minAbsoluteChange() != null) {
      String rule = "better by >= " + format(gate.minAbsoluteChange());
      required.add(rule);
      if (improvement < gate.minAbsoluteChange()) {
        violated.add(rule);
      }
    }
    if (gate.minRelativeChange() != null) {
      String rule = "better by >= " + format(gate.minRelativeChange() * 100) + " %";
      required.add(rule);
      double relative = championValue == 0 ? Double.NaN : improvement / Math.abs(championValue);
      if (!(relative >= gate.minRelativeChange())) {
        violated.add(rule);
      }
    }
    if (gate.maxDegradation() != null) {
      String rule = "worse by <= " + format(gate.maxDegradation());
      required.add(rule);
      if (-improvement > gate.maxDegradation()) {
        violated.add(rule);
      }
    }
    String threshold = String.join(", ", required);
    if (violated.isEmpty()) {
      return ValidationCheck.pass(
          name, observed, threshold, gate.metric() + " compared with champion");
    }
    return ValidationCheck.fail(
        name,
        observed,
        threshold,
        gate.metric() + " does not meet " + String.join(", ", violated) + " against the champion");
  }

  private ValidationCheck signature(ModelVersion version, ModelVersion champion) {
    Signature candidate = read(version.signatureJson(), new TypeReference<Signature>() {}, null);
    Signature current = read(champion.signatureJson(), new TypeReference<Signature>() {}, null);
    String against = "champion " + champion.version();
    if (candidate == null || current == null) {
      return ValidationCheck.warn(
          "signature",
          candidate == null ? "no signature" : "champion has no signature",
          "compatible with " + against,
          "Signatures cannot be compared");
    }
    List<String> breaking = new ArrayList<>();
    List<String> additions = new ArrayList<>();
    compare("input", fields(current.inputs()), fields(candidate.inputs()), breaking, additions);
    compare("output", fields(current.outputs()), fields(candidate.outputs()), breaking, null);
    if (!breaking.isEmpty()) {
      String observed = String.join("; ", breaking);
      String message = "Breaking change against " + against + ": callers would fail";
      return properties.breakingSignatureFailsFor().contains(version.riskTier())
          ? ValidationCheck.fail("signature", observed, "compatible with " + against, message)
          : ValidationCheck.warn("signature", observed, "compatible with " + against, message);
    }
    if (!additions.isEmpty()) {
      return ValidationCheck.warn(
          "signature",
          String.join("; ", additions),
          "compatible with " + against,
          "New inputs: callers must send them");
    }
    return ValidationCheck.pass(
        "signature", "unchanged", "compatible with " + against, "Signature compatible");
  }

  private static void compare(
      String kind,
      Map<String, String> before,
      Map<String, String> after,
      List<String> breaking,
      List<String> additions) {
    before.forEach(
        (name, type) -> {
          String now = after.get(name);
          if (now == null) {
            breaking.add(kind + " " + name + " removed");
          } else if (!now.equalsIgnoreCase(type)) {
            breaking.add(kind + " " + name + " changed from " + type + " to " + now);
          }
        });
    if (additions != null) {
      after.keySet().stream()
          .filter(name -> !before.containsKey(name))
          .forEach(name -> additions.add(kind + " " + name + " added"));
    }
  }

  private static Map<String, String> fields(List<Field> fields) {
    Map<String, String> byName = new LinkedHashMap<>();
    if (fields != null) {
      fields.forEach(f -> byName.put(f.name(), f.type()));
    }
    return byName;
  }

  private List<ValidationCheck> fairness(ModelVersion version) {
    Map<String, Map<String, Double>> attributes = read(version.fairnessJson(), FAIRNESS, Map.of());
    List<ValidationCheck> checks = new ArrayList<>();
    String threshold = ">= " + format(properties.disparateImpactThreshold());
    attributes.forEach(
        (attribute, rates) -> {
          String name = "fairness:" + attribute;
          Map.Entry<String, Double> lowest =
              rates.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
          Map.Entry<String, Double> highest =
              rates.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
          if (highest.getValue() == 0) {
            checks.add(
                ValidationCheck.warn(
                    name, "no positive outcomes", threshold, "Disparate impact undefined"));
            return;
          }
          double ratio = lowest.getValue() / highest.getValue();
          String observed =
              format(ratio)
                  + " ("
                  + lowest.getKey()
                  + " "
                  + format(lowest.getValue())
                  + " / "
                  + highest.getKey()
                  + " "
                  + format(highest.getValue())
                  + ")";
          checks.add(
              ratio >= properties.disparateImpactThreshold()
                  ? ValidationCheck.pass(
                      name,
                      observed,
                      threshold,
                      "Disparate-impact ratio meets the four-fifths rule")
                  : ValidationCheck.fail(
                      name,
                      observed,
                      threshold,
                      "Disparate impact: group "
                          + lowest.getKey()
                          + " is selected at less than "
                          + format(properties.disparateImpactThreshold() * 100)
                          + " % of the rate of group "
                          + highest.getKey()));
        });
    return checks;
  }

  private <T> T read(String json, TypeReference<T> type, T absent) {
    if (json == null) {
      return absent;
    }
    try {
      return objectMapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON of a model version is not readable", e);
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
    return fields.stream()
        .sorted()
        .map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .collect(Collectors.joining(", "));
  }

  /** Numbers as people write them: 0.75, not 0.7500000000000001. */
  static String format(double value) {
    return new java.math.BigDecimal(value)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
