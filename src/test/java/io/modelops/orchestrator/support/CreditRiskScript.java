package io.modelops.orchestrator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code examples/credit-risk/credit_risk.py} as the reference workers run it: a child process
 * in the repository root, with {@code MODELOPS_*} environment variables.
 *
 * <p>The interpreter is Debian's {@code /usr/bin/python3} (packages {@code python3-sklearn} and
 * {@code python3-pandas}), never the first {@code python3} on the path; the system property {@code
 * modelops.test.python} points it elsewhere. Without scikit-learn and pandas the calling test is
 * reported as skipped with an install hint, unless {@code modelops.test.python-required} is {@code
 * true} (as in {@code .ci/run}): then it fails.
 */
public final class CreditRiskScript {

  public static final Path SCRIPT = Path.of("examples/credit-risk/credit_risk.py");
  public static final String PYTHON =
      System.getProperty("modelops.test.python", "/usr/bin/python3");
  public static final String INSTALL_HINT =
      "The credit-risk example needs Python 3 with scikit-learn and pandas at "
          + PYTHON
          + " (system property modelops.test.python). On Debian or Ubuntu: apt-get install -y"
          + " python3 python3-sklearn python3-pandas";

  private static Boolean available;

  /** What a run printed and how it ended. */
  public record Run(int exitCode, List<String> stdout, String stderr) {

    /** The last line of standard output: the result of {@code train} and {@code evaluate}. */
    public String result() {
      assertThat(exitCode).as(stderr).isZero();
      assertThat(stdout).as(stderr).isNotEmpty();
      return stdout.get(stdout.size() - 1);
    }

    /** The last line of standard error: the reason of a business failure (exit code 2). */
    public String reason() {
      return stderr.strip().lines().reduce((a, b) -> b).orElse("");
    }
  }

  private CreditRiskScript() {}

  /** Skips the calling test (or fails it, when required) if the interpreter cannot run it. */
  public static void assumeAvailable() {
    if (Boolean.getBoolean("modelops.test.python-required")) {
      assertThat(available()).as(INSTALL_HINT).isTrue();
    }
    assumeTrue(available(), INSTALL_HINT);
  }

  private static synchronized boolean available() {
    if (available == null) {
      try {
        Process probe =
            new ProcessBuilder(PYTHON, "-c", "import sklearn, pandas, numpy")
                .redirectErrorStream(true)
                .start();
        probe.getInputStream().readAllBytes();
        available = probe.waitFor(1, TimeUnit.MINUTES) && probe.exitValue() == 0;
      } catch (IOException e) {
        available = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        available = false;
      }
    }
    return available;
  }

  /**
   * {@code python3 credit_risk.py <arguments>} with the given environment; standard error goes to
   * {@code stderr.txt} in {@code dir}.
   */
  public static Run run(Path dir, Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    assumeAvailable();
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString()));
    command.addAll(List.of(arguments));
    Path stderr = Files.createTempFile(dir, "stderr-", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("MODELOPS_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), stdout.lines().toList(), Files.readString(stderr));
  }
}
