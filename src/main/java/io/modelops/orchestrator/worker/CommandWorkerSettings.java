package io.modelops.orchestrator.worker;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What every reference worker is configured with (training, evaluation). */
public interface CommandWorkerSettings {

  /** The engine REST API it works for; this application's when empty. */
  String baseUrl();

  String username();

  String password();

  /** The allow-listed command per model name, {@code default} for all others. */
  Map<String, List<String>> commands();

  /** Where the commands run; the application's directory when empty. */
  String workingDirectory();

  Duration lockDuration();

  Duration commandTimeout();

  int retries();

  Duration retryTimeout();

  int maxTasks();

  /** The allow-listed command for a model, or null. */
  default List<String> commandFor(String model) {
    List<String> command = commands().get(model);
    return command != null ? command : commands().get("default");
  }

  /** The working directory, or null for the application's. */
  default File directory() {
    return workingDirectory() == null || workingDirectory().isBlank()
        ? null
        : new File(workingDirectory());
  }
}
