package io.modelops.orchestrator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class AuditHashingTest {

  private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-23T10:15:30.123+01:00");

  private static String hash(String actor, String details) {
    return AuditHashing.hash(
        AuditHashing.GENESIS,
        1,
        AT,
        actor,
        "MODEL_VERSION_REGISTERED",
        "fraud",
        "1.0.0",
        "pi-1",
        details);
  }

  @Test
  void shouldBeAStableSha256OfTheCanonicalForm() {
    assertThat(hash("ci-bot", "{}")).hasSize(64).isEqualTo(hash("ci-bot", "{}"));
    // the same instant in another offset is the same event
    assertThat(
            AuditHashing.hash(
                AuditHashing.GENESIS,
                1,
                AT.withOffsetSameInstant(java.time.ZoneOffset.UTC),
                "ci-bot",
                "MODEL_VERSION_REGISTERED",
                "fraud",
                "1.0.0",
                "pi-1",
                "{}"))
        .isEqualTo(hash("ci-bot", "{}"));
  }

  @Test
  void shouldChangeWithEveryFieldAndThePreviousHash() {
    String original = hash("ci-bot", "{}");
    assertThat(hash("mallory", "{}")).isNotEqualTo(original);
    assertThat(hash("ci-bot", "{\"x\":1}")).isNotEqualTo(original);
    assertThat(
            AuditHashing.hash(
                "1".repeat(64),
                1,
                AT,
                "ci-bot",
                "MODEL_VERSION_REGISTERED",
                "fraud",
                "1.0.0",
                "pi-1",
                "{}"))
        .isNotEqualTo(original);
    assertThat(
            AuditHashing.hash(
                AuditHashing.GENESIS,
                2,
                AT,
                "ci-bot",
                "MODEL_VERSION_REGISTERED",
                "fraud",
                "1.0.0",
                "pi-1",
                "{}"))
        .isNotEqualTo(original);
  }

  @Test
  void shouldNotLetValuesFakeFieldBoundaries() {
    String a = AuditHashing.hash(AuditHashing.GENESIS, 1, AT, "a\nb", "X", null, null, null, "{}");
    String b = AuditHashing.hash(AuditHashing.GENESIS, 1, AT, "a", "b\nX", null, null, null, "{}");
    assertThat(a).isNotEqualTo(b);
    assertThat(AuditHashing.hash(AuditHashing.GENESIS, 1, AT, "a", "X", null, null, null, "{}"))
        .isNotEqualTo(
            AuditHashing.hash(AuditHashing.GENESIS, 1, AT, "a", "X", "", null, null, "{}"));
  }
}
