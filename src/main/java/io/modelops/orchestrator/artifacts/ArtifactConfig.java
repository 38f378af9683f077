package io.modelops.orchestrator.artifacts;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The decision-model policy (also inside the engine) and the artifact fetcher. */
@Configuration
@EnableConfigurationProperties(ArtifactProperties.class)
public class ArtifactConfig {

  @Bean
  DecisionModelPolicy decisionModelPolicy(ArtifactProperties properties) {
    return new DecisionModelPolicy(properties.decisionModelMaxSize().toBytes());
  }

  @Bean
  ArtifactFetcher artifactFetcher(ArtifactProperties properties) {
    return new ArtifactFetcher(properties);
  }

  /** Picked up by the Camunda starter like every ProcessEnginePlugin bean. */
  @Bean
  DecisionModelEnginePlugin decisionModelEnginePlugin(DecisionModelPolicy policy) {
    return new DecisionModelEnginePlugin(policy);
  }
}
