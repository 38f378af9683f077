package io.modelops.orchestrator.config;

import io.modelops.orchestrator.monitoring.FeatureSpec;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI description of {@code /api} (served at {@code /v3/api-docs} and {@code
 * /swagger-ui.html}). The document is committed as {@code
 * src/main/resources/openapi/modelops-api.json}; {@code OpenApiContractIT} fails when the served
 * one differs, and the build generates a client from it.
 */
@Configuration
class OpenApiConfig {

  /** The HTTP Basic scheme every operation requires. */
  static final String BASIC = "basic";

  @Bean
  OpenAPI modelOpsOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("ModelOps Orchestrator API")
                .description(
                    "Register model versions from CI, follow their lifecycle, read evidence. Errors"
                        + " are application/problem+json. The Camunda engine REST API is at"
                        + " /engine-rest with the same credentials.")
                .version("v1")
                .license(
                    new License()
                        .name("Apache-2.0")
                        .url("https://www.apache.org/licenses/LICENSE-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BASIC,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("A user of this orchestrator (the users of Tasklist)")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC))
        // one tag per area; controllers name theirs
        .addTagsItem(
            new Tag().name("Catalog").description("Models, versions and their lifecycle state"))
        .addTagsItem(
            new Tag()
                .name("Monitoring")
                .description(
                    "Metric points and feature windows from serving systems (model-monitors), and"
                        + " the health of a version"))
        .addTagsItem(
            new Tag()
                .name("Findings")
                .description(
                    "Findings raised in reviews: remediation, closing, reopening, risk acceptance"))
        .addTagsItem(
            new Tag().name("Release").description("Rollback, emergency stop, stage history"))
        .addTagsItem(
            new Tag()
                .name("Evaluation")
                .description("Independent evaluations: requests and the computed metrics"))
        .addTagsItem(
            new Tag().name("Retraining").description("Retrain models; training pipeline callbacks"))
        .addTagsItem(
            new Tag()
                .name("Governance")
                .description("Model reports for audit and model risk management"))
        .addTagsItem(new Tag().name("Audit").description("Tamper-evident audit log"));
  }

  /** The document as the server reads and answers: see {@link OpenApiContract}. */
  @Bean
  OpenApiCustomizer openApiContract() {
    return new OpenApiContract(List.of(FeatureSpec.class));
  }
}
