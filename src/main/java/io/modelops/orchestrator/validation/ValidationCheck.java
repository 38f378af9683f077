package io.modelops.orchestrator.validation;

/**
 * One check of a validation run.
 *
 * @param name stable identifier of the check, e.g. {@code metric:auc}
 * @param observed what was found, e.g. {@code 0.71}
 * @param threshold what was required, e.g. {@code >= 0.75}
 */
public record ValidationCheck(
    String name, CheckStatus status, String observed, String threshold, String message) {

  public static ValidationCheck pass(String name, String observed, String threshold, String msg) {
    return new ValidationCheck(name, CheckStatus.PASS, observed, threshold, msg);
  }

  public static ValidationCheck warn(String name, String observed, String threshold, String msg) {
    return new ValidationCheck(name, CheckStatus.WARN, observed, threshold, msg);
  }

  public static ValidationCheck fail(String name, String observed, String threshold, String msg) {
    return new ValidationCheck(name, CheckStatus.FAIL, observed, threshold, msg);
  }

  /** One line for mails and the review form: {@code FAIL metric:auc — 0.71 (required >= 0.75)}. */
  public String toLine() {
    StringBuilder line = new StringBuilder().append(status).append("  ").append(name);
    line.append(" — ").append(message);
    if (observed != null || threshold != null) {
      line.append(" [");
      if (observed != null) {
        line.append("observed ").append(observed);
      }
      if (threshold != null) {
        line.append(observed != null ? ", " : "").append("required ").append(threshold);
      }
      line.append(']');
    }
    return line.toString();
  }
}
