package io.modelops.orchestrator.retraining.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.process.ModelRetraining;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.topic.TopicSubscriptionBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The reference training worker, embedded when {@code modelops.training.worker.enabled=true}: an
 * external task client of topic {@code model-training} that works against this application's engine
 * REST API (or the one at {@code base-url}), exactly as a worker in another process or language
 * would.
 */
@Component
@ConditionalOnProperty(name = "modelops.training.worker.enabled", havingValue = "true")
class TrainingWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TrainingWorker.class);

  private final TrainingWorkerProperties properties;
  private final ObjectMapper json;
  private static final String DEFAULT = "default";

  private final List<ExternalTaskClient> clients = new ArrayList<>();

  public TrainingWorker(TrainingWorkerProperties properties, ObjectMapper json) {
    if (properties.username() == null || properties.username().isBlank()) {
      throw new IllegalStateException(
          "modelops.training.worker.username (a user of the group ci-pipelines) is required when"
              + " the training worker is enabled");
    }
    this.properties = properties;
    this.json = json;
  }

  /** Starts once the server listens, so that its own port can serve as the default URL. */
  @EventListener
  public void onWebServer(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getParent() != null) {
      return; // e.g. the management server's child context
    }
    String baseUrl =
        properties.baseUrl() == null || properties.baseUrl().isBlank()
            ? "http://localhost:" + event.getWebServer().getPort() + "/engine-rest"
            : properties.baseUrl();
    start(baseUrl);
  }

  /**
   * Subscribes once for all models when a {@code default} command exists, otherwise once per model
   * with a command: tasks of other models stay for other workers (e.g. in Python).
   */
  synchronized void start(String baseUrl) {
    if (!clients.isEmpty()) {
      return;
    }
    TrainingTaskHandler handler = new TrainingTaskHandler(properties, json);
    List<String> models =
        properties.commands().containsKey(DEFAULT)
            ? Collections.singletonList(null)
            : properties.commands().keySet().stream().sorted().toList();
    for (String model : models) {
      ExternalTaskClient client =
          ExternalTaskClient.create()
              .baseUrl(baseUrl)
              .workerId("modelops-training-worker-" + ProcessHandle.current().pid())
              .addInterceptor(new BasicAuthProvider(properties.username(), properties.password()))
              .maxTasks(properties.maxTasks())
              .lockDuration(properties.lockDuration().toMillis())
              // Long polling: the engine answers as soon as a task is there, or after 10 s
              // without one. The client's back-off would add up to a minute on top of that
              // between polls of an idle subscription, so it is off.
              .asyncResponseTimeout(10_000)
              .disableBackoffStrategy()
              .build();
      TopicSubscriptionBuilder subscription =
          client
              .subscribe(ModelRetraining.TOPIC_TRAINING)
              .lockDuration(properties.lockDuration().toMillis())
              .handler(handler);
      if (model != null) {
        subscription.processVariableEquals(ModelRetraining.MODEL_NAME.name(), model);
      }
      subscription.open();
      clients.add(client);
    }
    log.info(
        "Training worker subscribed to {} at {} as {}; commands for {}",
        ModelRetraining.TOPIC_TRAINING,
        baseUrl,
        properties.username(),
        properties.commands().keySet());
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
