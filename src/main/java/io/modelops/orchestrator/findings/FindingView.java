package io.modelops.orchestrator.findings;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A finding as the API, the version, the report and the forms show it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A finding raised in a review, with its remediation history")
public record FindingView(
    UUID id,
    String model,
    String version,
    String title,
    String description,
    Severity severity,
    @Schema(description = "Who must remediate it (a user id; by default the registrant)")
        String owner,
    @Schema(description = "From the DMN finding-due-date, by severity and effective risk tier")
        LocalDate dueDate,
    @Schema(description = "Past its due date and not resolved") boolean overdue,
    String raisedBy,
    OffsetDateTime raisedAt,
    @Schema(
            description =
                "The status that counts: a risk acceptance past its expiry shows as OPEN again")
        FindingStatus status,
    @Schema(description = "Until when model risk accepted the risk (inclusive)")
        LocalDate riskAcceptedUntil,
    @Schema(description = "True when a risk acceptance expired: the finding is open again")
        Boolean riskAcceptanceExpired,
    @Schema(description = "Whether it keeps the version out of production now")
        boolean blocksRelease,
    List<Transition> history) {

  /** One change of status: who, when, from what to what, and why. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Transition(
      FindingStatus from,
      FindingStatus to,
      String actor,
      OffsetDateTime at,
      String text,
      String evidenceUri,
      LocalDate riskAcceptedUntil) {}

  static FindingView of(Finding f, List<Transition> history, LocalDate today) {
    FindingStatus effective = f.effectiveStatus(today);
    boolean unresolved = f.unresolved(today);
    return new FindingView(
        f.id(),
        f.model(),
        f.version(),
        f.title(),
        f.description(),
        f.severity(),
        f.owner(),
        f.dueDate(),
        unresolved && today.isAfter(f.dueDate()),
        f.raisedBy(),
        f.raisedAt(),
        effective,
        f.riskAcceptedUntil(),
        f.acceptanceExpired(today) ? Boolean.TRUE : null,
        unresolved && f.severity().blocksRelease(),
        history);
  }

  /** One line for forms and control messages. */
  public String line() {
    return severity
        + " \""
        + title
        + "\" ("
        + status
        + ", owner "
        + owner
        + ", due "
        + dueDate
        + ", id "
        + id
        + ")";
  }
}
