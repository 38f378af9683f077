package io.modelops.orchestrator.findings;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the rest of the orchestrator reads about findings: the review listener (approval with
 * conditions), the release guards (open HIGH and CRITICAL findings), the version's JSON and the
 * model report. Read-only; changes go through the findings API.
 */
@Component
public class FindingsRegister {

  private final FindingRepository findings;
  private final Clock clock;

  FindingsRegister(FindingRepository findings, Clock clock) {
    this.findings = findings;
    this.clock = clock;
  }

  /** Every finding of the version, oldest first. */
  public List<FindingView> ofVersion(UUID versionId) {
    LocalDate today = today();
    return findings.findByVersion(versionId).stream()
        .map(f -> FindingView.of(f, findings.history(f.id()), today))
        .toList();
  }

  /** How many unresolved findings {@code user} raised on the version. */
  public long unresolvedRaisedBy(UUID versionId, String user) {
    LocalDate today = today();
    return findings.findByVersion(versionId).stream()
        .filter(f -> f.raisedBy().equals(user))
        .filter(f -> f.unresolved(today))
        .count();
  }

  /**
   * The findings that keep the version out of production: HIGH or CRITICAL, neither closed nor
   * under a risk acceptance that still holds.
   */
  public List<FindingView> blockingRelease(UUID versionId) {
    return ofVersion(versionId).stream().filter(FindingView::blocksRelease).toList();
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }
}
