package io.modelops.orchestrator.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidateVersionsTest {

  @Test
  void shouldCountUpTheLastNumber() {
    assertThat(CandidateVersions.next("1.4.0", Set.of("1.4.0"))).isEqualTo("1.4.1");
    assertThat(CandidateVersions.next("7", Set.of("7"))).isEqualTo("8");
    assertThat(CandidateVersions.next("2.0-rc1", Set.of())).isEqualTo("2.0-rc2");
    assertThat(CandidateVersions.next("2026.09", Set.of())).isEqualTo("2026.10");
    assertThat(CandidateVersions.next("v009", Set.of())).isEqualTo("v010");
  }

  @Test
  void shouldSkipLabelsThatAreTaken() {
    assertThat(CandidateVersions.next("1.4.0", List.of("1.4.0", "1.4.1", "1.4.2")))
        .isEqualTo("1.4.3");
  }

  @Test
  void shouldAppendANumberToALabelWithoutOne() {
    assertThat(CandidateVersions.next("stable", Set.of("stable", "stable.1")))
        .isEqualTo("stable.2");
  }

  @Test
  void shouldNotOverflowOnLongNumbers() {
    assertThat(CandidateVersions.next("99999999999999999999", Set.of()))
        .isEqualTo("100000000000000000000");
  }
}
