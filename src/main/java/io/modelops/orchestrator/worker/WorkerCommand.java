package io.modelops.orchestrator.worker;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one allow-listed command of a reference worker (training, evaluation) and collects what it
 * printed. The command comes from configuration only; the task's data reaches it as environment
 * variables. Exit code 0 is success, {@value #BUSINESS_FAILURE} a business outcome (e.g. no better
 * model, the dataset changed), anything else a technical failure.
 */
public final class WorkerCommand {

  private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

  /** Exit code of a business outcome that is not a technical failure. */
  public static final int BUSINESS_FAILURE = 2;

  /** Most of standard output kept (the result is its last line). */
  private static final int MAX_STDOUT = 8 * 1024 * 1024;

  /** Most of standard error kept for failure details. */
  private static final int MAX_STDERR = 16 * 1024;

  /** How the command ended. */
  public record Outcome(int exitCode, boolean timedOut, String stdout, String stderr) {

    /** The last non-blank line of standard output. */
    public String lastLine() {
      String[] lines = stdout.strip().split("\\R");
      return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    /** The last line of standard error, as a one-line reason. */
    public String reason() {
      String[] lines = stderr.strip().split("\\R");
      return lines.length == 0 || lines[lines.length - 1].isBlank()
          ? "exit code " + exitCode
          : lines[lines.length - 1].strip();
    }
  }

  /** Called while the command runs, e.g. to extend the task's lock. */
  public interface Heartbeat {
    void beat();
  }

  private WorkerCommand() {}

  /** Runs the command; kills it (and its descendants) after {@code timeout}. */
  public static Outcome run(
      List<String> command,
      Map<String, String> environment,
      File directory,
      Duration timeout,
      Duration heartbeatInterval,
      Heartbeat heartbeat)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    if (directory != null) {
      builder.directory(directory);
    }
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> stdout = collect(process.getInputStream(), MAX_STDOUT, false);
    CompletableFuture<String> stderr = collect(process.getErrorStream(), MAX_STDERR, true);
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean exited = false;
    while (!exited) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      exited = process.waitFor(Math.min(left, heartbeatInterval.toNanos()), TimeUnit.NANOSECONDS);
      if (!exited) {
        heartbeat.beat();
      }
    }
    if (!exited) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    return new Outcome(exited ? process.exitValue() : -1, !exited, stdout.join(), stderr.join());
  }

  /**
   * Reports a technical failure of a task with one retry less than it had (or than configured),
   * after the configured wait; with none left the task becomes an incident.
   */
  public static void reportFailure(
      ExternalTask task,
      ExternalTaskService service,
      CommandWorkerSettings settings,
      String message,
      String details) {
    Integer left = task.getRetries();
    int retries = Math.max(0, (left == null ? settings.retries() : left) - 1);
    log.warn(
        "{} of process instance {} failed ({} retries left): {}",
        task.getActivityId(),
        task.getProcessInstanceId(),
        retries,
        message);
    service.handleFailure(
        task, abbreviate(message), details, retries, settings.retryTimeout().toMillis());
  }

  /** At most 500 characters, for error messages of the engine. */
  public static String abbreviate(String value) {
    return value.length() > 500 ? value.substring(0, 499) + "…" : value;
  }

  /** Reads a stream to its end, keeping its start (stdout) or its end (stderr) up to a limit. */
  private static CompletableFuture<String> collect(InputStream in, int limit, boolean keepTail) {
    return CompletableFuture.supplyAsync(
        () -> {
          ByteArrayOutputStream kept = new ByteArrayOutputStream();
          byte[] buffer = new byte[8192];
          try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
              if (keepTail && kept.size() + n > limit) {
                byte[] all = kept.toByteArray();
                kept.reset();
                int from = Math.max(0, all.length + n - limit);
                kept.write(
                    all, Math.min(from, all.length), all.length - Math.min(from, all.length));
              }
              if (keepTail || kept.size() < limit) {
                kept.write(buffer, 0, keepTail ? n : Math.min(n, limit - kept.size()));
              }
            }
          } catch (IOException e) {
            // the process ended or was killed; keep what was read
          }
          return kept.toString(StandardCharsets.UTF_8);
        },
        runnable -> {
          Thread reader = new Thread(runnable, "worker-command-output");
          reader.setDaemon(true);
          reader.start();
        });
  }
}
