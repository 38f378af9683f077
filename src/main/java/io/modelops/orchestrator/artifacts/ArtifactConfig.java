package io.modelops.orchestrator.artifacts;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The decision and process model policies (also inside the engine) and the artifact fetcher. */
@Configuration
@EnableConfigurationProperties(ArtifactProperties.class)
class ArtifactConfig {

  @Bean
  DecisionModelPolicy decisionModelPolicy(ArtifactProperties properties) {
    return new DecisionModelPolicy(properties.decisionModelMaxSize().toBytes());
  }

  @Bean
  ProcessModelPolicy processModelPolicy(ArtifactProperties properties) {
    return new ProcessModelPolicy(properties.processModelMaxSize().toBytes());
  }

  @Bean
  ArtifactFetcher artifactFetcher(ArtifactProperties properties) {
    return new ArtifactFetcher(properties);
  }

  /** Picked up by the Camunda starter like every ProcessEnginePlugin bean. */
  @Bean
  ModelPolicyEnginePlugin modelPolicyEnginePlugin(
      DecisionModelPolicy decisionModels, ProcessModelPolicy processModels) {
    return new ModelPolicyEnginePlugin(decisionModels, processModels);
  }
}
