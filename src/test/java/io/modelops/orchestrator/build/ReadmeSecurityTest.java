package io.modelops.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.security.EngineRestAllowList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's engine REST allow-list is the one the application enforces, row by row. */
class ReadmeSecurityTest {

  /** The README row of a rule: method, path, groups (administrators always may), purpose. */
  static String row(EngineRestAllowList.Rule rule) {
    return "| `" + rule.method().name() + "` | `" + rule.pattern() + "` | "
        + String.join(", ", rule.groups()) + " | " + rule.purpose() + " |";
  }

  @Test
  void shouldListEveryAllowedEngineEndpointAndNoOther() throws IOException {
    List<String> readme = Files.readAllLines(Path.of("README.md"));
    List<String> documented =
        readme.stream().filter(line -> line.startsWith("| `") && line.contains("`/engine-rest/")).toList();
    List<String> enforced = EngineRestAllowList.rules().stream().map(ReadmeSecurityTest::row).toList();

    assertThat(documented).containsExactlyElementsOf(enforced);
  }
}
