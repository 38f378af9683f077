package io.modelops.orchestrator.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, with the job executor on, real PostgreSQL and a real SMTP
 * server, and the demo users. All integration tests share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "modelops.mail.poll-interval=200ms",
      "modelops.mail.initial-backoff=1s",
      "camunda.bpm.job-execution.wait-time-in-millis=200",
      "camunda.bpm.job-execution.max-wait=1000",
      // The reference training worker, with test trainers for the models of RetrainingIT only
      // (tasks of other models wait, as for a worker elsewhere).
      "modelops.training.worker.enabled=true",
      "modelops.training.worker.username=ci-bot",
      "modelops.training.worker.password=ci-bot",
      "modelops.training.worker.retry-timeout=PT0S",
      "modelops.training.worker.output-directory=target/training",
      "modelops.training.worker.commands.retrain-better=sh,src/test/resources/trainers/fixed-result.sh,0.93",
      "modelops.training.worker.commands.retrain-worse=sh,src/test/resources/trainers/fixed-result.sh,0.85",
      "modelops.training.worker.commands.retrain-no-better=sh,src/test/resources/trainers/fixed-result.sh,0.6,2",
      "modelops.training.worker.commands.retrain-broken=sh,src/test/resources/trainers/fixed-result.sh,0.9,1"
    })
@ActiveProfiles("demo")
// Spring Boot tests leave metrics export off; /actuator/prometheus is part of what we test
@AutoConfigureObservability(tracing = false)
@ContextConfiguration(initializers = TestInfrastructure.class)
public @interface IntegrationTest {}
