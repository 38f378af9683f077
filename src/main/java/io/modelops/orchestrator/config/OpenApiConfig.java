package io.modelops.orchestrator.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI description of {@code /api} (served at {@code /swagger-ui.html}). */
@Configuration
public class OpenApiConfig {

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
                .license(new License().name("Apache-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
  }
}
