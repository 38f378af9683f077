package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import io.modelops.orchestrator.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Request bodies are bounded by the bytes actually read, whatever their framing: a chunked body (no
 * Content-Length) above the limit is refused with 413 after at most the limit was read, by our API,
 * the engine REST API and the webapps' API alike.
 */
@IntegrationTest
class RequestSizeLimitIT {

  /** modelops.max-request-size, 5MB. */
  private static final long LIMIT = 5L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  @Test
  void shouldRefuseATenMegabyteChunkedRegistrationAndStoreNothing() throws Exception {
    String model = "chunked-" + System.nanoTime() % 100_000;
    // a description of 10 MB: the parser must read all of it
    byte[] registration =
        JSON.writeValueAsBytes(
            ModelReleases.registration(model, "1.0.0")
                .put("description", "x".repeat(10 * 1024 * 1024)));

    RawHttp.Result result =
        RawHttp.chunked(
            port,
            "POST",
            "/api/models/" + model + "/versions",
            ciBot(),
            registration,
            registration.length);

    System.out.printf(
        "[limits] 10 MB chunked registration: status %d after %d ms, %d bytes sent, reset %s%n",
        result.status(), result.millis(), result.bytesSent(), result.reset());
    assertThat(result.status()).as(result.body()).isEqualTo(413);
    assertThat(result.header("Content-Type")).startsWith("application/problem+json");
    // How much of the body the client managed to write is not asserted: the kernel's socket
    // buffers on loopback hold megabytes, so it may write all of it before the 413 arrives.
    assertThat(ApiClient.as(port, "admin").get("/api/models/" + model).status()).isEqualTo(404);
  }

  @Test
  void shouldAcceptChunkedBodiesJustUnderTheLimitAndRefuseThoseJustOverOnOurApi() throws Exception {
    String under = "chunked-under-" + System.nanoTime() % 100_000;
    String over = "chunked-over-" + System.nanoTime() % 100_000;

    RawHttp.Result accepted =
        RawHttp.chunked(
            port,
            "POST",
            "/api/models/" + under + "/versions",
            ciBot(),
            JSON.writeValueAsBytes(ModelReleases.registration(under, "1.0.0")),
            LIMIT);
    RawHttp.Result refused =
        RawHttp.chunked(
            port,
            "POST",
            "/api/models/" + over + "/versions",
            ciBot(),
            JSON.writeValueAsBytes(ModelReleases.registration(over, "1.0.0")),
            LIMIT + 1);

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    assertThat(refused.status()).as(refused.body()).isEqualTo(413);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    ApiClient admin = ApiClient.as(port, "admin");
    assertThat(admin.get("/api/models/" + under).status()).isEqualTo(200);
    assertThat(admin.get("/api/models/" + over).status()).isEqualTo(404);
  }

  @Test
  void shouldBoundChunkedBodiesOnTheEngineRestApi() {
    Map<String, String> admin = Map.of("Authorization", RawHttp.basic("admin"));
    byte[] query = "{}".getBytes(StandardCharsets.UTF_8);

    RawHttp.Result accepted =
        RawHttp.chunked(port, "POST", "/engine-rest/process-instance/count", admin, query, LIMIT);
    RawHttp.Result refused =
        RawHttp.chunked(
            port, "POST", "/engine-rest/process-instance/count", admin, query, LIMIT + 1);

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.body()).contains("count");
    assertThat(refused.status()).as(refused.body()).isEqualTo(413);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void shouldBoundChunkedBodiesOnTheWebappsApi() {
    ApiClient tasklist = ApiClient.tasklistSession(port, "victor");
    Map<String, String> session = new LinkedHashMap<>();
    session.put(
        "Cookie",
        "JSESSIONID="
            + tasklist.cookie("JSESSIONID")
            + "; XSRF-TOKEN="
            + tasklist.cookie("XSRF-TOKEN"));
    session.put("X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN"));
    byte[] query = "{}".getBytes(StandardCharsets.UTF_8);
    String path = "/camunda/api/engine/engine/default/process-instance/count";

    RawHttp.Result accepted = RawHttp.chunked(port, "POST", path, session, query, LIMIT);
    RawHttp.Result refused = RawHttp.chunked(port, "POST", path, session, query, LIMIT + 1);

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(refused.status()).as(refused.body()).isEqualTo(413);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void shouldRefuseChunkedFormBodiesThatTheContainerWouldParse() {
    Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");

    RawHttp.Result login =
        RawHttp.chunked(
            port,
            "POST",
            "/camunda/api/admin/auth/user/default/login/tasklist",
            form,
            "username=victor&password=victor".getBytes(StandardCharsets.UTF_8),
            32);

    assertThat(login.status()).as(login.body()).isEqualTo(411);
    assertThat(login.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void shouldReadNoMoreThanTheDeclaredContentLength() throws Exception {
    String model = "lying-length-" + System.nanoTime() % 100_000;
    byte[] registration = JSON.writeValueAsBytes(ModelReleases.registration(model, "1.0.0"));
    // The declared length ends the JSON half-way; 6 MB more follow on the same connection.
    byte[] body = Arrays.copyOf(registration, 6 * 1024 * 1024);
    Arrays.fill(body, registration.length, body.length, (byte) ' ');

    RawHttp.Result result =
        RawHttp.lyingContentLength(
            port,
            "POST",
            "/api/models/" + model + "/versions",
            ciBot(),
            body,
            registration.length / 2);

    System.out.printf(
        "[limits] Content-Length %d with a body of %d bytes: status %d, %d bytes sent, reset %s%n",
        registration.length / 2, body.length, result.status(), result.bytesSent(), result.reset());
    assertThat(result.status()).as(result.body()).isEqualTo(400);
    assertThat(ApiClient.as(port, "admin").get("/api/models/" + model).status()).isEqualTo(404);
    assertThat(ApiClient.anonymous(port).get("/actuator/health").status()).isEqualTo(200);
  }

  private static Map<String, String> ciBot() {
    return Map.of("Authorization", RawHttp.basic("ci-bot"));
  }
}
