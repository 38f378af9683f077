package io.modelops.orchestrator.evaluation.worker;

import io.modelops.orchestrator.worker.CommandWorkerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reference evaluation worker (topic {@code model-evaluation}).
 *
 * @param enabled run the worker inside this application
 * @param commands the evaluation command per model name ({@code default} for all others), as
 *     program and arguments. Only these run: nothing from API input or process variables becomes
 *     part of a command; the evaluation's data reaches it as environment variables
 * @param workingDirectory where the commands run; the application's directory when empty
 * @param baseUrl the engine REST API it works for ({@code .../engine-rest}); this application's
 *     when empty. The orchestrator's API is the same URL without {@code /engine-rest}
 * @param username a user of the group model-evaluators
 * @param password its password
 * @param commandTimeout a command still running after this is killed and the task fails
 * @param lockDuration how long a task stays locked; extended while a command runs
 * @param maxTasks evaluations at the same time
 * @param retries attempts of a failing task before it becomes an incident
 * @param retryTimeout wait between attempts
 */
@ConfigurationProperties("modelops.evaluation.worker")
public record EvaluationWorkerProperties(
    @DefaultValue("false") boolean enabled,
    Map<String, List<String>> commands,
    String workingDirectory,
    String baseUrl,
    String username,
    String password,
    @DefaultValue("PT1H") Duration commandTimeout,
    @DefaultValue("PT5M") Duration lockDuration,
    @DefaultValue("1") int maxTasks,
    @DefaultValue("3") int retries,
    @DefaultValue("PT1M") Duration retryTimeout)
    implements CommandWorkerSettings {

  public EvaluationWorkerProperties {
    commands = commands == null ? Map.of() : Map.copyOf(commands);
  }
}
