package io.modelops.orchestrator.validation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The result of validating a model version: passed when no check failed.
 *
 * @param championVersion the production version it was compared with, or null when there is none
 */
public record ValidationReport(
    UUID id,
    UUID modelVersionId,
    OffsetDateTime createdAt,
    String championVersion,
    List<ValidationCheck> checks) {

  /** Name of the check that says whether (and how) the version was evaluated independently. */
  public static final String INDEPENDENT_EVALUATION = "independent-evaluation";

  public ValidationReport {
    checks = List.copyOf(checks);
  }

  public boolean passed() {
    return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL);
  }

  public List<ValidationCheck> failures() {
    return checks.stream().filter(c -> c.status() == CheckStatus.FAIL).toList();
  }

  public int warnings() {
    return (int) checks.stream().filter(c -> c.status() == CheckStatus.WARN).count();
  }

  /**
   * The warnings the approval policy counts ({@code validationWarnings}): all but the one of the
   * independent evaluation, which the policy reads as {@link #independentlyEvaluated()} instead.
   */
  public int policyWarnings() {
    return (int)
        checks.stream()
            .filter(c -> c.status() == CheckStatus.WARN)
            .filter(c -> !INDEPENDENT_EVALUATION.equals(c.name()))
            .count();
  }

  /** Whether an evaluator computed the version's metrics on the model's evaluation dataset. */
  public boolean independentlyEvaluated() {
    return checks.stream()
        .anyMatch(c -> INDEPENDENT_EVALUATION.equals(c.name()) && c.status() == CheckStatus.PASS);
  }

  /** All checks, one per line. */
  public String summary() {
    return checks.stream().map(ValidationCheck::toLine).collect(Collectors.joining("\n"));
  }
}
