package io.modelops.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml cannot run in every build environment; keep it correct by reading it. */
class DockerComposeTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> compose() throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
      return new Yaml().load(reader);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) throws IOException {
    Map<String, Object> services = (Map<String, Object>) compose().get("services");
    assertThat(services).as("services").containsKey(name);
    return (Map<String, Object>) services.get(name);
  }

  @Test
  void shouldDefinePostgresMailpitAndTheApp() throws IOException {
    Map<String, Object> services = (Map<String, Object>) compose().get("services");
    assertThat(services).containsOnlyKeys("postgres", "mailpit", "app");
    assertThat((String) service("postgres").get("image")).startsWith("postgres:16");
    assertThat((String) service("mailpit").get("image")).startsWith("axllent/mailpit");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldBuildTheAppFromTheDockerfileAndWaitForHealthyDependencies() throws IOException {
    Map<String, Object> app = service("app");
    Map<String, Object> build = (Map<String, Object>) app.get("build");
    assertThat(build.get("dockerfile")).isEqualTo("Dockerfile");
    assertThat(Path.of((String) build.get("context")).resolve("Dockerfile")).exists();
    Map<String, Map<String, String>> dependsOn =
        (Map<String, Map<String, String>>) app.get("depends_on");
    assertThat(dependsOn.get("postgres")).containsEntry("condition", "service_healthy");
    assertThat(dependsOn).containsKey("mailpit");
    for (String name : List.of("postgres", "mailpit", "app")) {
      assertThat(service(name)).as(name + " healthcheck").containsKey("healthcheck");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldRunTheAppOnPostgresWithItsSmtpAndNoPasswordsInTheFile() throws IOException {
    Map<String, Object> environment = (Map<String, Object>) service("app").get("environment");
    assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
    assertThat((String) environment.get("MODELOPS_DB_URL"))
        .startsWith("jdbc:postgresql://postgres:5432/");
    assertThat(environment.get("MODELOPS_SMTP_HOST")).isEqualTo("mailpit");
    assertThat(String.valueOf(environment.get("MODELOPS_SMTP_PORT"))).isEqualTo("1025");
    assertThat((String) environment.get("MODELOPS_ADMIN_PASSWORD")).startsWith("${");
    assertThat((String) environment.get("MODELOPS_DB_PASSWORD")).startsWith("${");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldKeepDataInVolumes() throws IOException {
    assertThat((Map<String, Object>) compose().get("volumes")).containsKey("postgres-data");
    assertThat((List<String>) service("postgres").get("volumes"))
        .anyMatch(v -> v.startsWith("postgres-data:/var/lib/postgresql/data"));
    assertThat((Map<String, Object>) compose().get("volumes")).containsKey("app-data");
    assertThat((List<String>) service("app").get("volumes"))
        .as("GitOps working copy under /app/data")
        .contains("app-data:/app/data");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldTakeDeploymentTargetSecretsFromTheEnvironmentOnly() throws IOException {
    Map<String, Object> environment = (Map<String, Object>) service("app").get("environment");
    for (String secret : List.of("MODELOPS_GITOPS_TOKEN", "MODELOPS_WEBHOOK_SECRET")) {
      assertThat((String) environment.get(secret)).as(secret).isEqualTo("${" + secret + ":-}");
    }
  }
}
