package io.modelops.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.monitoring.FeatureSpec;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The committed OpenAPI document ({@value #SNAPSHOT}) is the one the running application serves at
 * {@code /v3/api-docs}: the contract cannot drift from the code. The generated client of the build
 * is generated from the committed document.
 */
@IntegrationTest
class OpenApiContractIT {

  /** The committed contract. */
  static final String SNAPSHOT = "src/main/resources/openapi/modelops-api.json";

  /** Where the live document goes when it differs from the committed one. */
  static final String LIVE = "target/openapi-live.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @LocalServerPort int port;

  @Test
  void shouldServeTheCommittedContract() throws IOException {
    // given the document the application serves
    ApiClient.Response response = ApiClient.as(port, "rita").get("/v3/api-docs");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode live = normalised(response.json());

    // when it is compared with the committed contract
    Path snapshot = Path.of(SNAPSHOT);
    JsonNode committed =
        Files.exists(snapshot) ? normalised(JSON.readTree(snapshot.toFile())) : null;

    // then they are equal
    if (!live.equals(committed)) {
      Path written = Path.of(LIVE);
      Files.createDirectories(written.getParent());
      Files.writeString(written, JSON.writeValueAsString(live) + "\n");
      fail(
          "The OpenAPI document served at /v3/api-docs differs from the committed contract "
              + SNAPSHOT
              + ". The live document was written to "
              + LIVE
              + ". If the change of the API is intended, review the difference (diff "
              + SNAPSHOT
              + " "
              + LIVE
              + "), copy it over (cp "
              + LIVE
              + " "
              + SNAPSHOT
              + ") and commit it with the change; the generated client of the build follows it.");
    }
  }

  @Test
  void shouldDocumentTheStatusesErrorsTagsAndTypeNamesAsTheServerAnswers() {
    // given the document the application serves
    JsonNode document = ApiClient.as(port, "rita").get("/v3/api-docs").json();

    // then every operation documents what every request can answer, errors as problem details
    List<String> declaredTags = new ArrayList<>();
    document
        .path("tags")
        .forEach(
            tag -> {
              assertThat(tag.path("description").asText())
                  .as("description of tag %s", tag.path("name"))
                  .isNotBlank();
              declaredTags.add(tag.path("name").asText());
            });
    assertThat(declaredTags).as("tags").doesNotHaveDuplicates();
    assertThat(document.path("security").toString()).contains("basic");
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        entry -> {
                          String operation =
                              entry.getKey().toUpperCase(java.util.Locale.ROOT)
                                  + " "
                                  + path.getKey();
                          JsonNode op = entry.getValue();
                          JsonNode responses = op.path("responses");
                          assertThat(op.path("tags")).as("tags of %s", operation).hasSize(1);
                          assertThat(declaredTags)
                              .as("tag of %s", operation)
                              .contains(op.path("tags").path(0).asText());
                          assertThat(responses.has("401")).as("401 of %s", operation).isTrue();
                          if (op.has("requestBody")) {
                            assertThat(responses.has("400")).as("400 of %s", operation).isTrue();
                            assertThat(responses.has("403")).as("403 of %s", operation).isTrue();
                            assertThat(responses.has("413")).as("413 of %s", operation).isTrue();
                          }
                          responses
                              .fields()
                              .forEachRemaining(
                                  response -> {
                                    if (response.getKey().startsWith("4")
                                        || response.getKey().startsWith("5")) {
                                      assertThat(
                                              response
                                                  .getValue()
                                                  .path("content")
                                                  .path("application/problem+json")
                                                  .path("schema")
                                                  .path("$ref")
                                                  .asText())
                                          .as("%s of %s", response.getKey(), operation)
                                          .isEqualTo("#/components/schemas/Problem");
                                    } else {
                                      assertThat(response.getValue().path("content").has("*/*"))
                                          .as("%s of %s", response.getKey(), operation)
                                          .isFalse();
                                    }
                                  });
                        }));

    // and a feature's type is published with the names the server reads
    JsonNode mapping =
        document
            .path("components")
            .path("schemas")
            .path("FeatureSpec")
            .path("discriminator")
            .path("mapping");
    List<String> jacksonNames =
        java.util.Arrays.stream(FeatureSpec.class.getAnnotation(JsonSubTypes.class).value())
            .map(JsonSubTypes.Type::name)
            .toList();
    List<String> published = new ArrayList<>();
    mapping.fieldNames().forEachRemaining(published::add);
    assertThat(published).containsExactlyInAnyOrderElementsOf(jacksonNames);
  }

  /**
   * Without the server URL (its port changes from run to run; clients set their own base URL), as
   * the committed document is.
   */
  static JsonNode normalised(JsonNode document) {
    ObjectNode copy = document.deepCopy();
    copy.remove("servers");
    return copy;
  }
}
