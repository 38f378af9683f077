package io.modelops.orchestrator.findings;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** The request bodies of the findings API. */
final class FindingRequests {

  /** Letters, digits and {@code . _ @ -}, as Camunda user ids. */
  static final String USER_ID = "^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$";

  static final String EVIDENCE_URI = "^(https?|s3|gs|abfss?)://[^\\s]{1,2040}$";

  /** A finding a reviewer raises. */
  @Schema(description = "A finding raised while reviewing a version")
  record Raise(
      @Schema(example = "Calibration not shown for applicants under 25") @NotBlank @Size(max = 200)
          String title,
      @Schema(example = "The validation memo has no calibration plot for the youngest segment.")
          @NotBlank
          @Size(max = 4000)
          String description,
      @Schema(example = "HIGH") @NotNull Severity severity,
      @Schema(
              description =
                  "Who must remediate it (a user id); the registrant of the version when omitted",
              example = "dana")
          @Pattern(regexp = USER_ID, message = "must be a user id")
          String owner) {}

  /** The owner's remediation. */
  @Schema(description = "What the owner did about the finding")
  record Remediation(
      @Schema(example = "Calibration plot per age band added to the validation memo, section 4.2")
          @NotBlank
          @Size(max = 4000)
          String remediation,
      @Schema(example = "https://wiki.example.com/models/credit-risk/memo#4.2")
          @Pattern(regexp = EVIDENCE_URI, message = "must be an https, http, s3, gs or abfs(s) URI")
          String evidenceUri) {}

  /** A validator's verdict on a remediation. */
  @Schema(description = "Why a remediation is accepted (closing) or rejected (reopening)")
  record Verdict(
      @Schema(example = "Plot shows good calibration in every band") @Size(max = 4000)
          String comment) {}

  /** Model risk accepts the risk of a finding until a date. */
  @Schema(description = "Acceptance of the risk of a finding by model risk, until a date")
  record RiskAcceptance(
      @Schema(example = "Compensating control: manual review of all declines under 25")
          @NotBlank
          @Size(max = 4000)
          String reason,
      @Schema(
              description =
                  "Last day the acceptance holds; after it the finding is open again. At most"
                      + " modelops.findings.max-risk-acceptance-days from today",
              example = "2027-03-31")
          @NotNull
          LocalDate expiresOn) {}

  private FindingRequests() {}
}
