package io.modelops.orchestrator.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points the application at the shared embedded PostgreSQL, GreenMail and webhook servers and a
 * temporary GitOps repository.
 */
public class TestInfrastructure
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** The GitOps working copy of the test JVM. */
  public static final java.nio.file.Path GITOPS_REPOSITORY = temporaryDirectory("modelops-gitops-");

  /**
   * The only directory {@code file:} artifacts of decision models may be read from in tests ({@code
   * modelops.artifacts.file-roots}).
   */
  public static final java.nio.file.Path ARTIFACTS = temporaryDirectory("modelops-artifacts-");

  private static java.nio.file.Path temporaryDirectory(String prefix) {
    try {
      return java.nio.file.Files.createTempDirectory(prefix).toRealPath();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of(
            "spring.datasource.url=" + TestDatabase.jdbcUrl(),
            "spring.datasource.username=postgres",
            "spring.datasource.password=postgres",
            // as application-postgres.yaml
            "spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=true",
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=" + TestMail.port(),
            "modelops.deployment.gitops.repository=" + GITOPS_REPOSITORY,
            "modelops.artifacts.file-roots=" + ARTIFACTS,
            "modelops.deployment.webhook.url=" + TestWebhook.url(),
            "modelops.deployment.webhook.secret=test-webhook-secret",
            // the training pipeline of PIPELINE-trained models records its requests there too
            "modelops.retraining.pipeline-url=" + TestWebhook.url(),
            "modelops.retraining.pipeline-secret=test-pipeline-secret")
        .applyTo(context);
    // Stop PostgreSQL after the application (engine, job executor, pool) has shut down:
    // disposable beans are destroyed in reverse order of registration, and this one comes first.
    org.springframework.beans.factory.support.DefaultListableBeanFactory beans =
        (org.springframework.beans.factory.support.DefaultListableBeanFactory)
            context.getBeanFactory();
    org.springframework.beans.factory.DisposableBean stopper = TestDatabase::stop;
    beans.registerDisposableBean("embeddedPostgresStopper", stopper);
  }
}
