package io.modelops.orchestrator.reliability;

import static org.awaitility.Awaitility.await;

import io.modelops.orchestrator.support.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The orchestrator in a JVM of its own, as in production: started with the test runtime classpath
 * and {@code ModelOpsApplication} on a free port, killed with SIGKILL or stopped with SIGTERM, and
 * started again on the same port. Its output goes to {@code target/reliability/<name>.log}, one
 * file over all its starts.
 */
public final class ApplicationNode implements AutoCloseable {

  public static final Path DIRECTORY = Path.of("target", "reliability").toAbsolutePath();
  private static final String MAIN_CLASS = "io.modelops.orchestrator.ModelOpsApplication";

  /** Exit status of a JVM killed by SIGKILL (128 + 9). */
  public static final int SIGKILL_EXIT_STATUS = 137;

  private final String name;
  private final int port;
  private final Map<String, String> properties;
  private final Path log;
  private final Path workingDirectory;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, ApiClient> clients = new java.util.concurrent.ConcurrentHashMap<>();
  private Process process;
  private int starts;

  /**
   * @param name names the log file and the engine's host name in the job log
   * @param properties Spring properties, passed as {@code --key=value} arguments
   */
  public ApplicationNode(String name, Map<String, String> properties) {
    this.name = name;
    this.port = freePort();
    this.properties = new LinkedHashMap<>(properties);
    this.workingDirectory = DIRECTORY.resolve(name);
    this.log = DIRECTORY.resolve(name + ".log");
    try {
      Files.createDirectories(workingDirectory);
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The settings every node needs: the database, the deployment service, the demo users (for the
   * test clients), a GitOps working copy of its own and the engine's host name.
   */
  public static Map<String, String> properties(
      String name, String jdbcUrl, String webhookUrl, String webhookSecret) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.profiles.active", "demo");
    properties.put("spring.datasource.url", jdbcUrl);
    properties.put("spring.datasource.username", "postgres");
    properties.put("spring.datasource.password", "postgres");
    properties.put("spring.main.banner-mode", "off");
    properties.put("logging.config", "classpath:reliability/logback-node.xml");
    properties.put("modelops.deployment.webhook.url", webhookUrl);
    properties.put("modelops.deployment.webhook.secret", webhookSecret);
    properties.put(
        "modelops.deployment.gitops.repository",
        DIRECTORY.resolve(name).resolve("gitops").toString());
    properties.put("camunda.bpm.generic-properties.properties.hostname", name);
    properties.put("camunda.bpm.job-execution.wait-time-in-millis", "200");
    properties.put("camunda.bpm.job-execution.max-wait", "1000");
    return properties;
  }

  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN_CLASS);
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    command.add("--server.port=" + port);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().remove("SPRING_PROFILES_ACTIVE");
    starts++;
    appendToLog("==== start " + starts + " of " + name + " at " + Instant.now() + " ====");
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  /**
   * Waits until the readiness probe ({@code /actuator/health/readiness}) answers UP, which is after
   * the start-up initialisation (groups, users, filters) ran; fails at once when the JVM exits.
   */
  public ApplicationNode awaitHealthy(Duration timeout) {
    try {
      await("health of " + name)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(500))
          .until(this::healthy);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(name + " did not become healthy in " + timeout + "\n" + tail(), e);
    }
    return this;
  }

  private boolean healthy() {
    if (!process.isAlive()) {
      throw new AssertionError(name + " exited with " + process.exitValue() + "\n" + tail());
    }
    try {
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return health.statusCode() == 200 && health.body().contains("\"UP\"");
    } catch (IOException notListeningYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux, so the JVM gets no
   * chance to finish anything. Returns the exit status (137 for SIGKILL).
   */
  public synchronized int kill() {
    appendToLog(
        "==== SIGKILL of " + name + " (pid " + process.pid() + ") at " + Instant.now() + " ====");
    process.destroyForcibly();
    return waitForExit(Duration.ofSeconds(30));
  }

  /** SIGTERM, so Spring shuts down gracefully; SIGKILL when it takes longer than 60 s. */
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private int waitForExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " did not exit within " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  /** A client of this node's API as a demo user (one per user, reused). */
  public ApiClient as(String user) {
    return clients.computeIfAbsent(user, u -> ApiClient.as(port, u));
  }

  /** Lines of the log (all starts) that match {@code regex}. */
  public long countInLog(String regex) {
    Pattern pattern = Pattern.compile(regex);
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(line -> pattern.matcher(line).find()).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Start-up time of the last start, as Spring Boot logged it ("Started ... in 12.3 seconds"). */
  public String lastStartupSeconds() {
    Pattern started = Pattern.compile("Started ModelOpsApplication in ([0-9.]+) seconds");
    String seconds = "?";
    try {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        var matcher = started.matcher(line);
        if (matcher.find()) {
          seconds = matcher.group(1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return seconds;
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "---- last lines of "
          + log
          + " ----\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void appendToLog(String line) {
    try {
      Files.writeString(
          log,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
