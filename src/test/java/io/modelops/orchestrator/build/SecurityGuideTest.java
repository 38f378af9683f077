package io.modelops.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.security.EngineRestAllowList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The security guide's engine REST allow-list is the one the application enforces, row by row. */
class SecurityGuideTest {

  static final Path SECURITY_GUIDE = Path.of("docs", "security.md");

  /** The guide's row of a rule: method, path, groups (administrators always may), purpose. */
  static String row(EngineRestAllowList.Rule rule) {
    return "| `"
        + rule.method().name()
        + "` | `"
        + rule.pattern()
        + "` | "
        + String.join(", ", rule.groups())
        + " | "
        + rule.purpose()
        + " |";
  }

  @Test
  void shouldListEveryAllowedEngineEndpointAndNoOther() throws IOException {
    List<String> guide = Files.readAllLines(SECURITY_GUIDE);
    List<String> documented =
        guide.stream()
            .filter(line -> line.startsWith("| `") && line.contains("`/engine-rest/"))
            .toList();
    List<String> enforced =
        EngineRestAllowList.rules().stream().map(SecurityGuideTest::row).toList();

    assertThat(documented).containsExactlyElementsOf(enforced);
  }
}
