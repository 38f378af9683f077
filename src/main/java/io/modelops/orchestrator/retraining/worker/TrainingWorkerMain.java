package io.modelops.orchestrator.retraining.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The reference training worker on its own, without the orchestrator (no engine, no database, no
 * web server), e.g. on a machine with GPUs next to the training data:
 *
 * <pre>
 * java -cp modelops-orchestrator.jar \
 *   -Dloader.main=io.modelops.orchestrator.retraining.worker.TrainingWorkerMain \
 *   org.springframework.boot.loader.launch.PropertiesLauncher \
 *   --modelops.training.worker.base-url=https://orchestrator.example.com/engine-rest \
 *   --spring.config.additional-location=worker.yaml
 * </pre>
 *
 * It reads the same {@code modelops.training.worker.*} settings; {@code base-url} is required.
 */
final class TrainingWorkerMain {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(TrainingWorkerProperties.class)
  static class WorkerOnly {}

  private TrainingWorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(WorkerOnly.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off")
            .run(args);
    TrainingWorkerProperties properties = context.getBean(TrainingWorkerProperties.class);
    if (properties.baseUrl() == null || properties.baseUrl().isBlank()) {
      context.close();
      throw new IllegalStateException(
          "modelops.training.worker.base-url (the orchestrator's engine REST API) is required");
    }
    TrainingWorker worker = new TrainingWorker(properties, new ObjectMapper());
    worker.start(properties.baseUrl());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.stop();
                  context.close();
                }));
    Thread.currentThread().join();
  }
}
