package io.modelops.orchestrator.revalidation;

import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelVersion;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Service;

/** Reads a version's revalidation and attestations for the version JSON and the report. */
@Service
public class RevalidationViews {

  private final RevalidationRepository repository;
  private final Clock clock;

  public RevalidationViews(RevalidationRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /**
   * The version's revalidation, or null when it never reached production. Overdue only while the
   * version is in production.
   */
  public RevalidationView of(ModelVersion version) {
    RevalidationSchedule s = repository.find(version.id()).orElse(null);
    if (s == null) {
      return null;
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    boolean inProduction = version.status() == LifecycleStatus.IN_PRODUCTION;
    RevalidationView.AttestationStatus attestation =
        s.attestationInterval() == null
            ? null
            : new RevalidationView.AttestationStatus(
                s.attestationInterval(),
                s.attestationDueAt(),
                s.lastAttestedAt(),
                s.lastAttestationOk(),
                inProduction && s.attestationOverdue(now),
                repository.attestations(version.id()).stream()
                    .map(
                        a ->
                            new RevalidationView.AttestationRecord(
                                a.stillUsedAsIntended(),
                                a.attestedBy(),
                                a.attestedAt(),
                                a.comment(),
                                a.nextDueAt()))
                    .toList());
    return new RevalidationView(
        s.revalidationInterval(),
        s.revalidationDueAt(),
        s.lastRevalidatedAt(),
        s.lastOutcome(),
        inProduction && s.revalidationOverdue(now),
        s.revalidationOpenedAt(),
        s.evaluationRequestedAt(),
        attestation,
        repository.reviews(version.id()).stream()
            .map(
                r ->
                    new RevalidationView.RevalidationDecision(
                        r.outcome(), r.decidedBy(), r.decidedAt(), r.comment(), r.nextDueAt()))
            .toList());
  }
}
