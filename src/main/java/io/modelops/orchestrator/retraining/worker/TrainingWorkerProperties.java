package io.modelops.orchestrator.retraining.worker;

import io.modelops.orchestrator.worker.CommandWorkerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reference training worker (topic {@code model-training}).
 *
 * @param enabled run the worker inside this application
 * @param baseUrl the engine REST API it works for; this application's when empty
 * @param username a user of the group ci-pipelines
 * @param password its password
 * @param commands the training command per model name ({@code default} for all others), as program
 *     and arguments. Only these run: nothing from API input or process variables becomes part of a
 *     command; the task's variables reach it as environment variables
 * @param workingDirectory where the commands run; the application's directory when empty
 * @param outputDirectory each task gets a directory below it (environment variable {@code
 *     MODELOPS_OUTPUT_DIR}) for what the trainer writes; it is not cleaned up
 * @param lockDuration how long a task stays locked; extended while the command runs
 * @param commandTimeout a command still running after this is killed and the task fails
 * @param retries attempts of a failing task before it becomes an incident
 * @param retryTimeout wait between attempts
 * @param maxTasks tasks trained at the same time
 */
@ConfigurationProperties("modelops.training.worker")
public record TrainingWorkerProperties(
    @DefaultValue("false") boolean enabled,
    String baseUrl,
    String username,
    String password,
    Map<String, List<String>> commands,
    String workingDirectory,
    @DefaultValue("./data/training") String outputDirectory,
    @DefaultValue("PT5M") Duration lockDuration,
    @DefaultValue("PT2H") Duration commandTimeout,
    @DefaultValue("3") int retries,
    @DefaultValue("PT1M") Duration retryTimeout,
    @DefaultValue("1") int maxTasks)
    implements CommandWorkerSettings {

  public TrainingWorkerProperties {
    commands = commands == null ? Map.of() : Map.copyOf(commands);
  }
}
