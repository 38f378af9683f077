package io.modelops.orchestrator.worker;

import java.time.Duration;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;

/** External task clients of the reference workers, all configured alike. */
public final class ExternalTaskClients {

  private ExternalTaskClients() {}

  /**
   * A client of the engine REST API at {@code baseUrl}, authenticated with HTTP Basic.
   *
   * @param name what the worker does, part of its worker id ({@code modelops-<name>-worker-<pid>})
   */
  public static ExternalTaskClient create(
      String baseUrl,
      String name,
      String username,
      String password,
      int maxTasks,
      Duration lockDuration) {
    return ExternalTaskClient.create()
        .baseUrl(baseUrl)
        .workerId("modelops-" + name + "-worker-" + ProcessHandle.current().pid())
        .addInterceptor(new BasicAuthProvider(username, password))
        .maxTasks(maxTasks)
        .lockDuration(lockDuration.toMillis())
        // Long polling: the engine answers as soon as a task is there, or after 10 s without
        // one. The client's back-off would add up to a minute on top of that between polls of an
        // idle subscription, so it is off.
        .asyncResponseTimeout(10_000)
        .disableBackoffStrategy()
        .build();
  }

  /** The base URL of this application's engine REST API on the port it listens on. */
  public static String localEngineRest(int port) {
    return "http://localhost:" + port + "/engine-rest";
  }
}
