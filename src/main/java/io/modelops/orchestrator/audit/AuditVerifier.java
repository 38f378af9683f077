package io.modelops.orchestrator.audit;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Recomputes the hash chain and reports the first broken link. */
@Service
class AuditVerifier {

  private static final int CHUNK = 1_000;

  /**
   * The result of a verification.
   *
   * @param firstBrokenSeq the first event whose link or hash does not match, or null
   */
  public record Verification(boolean valid, long checked, Long firstBrokenSeq, String problem) {}

  private final AuditLog log;

  public AuditVerifier(AuditLog log) {
    this.log = log;
  }

  @Transactional(readOnly = true)
  public Verification verify() {
    // The chain as it stood when verification began: events appended meanwhile (the log keeps
    // growing while lifecycles run) are left for the next verification.
    String[] head = log.head();
    long last = Long.parseLong(head[0]);
    String previous = AuditHashing.GENESIS;
    long expectedSeq = 1;
    long checked = 0;
    long after = 0;
    while (after < last) {
      List<AuditEvent> chunk = log.chunk(after, CHUNK);
      if (chunk.isEmpty()) {
        break;
      }
      for (AuditEvent event : chunk) {
        if (event.seq() > last) {
          break;
        }
        if (event.seq() != expectedSeq) {
          return broken(checked, expectedSeq, "event " + expectedSeq + " is missing");
        }
        if (!event.previousHash().equals(previous)) {
          return broken(checked, event.seq(), "does not link to the event before it");
        }
        if (!AuditHashing.hash(event).equals(event.hash())) {
          return broken(checked, event.seq(), "content does not match its hash (altered)");
        }
        previous = event.hash();
        expectedSeq++;
        checked++;
        after = event.seq();
      }
      if (chunk.get(chunk.size() - 1).seq() > last) {
        break;
      }
    }
    if (checked != last || !head[1].equals(previous)) {
      return broken(checked, checked + 1, "events after " + checked + " were removed");
    }
    return new Verification(true, checked, null, null);
  }

  private static Verification broken(long checked, long seq, String problem) {
    return new Verification(false, checked, seq, "Event " + seq + ": " + problem);
  }
}
