package io.modelops.orchestrator.worker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.topic.TopicSubscriptionBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * A reference worker: an external task client of one topic that works against this application's
 * engine REST API (or the one at {@code base-url}), exactly as a worker in another process or
 * language would, and runs allow-listed commands per model.
 */
public abstract class CommandWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CommandWorker.class);
  private static final String DEFAULT = "default";

  private final CommandWorkerSettings settings;
  private final String name;
  private final String topic;
  private final String modelVariable;
  private final List<ExternalTaskClient> clients = new ArrayList<>();

  /**
   * @param name what the worker does ({@code training}), for its worker id and logs
   * @param modelVariable the process variable with the model's name, to subscribe per model
   */
  protected CommandWorker(
      CommandWorkerSettings settings, String name, String topic, String modelVariable) {
    this.settings = settings;
    this.name = name;
    this.topic = topic;
    this.modelVariable = modelVariable;
  }

  /** The handler of the topic's tasks, for the engine REST API at {@code baseUrl}. */
  protected abstract ExternalTaskHandler handler(String baseUrl);

  /** Starts once the server listens, so that its own port can serve as the default URL. */
  @EventListener
  public void onWebServer(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getParent() != null) {
      return; // e.g. the management server's child context
    }
    start(
        settings.baseUrl() == null || settings.baseUrl().isBlank()
            ? ExternalTaskClients.localEngineRest(event.getWebServer().getPort())
            : settings.baseUrl());
  }

  /**
   * Subscribes once for all models when a {@code default} command exists, otherwise once per model
   * with a command: tasks of other models stay for other workers (e.g. in Python).
   */
  public synchronized void start(String baseUrl) {
    if (!clients.isEmpty()) {
      return;
    }
    ExternalTaskHandler handler = handler(baseUrl);
    List<String> models =
        settings.commands().containsKey(DEFAULT)
            ? Collections.singletonList(null)
            : settings.commands().keySet().stream().sorted().toList();
    for (String model : models) {
      ExternalTaskClient client =
          ExternalTaskClients.create(
              baseUrl,
              name,
              settings.username(),
              settings.password(),
              settings.maxTasks(),
              settings.lockDuration());
      TopicSubscriptionBuilder subscription =
          client.subscribe(topic).lockDuration(settings.lockDuration().toMillis()).handler(handler);
      if (model != null) {
        subscription.processVariableEquals(modelVariable, model);
      }
      subscription.open();
      clients.add(client);
    }
    log.info(
        "The {} worker subscribed to {} at {} as {}; commands for {}",
        name,
        topic,
        baseUrl,
        settings.username(),
        settings.commands().keySet());
  }

  @Override
  public void start() {
    // started by the web server event
  }

  @Override
  public synchronized void stop() {
    clients.forEach(ExternalTaskClient::stop);
    clients.clear();
  }

  @Override
  public synchronized boolean isRunning() {
    return !clients.isEmpty();
  }

  /** Stops before the web server does, so no fetch is cut off mid-request. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 10;
  }
}
