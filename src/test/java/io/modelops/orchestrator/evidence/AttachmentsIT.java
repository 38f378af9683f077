package io.modelops.orchestrator.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import io.modelops.orchestrator.support.RawHttp;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.Tasks;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Evidence attachments on PostgreSQL: who may attach what, content sniffed and refused, limits,
 * duplicates, immutability from approval on (also in the database), downloads that never render,
 * the audit chain, and the release requirement of a validation memo for HIGH-risk versions.
 */
@IntegrationTest
class AttachmentsIT {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final byte[] PDF =
      "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MARKDOWN =
      "# Model documentation\n\nScores card transactions.\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CSV = "feature,mean\namount,41.5\n".getBytes(StandardCharsets.UTF_8);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ManagementService managementService;
  @Autowired EvidenceProperties properties;

  /** One part of a multipart body. */
  record Part(String name, String fileName, String contentType, byte[] content) {
    static Part field(String name, String value) {
      return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
    }

    static Part file(String fileName, String contentType, byte[] content) {
      return new Part("file", fileName, contentType, content);
    }
  }

  /** An answer. */
  record Answer(int status, byte[] body, HttpResponse<byte[]> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(new String(body, StandardCharsets.UTF_8), e);
      }
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  @Test
  void shouldAttachByRoleListEverywhereAndDownloadWithoutRendering() throws Exception {
    // given: a HIGH-risk version registered by ci-bot, in review
    String model = newModel();
    String instance = register(model);
    awaitTask(instance, "victor");
    String path = attachments(model);

    // when: each side attaches what it may
    Answer documentation =
        upload(
            "dana",
            path,
            "MODEL_DOCUMENTATION",
            "Model card",
            "card.md",
            "text/markdown",
            MARKDOWN);
    Answer sheet = upload("ci-bot", path, "DATA_SHEET", null, "sheet.csv", "text/csv", CSV);
    Answer memo =
        upload("victor", path, "VALIDATION_MEMO", "Validation memo", "memo.pdf", "x/y", PDF);
    Answer riskMemo =
        upload("rita", path, "OTHER", "Risk note", "note.pdf", "application/pdf", PDF);

    // then
    for (Answer created : List.of(documentation, sheet, memo, riskMemo)) {
      assertThat(created.status()).as(created.text()).isEqualTo(201);
    }
    assertThat(memo.json().path("mediaType").asText()).isEqualTo("application/pdf");
    assertThat(memo.json().path("sha256").asText()).isEqualTo(AttachmentService.sha256(PDF));
    assertThat(memo.json().path("uploadedBy").asText()).isEqualTo("victor");
    assertThat(memo.header("Location")).isEqualTo(memo.json().path("href").asText());
    assertThat(documentation.json().path("mediaType").asText()).isEqualTo("text/markdown");

    // when: anyone else tries (the side that may not, the registrant's memo, other groups)
    Map<String, Answer> refused = new LinkedHashMap<>();
    refused.put(
        "victor documentation",
        upload("victor", path, "MODEL_DOCUMENTATION", null, "a.md", null, MARKDOWN));
    refused.put("rita data sheet", upload("rita", path, "DATA_SHEET", null, "a.csv", null, CSV));
    refused.put("dana memo", upload("dana", path, "VALIDATION_MEMO", null, "a.pdf", null, PDF));
    refused.put(
        "ci-bot (registrant) memo",
        upload("ci-bot", path, "VALIDATION_MEMO", null, "a.pdf", null, PDF));
    refused.put("oscar other", upload("oscar", path, "OTHER", null, "a.pdf", null, PDF));
    refused.put("monty other", upload("monty", path, "OTHER", null, "a.pdf", null, PDF));
    refused.put("admin memo", upload("admin", path, "VALIDATION_MEMO", null, "a.pdf", null, PDF));

    // then: 403 each, problem+json, nothing stored
    refused.forEach(
        (who, answer) -> {
          assertThat(answer.status()).as(who + ": " + answer.text()).isEqualTo(403);
          assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        });
    assertThat(refused.get("ci-bot (registrant) memo").json().path("detail").asText())
        .contains("model-validators or model-risk");
    assertThat(upload(null, path, "OTHER", null, "a.pdf", null, PDF).status()).isEqualTo(401);
    assertThat(attachmentRows(model)).isEqualTo(4);

    // when: any signed-in user lists them, reads the version and the report
    JsonNode list = ApiClient.as(port, "monty").get(path).json();
    JsonNode version =
        ApiClient.as(port, "oscar").get("/api/models/" + model + "/versions/1.0.0").json();
    JsonNode report =
        ApiClient.as(port, "dana").get("/api/models/" + model + "/versions/1.0.0/report").json();
    String html =
        ApiClient.as(port, "rita")
            .get("/api/models/" + model + "/versions/1.0.0/report?format=html")
            .body();

    // then
    assertThat(list).hasSize(4);
    assertThat(version.path("attachments")).hasSize(4);
    assertThat(report.path("attachments")).hasSize(4);
    String memoId = memo.json().path("id").asText();
    assertThat(list.get(2).path("href").asText()).isEqualTo(path + "/" + memoId);
    assertThat(html)
        .contains("Evidence attachments")
        .contains("/dashboard/models/" + model + "/versions/1.0.0/attachments/" + memoId)
        .contains(AttachmentService.sha256(PDF));

    // when: oscar downloads the memo
    Answer download = get("oscar", path + "/" + memoId);

    // then: the bytes, as a download that a browser neither sniffs nor runs
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(PDF);
    assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(download.header("Content-Disposition"))
        .startsWith("attachment;")
        .contains("memo.pdf");
    assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(download.header("Content-Security-Policy")).contains("sandbox");

    // and: the link of the HTML report (for people signed in to the dashboard; Basic works too)
    ApiClient.Response page =
        ApiClient.as(port, "rita")
            .get("/dashboard/models/" + model + "/versions/1.0.0/attachments/" + memoId);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.header("Content-Disposition")).startsWith("attachment;");

    // then: every upload and both downloads are in the audit chain, with hash, kind and size
    JsonNode uploaded = audit(model, AttachmentService.UPLOADED);
    JsonNode downloaded = audit(model, AttachmentService.DOWNLOADED);
    assertThat(uploaded).hasSize(4);
    assertThat(downloaded).hasSize(2);
    JsonNode event = downloaded.get(0).path("details");
    assertThat(event.path("sha256").asText()).isEqualTo(AttachmentService.sha256(PDF));
    assertThat(event.path("kind").asText()).isEqualTo("VALIDATION_MEMO");
    assertThat(event.path("size").asLong()).isEqualTo(PDF.length);
    assertThat(ApiClient.as(port, "rita").get("/api/audit/verify").json().path("valid").asBoolean())
        .isTrue();

    // when: the memo's id is asked for under another model's version, or an unknown id
    String other = newModel();
    register(other);
    Answer foreign = get("oscar", attachments(other) + "/" + memoId);
    Answer unknown = get("oscar", path + "/" + UUID.randomUUID());
    Answer malformed = get("oscar", path + "/not-a-uuid");

    // then
    assertThat(foreign.status()).as(foreign.text()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(audit(model, AttachmentService.DOWNLOADED)).hasSize(2);
  }

  @Test
  void shouldRefuseContentThatLiesOrCanRunAndStoreDuplicatesOnce() throws Exception {
    // given
    String model = newModel();
    awaitTask(register(model), "victor");
    String path = attachments(model);
    byte[] html =
        "<html><script>fetch('/api/audit')</script></html>".getBytes(StandardCharsets.UTF_8);
    byte[] polyglot =
        "%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
    byte[] zip = MediaTypeSnifferTest.zip("a.txt", "b.txt");

    // when
    Map<String, Answer> answers = new LinkedHashMap<>();
    answers.put(
        "html declared as PDF",
        upload("dana", path, "OTHER", null, "memo.pdf", "application/pdf", html));
    answers.put(
        "html named .html", upload("dana", path, "OTHER", null, "page.html", "text/html", html));
    answers.put(
        "polyglot PDF + HTML",
        upload("victor", path, "VALIDATION_MEMO", null, "memo.pdf", "application/pdf", polyglot));
    answers.put(
        "executable named .pdf",
        upload("dana", path, "OTHER", null, "memo.pdf", "application/pdf", exe));
    answers.put(
        "zip archive", upload("dana", path, "OTHER", null, "docs.zip", "application/zip", zip));
    answers.put("PDF named .docx", upload("dana", path, "OTHER", null, "memo.docx", null, PDF));
    answers.put("empty", upload("dana", path, "OTHER", null, "memo.pdf", null, new byte[0]));
    answers.put("unknown kind", upload("dana", path, "SOURCE_CODE", null, "memo.pdf", null, PDF));
    answers.put(
        "title too long", upload("dana", path, "OTHER", "t".repeat(201), "memo.pdf", null, PDF));
    answers.put(
        "two files",
        upload(
            "dana",
            path,
            List.of(
                Part.field("kind", "OTHER"),
                Part.file("a.pdf", null, PDF),
                Part.file("b.pdf", null, PDF))));
    answers.put("no file", upload("dana", path, List.of(Part.field("kind", "OTHER"))));

    // then
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("html declared as PDF", 415);
    expected.put("html named .html", 415);
    expected.put("polyglot PDF + HTML", 415);
    expected.put("executable named .pdf", 415);
    expected.put("zip archive", 415);
    expected.put("PDF named .docx", 415);
    expected.put("empty", 400);
    expected.put("unknown kind", 400);
    expected.put("title too long", 400);
    expected.put("two files", 400);
    expected.put("no file", 400);
    expected.forEach(
        (what, status) -> {
          Answer answer = answers.get(what);
          assertThat(answer.status()).as(what + ": " + answer.text()).isEqualTo(status);
          assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
          assertThat(answer.json().path("detail").asText()).as(what).isNotBlank();
        });
    assertThat(answers.get("polyglot PDF + HTML").json().path("detail").asText())
        .contains("markup");
    assertThat(answers.get("PDF named .docx").json().path("detail").asText())
        .contains("does not match");
    assertThat(attachmentRows(model)).isZero();

    // when: a path in the file name; then the same bytes twice, then as another kind
    Answer traversal =
        upload(
            "dana",
            path,
            "OTHER",
            null,
            "../../../etc/cron.d/x.txt",
            "text/plain",
            "words".getBytes(StandardCharsets.UTF_8));
    Answer first = upload("dana", path, "MODEL_DOCUMENTATION", null, "card.md", null, MARKDOWN);
    Answer again =
        upload("dana", path, "MODEL_DOCUMENTATION", "Other title", "card-2.md", null, MARKDOWN);
    Answer otherKind = upload("ci-bot", path, "DATA_SHEET", null, "card.md", null, MARKDOWN);

    // then: the name is its last segment only; one attachment per kind, one stored content
    assertThat(traversal.status()).as(traversal.text()).isEqualTo(201);
    assertThat(traversal.json().path("fileName").asText()).isEqualTo("x.txt");
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
    assertThat(otherKind.status()).isEqualTo(201);
    assertThat(otherKind.json().path("id")).isNotEqualTo(first.json().path("id"));
    assertThat(attachmentRows(model)).isEqualTo(3);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM evidence_blob WHERE sha256 = ?")
                .param(AttachmentService.sha256(MARKDOWN))
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(audit(model, AttachmentService.UPLOADED)).hasSize(3);
  }

  @Test
  void shouldRefuseOversizedUploads() throws Exception {
    // given
    String model = newModel();
    awaitTask(register(model), "victor");
    String path = attachments(model);
    long max = properties.getMaxSize().toBytes();

    // when: a file one byte over the limit (the request within the limit and its framing)
    byte[] tooLarge = new byte[(int) max + 1];
    System.arraycopy(PDF, 0, tooLarge, 0, PDF.length);
    Answer file = upload("dana", path, "OTHER", null, "big.pdf", null, tooLarge);

    // when: a request declaring more than the limit and its framing
    String boundary = "b0undary";
    Map<String, String> headers =
        Map.of(
            "Authorization",
            RawHttp.basic("dana"),
            "Content-Type",
            "multipart/form-data; boundary=" + boundary);
    RawHttp.Result declared =
        RawHttp.lyingContentLength(
            port,
            "POST",
            path,
            headers,
            new byte[1024],
            EvidenceUploads.maxRequestBytes(properties.getMaxSize()) + 1);
    // when: a chunked multipart body (its length unknown until read)
    RawHttp.Result chunked =
        RawHttp.chunked(
            port,
            "POST",
            path,
            headers,
            "--b0undary\r\n".getBytes(StandardCharsets.US_ASCII),
            2 * max);

    // then
    assertThat(file.status()).as(file.text()).isEqualTo(413);
    assertThat(file.json().path("detail").asText()).contains("modelops.evidence.max-size");
    assertThat(declared.status()).as(declared.body()).isEqualTo(413);
    assertThat(chunked.status()).as(chunked.body()).isEqualTo(411);
    assertThat(chunked.bytesSent()).isLessThan(max);
    assertThat(attachmentRows(model)).isZero();

    // and: every other endpoint keeps modelops.max-request-size
    RawHttp.Result other =
        RawHttp.lyingContentLength(
            port,
            "POST",
            "/api/models/" + model + "/versions",
            Map.of("Authorization", RawHttp.basic("ci-bot"), "Content-Type", "application/json"),
            new byte[16],
            6L * 1024 * 1024);
    assertThat(other.status()).isEqualTo(413);
  }

  @Test
  void shouldRefuseCrossSiteMultipartPosts() throws Exception {
    // given
    String model = newModel();
    awaitTask(register(model), "victor");
    String path = attachments(model);

    // when: a form post that carries a cookie (as a browser sends it for another site)
    Answer crossSite =
        send(
            "dana",
            path,
            List.of(Part.field("kind", "OTHER"), Part.file("memo.pdf", null, PDF)),
            Map.of("Cookie", "JSESSIONID=abc", "Origin", "https://evil.example"));

    // then
    assertThat(crossSite.status()).as(crossSite.text()).isEqualTo(403);
    assertThat(crossSite.json().path("title").asText()).contains("cross-site");
    assertThat(attachmentRows(model)).isZero();
  }

  @Test
  void shouldCloseTheEvidenceOnApprovalAndInTheDatabase() throws Exception {
    // given: an approved version with an attachment
    String model = newModel();
    String instance = register(model);
    String path = attachments(model);
    awaitTask(instance, "victor");
    Answer memo = upload("victor", path, "VALIDATION_MEMO", null, "memo.pdf", null, PDF);
    assertThat(memo.status()).isEqualTo(201);
    approve(instance);
    releases().awaitStatus(model, "1.0.0", "APPROVED");

    // when
    Answer late = upload("dana", path, "MODEL_DOCUMENTATION", null, "card.md", null, MARKDOWN);

    // then
    assertThat(late.status()).as(late.text()).isEqualTo(409);
    assertThat(late.json().path("detail").asText()).contains("APPROVED", "closed");
    assertThat(attachmentRows(model)).isEqualTo(1);

    // and: the database refuses to change, remove or add evidence, whoever connects
    UUID id = UUID.fromString(memo.json().path("id").asText());
    String sha = memo.json().path("sha256").asText();
    assertThatThrownBy(
            () -> jdbc.sql("UPDATE attachment SET title = 'x' WHERE id = ?").param(id).update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM attachment WHERE id = ?").param(id).update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE evidence_blob SET content = ? WHERE sha256 = ?")
                    .params(new byte[] {1}, sha)
                    .update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () -> jdbc.sql("DELETE FROM evidence_blob WHERE sha256 = ?").param(sha).update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "INSERT INTO attachment (id, version_id, kind, file_name, media_type,"
                            + " size_bytes, sha256, uploaded_by, uploaded_at)"
                            + " SELECT ?, version_id, 'OTHER', 'x.pdf', 'application/pdf', size_bytes,"
                            + " sha256, 'dana', uploaded_at FROM attachment WHERE id = ?")
                    .params(UUID.randomUUID(), id)
                    .update())
        .hasMessageContaining("evidence is closed");
  }

  @Test
  void shouldHoldAHighRiskVersionAtApprovalUntilItsValidationMemoIsAttached() throws Exception {
    properties
        .getRequiredBeforeRelease()
        .put(RiskTier.HIGH, List.of(AttachmentKind.VALIDATION_MEMO));
    try {
      // given: a HIGH-risk version reviewed and approved by both groups, without a memo
      String model = newModel();
      String instance = register(model);
      String path = attachments(model);
      awaitTask(instance, "victor");
      upload("dana", path, "MODEL_DOCUMENTATION", null, "card.md", null, MARKDOWN);
      approve(instance);

      // then: it stops at "Model version approved" with a control violation, still in review
      JsonNode incident = awaitIncident(instance);
      assertThat(incident.path("activityId").asText()).isEqualTo(ModelLifecycle.EVENT_APPROVED);
      assertThat(incident.path("incidentMessage").asText())
          .contains("Control violation", "VALIDATION_MEMO", "HIGH");
      JsonNode violations = audit(model, "CONTROL_VIOLATION");
      assertThat(violations).hasSize(1);
      assertThat(violations.get(0).path("details").path("missing").toString())
          .contains("VALIDATION_MEMO");
      assertThat(releases().version(model, "1.0.0").path("status").asText()).isEqualTo("IN_REVIEW");

      // when: the validator attaches the memo and operations retry the step
      Answer memo = upload("victor", path, "VALIDATION_MEMO", "Memo", "memo.pdf", null, PDF);
      assertThat(memo.status()).as(memo.text()).isEqualTo(201);
      ApiClient.Response retried =
          ApiClient.as(port, "admin")
              .put(
                  "/engine-rest/job/" + incident.path("configuration").asText() + "/retries",
                  "{\"retries\":1}");
      assertThat(retried.status()).as(retried.body()).isEqualTo(204);

      // then: the version is approved and goes on to staging
      releases().awaitStatus(model, "1.0.0", "APPROVED");
      releases().awaitStage(model, "1.0.0", "STAGING");
    } finally {
      properties.getRequiredBeforeRelease().remove(RiskTier.HIGH);
    }
  }

  // --- helpers

  private void approve(String instance) {
    complete("victor", awaitTask(instance, "victor"), "reviewDecision");
    complete("rita", awaitTask(instance, "rita"), "reviewDecision");
  }

  private void complete(String user, String task, String variable) {
    ApiClient.Response done =
        ApiClient.as(port, user)
            .post(
                "/engine-rest/task/" + task + "/complete",
                Map.of(
                    "variables",
                    Map.of(
                        variable,
                        Map.of("value", "APPROVE"),
                        "reviewComment",
                        Map.of("value", "Evidence sufficient"))));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
  }

  private ModelReleases releases() {
    return new ModelReleases(port, managementService);
  }

  private String newModel() {
    return "evidence-" + MODELS.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
  }

  private static String attachments(String model) {
    return "/api/models/" + model + "/versions/1.0.0/attachments";
  }

  private String register(String model) {
    ApiClient.Response response =
        ApiClient.as(port, "ci-bot")
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0"));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("processInstanceId").asText();
  }

  private String awaitTask(String instance, String user) {
    return Tasks.awaitTask(port, instance, user, TIMEOUT);
  }

  private JsonNode awaitIncident(String instance) {
    return Tasks.awaitIncident(port, instance, TIMEOUT);
  }

  private JsonNode audit(String model, String action) {
    return ApiClient.as(port, "rita")
        .get("/api/audit?size=100&model=" + model + "&action=" + action)
        .json()
        .path("items");
  }

  private long attachmentRows(String model) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM attachment a JOIN model_version v ON v.id = a.version_id"
                + " JOIN model m ON m.id = v.model_id WHERE m.name = ?")
        .param(model)
        .query(Long.class)
        .single();
  }

  private Answer get(String user, String path) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    request.header("Authorization", RawHttp.basic(user));
    HttpResponse<byte[]> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.body(), response);
  }

  private Answer upload(
      String user,
      String path,
      String kind,
      String title,
      String fileName,
      String contentType,
      byte[] content)
      throws Exception {
    List<Part> parts = new ArrayList<>();
    parts.add(Part.field("kind", kind));
    if (title != null) {
      parts.add(Part.field("title", title));
    }
    parts.add(Part.file(fileName, contentType, content));
    return upload(user, path, parts);
  }

  private Answer upload(String user, String path, List<Part> parts) throws Exception {
    return send(user, path, parts, Map.of());
  }

  private Answer send(String user, String path, List<Part> parts, Map<String, String> headers)
      throws Exception {
    String boundary = "----evidence" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Part part : parts) {
      StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
      head.append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
      if (part.fileName() != null) {
        head.append("; filename=\"").append(part.fileName()).append('"');
      }
      head.append("\r\n");
      if (part.fileName() != null) {
        head.append("Content-Type: ")
            .append(part.contentType() == null ? "application/octet-stream" : part.contentType())
            .append("\r\n");
      }
      head.append("\r\n");
      body.write(head.toString().getBytes(StandardCharsets.UTF_8));
      body.write(part.content());
      body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (user != null) {
      request.header("Authorization", RawHttp.basic(user));
    }
    headers.forEach(request::header);
    HttpResponse<byte[]> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.body(), response);
  }
}
