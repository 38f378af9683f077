package io.modelops.orchestrator.config;

import io.modelops.orchestrator.catalog.RegistrationProperties;
import io.modelops.orchestrator.deployment.CanaryProperties;
import io.modelops.orchestrator.deployment.GitOpsProperties;
import io.modelops.orchestrator.deployment.WebhookProperties;
import io.modelops.orchestrator.notification.MailProperties;
import io.modelops.orchestrator.security.AdminProperties;
import io.modelops.orchestrator.validation.ValidationProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Application-wide beans: typed settings, a clock (so time can be controlled in tests), and
 * scheduling for the mail outbox.
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties({
  RegistrationProperties.class,
  ValidationProperties.class,
  MailProperties.class,
  AdminProperties.class,
  GitOpsProperties.class,
  WebhookProperties.class,
  CanaryProperties.class,
  io.modelops.orchestrator.monitoring.MonitoringProperties.class,
  io.modelops.orchestrator.retraining.RetrainingProperties.class,
  io.modelops.orchestrator.retraining.worker.TrainingWorkerProperties.class,
  io.modelops.orchestrator.evaluation.EvaluationProperties.class,
  io.modelops.orchestrator.evaluation.worker.EvaluationWorkerProperties.class
})
class ApplicationConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
