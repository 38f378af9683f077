package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.MonitoringScenario;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.TestMail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Input that other components read differently from us: e-mail addresses the mail sender parses as
 * several (or none), control characters and lone surrogates in any string of the JSON API, and odd
 * spellings of paths. Every such request is a 4xx problem, and nothing is stored.
 */
@IntegrationTest
public class InputHygieneIT {

  private static final String VERSIONS = "/api/models/hygiene-model/versions";

  /** Writes every character outside ASCII as a JSON escape. */
  private static final com.fasterxml.jackson.databind.ObjectWriter ESCAPING =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .writer()
          .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII);

  /** Addresses the mail sender would read as several, none, or something else than they look. */
  static final List<String> BAD_ADDRESSES =
      List.of(
          "\"x,evil@x.com\"@b.com",
          "\"x\"@b.com",
          "Owner <owner@example.com>",
          "\"Owner\" <owner@example.com>",
          "owner@example.com (team)",
          "a@b",
          "a@[127.0.0.1]",
          "a@127.0.0.1",
          "a@b.com, c@d.com",
          "a@b.com,c@d.com",
          "a@b.com; c@d.com",
          "a@b.com c@d.com",
          "a@b.com\r\nBcc: evil@x.com",
          "a@b.com\nBcc: evil@x.com",
          "a@b.com\r",
          "björn@exämple.com",
          "a@exämple.com",
          "a..b@example.com",
          ".a@example.com",
          "a.@example.com",
          "a@-example.com",
          "a@example-.com",
          "a@example..com",
          "a@.example.com",
          "a@example.com.",
          "@example.com",
          "a@",
          "a@@example.com",
          "a@b@example.com",
          "<a@example.com>",
          "a(comment)@example.com",
          "a\\b@example.com",
          " a@example.com",
          "a@example.com ",
          "x".repeat(65) + "@example.com",
          "a@" + "x".repeat(64) + ".com");

  /** The refused address forms, for the unit test of the rule. */
  public static List<String> badAddresses() {
    return BAD_ADDRESSES;
  }

  /** One representative of every refused character class. */
  static final Map<String, String> CONTROL_CHARACTERS = controlCharacters();

  private static Map<String, String> controlCharacters() {
    Map<String, String> characters = new LinkedHashMap<>();
    characters.put("NUL", "\u0000");
    characters.put("SOH", "\u0001");
    characters.put("ESC", "\u001b");
    characters.put("US", "\u001f");
    characters.put("DEL", "\u007f");
    characters.put("C1 PAD", "\u0080");
    characters.put("C1 NEL", "\u0085");
    characters.put("C1 APC", "\u009f");
    characters.put("lone high surrogate", "\ud800");
    characters.put("lone low surrogate", "\udc00");
    characters.put("reversed surrogates", "\udc00\ud800");
    characters.put("high surrogate at the end", "x\udbff");
    return characters;
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;

  @Test
  void shouldRefuseEveryAddressTheMailSenderWouldReadDifferently() {
    Map<String, Long> before = rowCounts();
    ApiClient ci = ApiClient.as(port, "ci-bot");
    Map<String, String> wrong = new TreeMap<>();
    int refused = 0;
    for (String address : BAD_ADDRESSES) {
      Response response =
          ci.post(VERSIONS, Registrations.example("1.0.0").put("ownerEmail", address));
      if (response.status() == 400 && response.body().contains("\"field\":\"ownerEmail\"")) {
        refused++;
      } else {
        wrong.put(address, response.status() + " " + abbreviate(response.body()));
      }
    }
    System.out.printf(
        "Owner addresses: %d requests, %d answered 400 naming ownerEmail%n",
        BAD_ADDRESSES.size(), refused);
    assertThat(wrong).as("addresses not refused").isEmpty();
    assertThat(rowCounts()).isEqualTo(before);
  }

  /**
   * A registrant whose address in Camunda's identity is broken, and an owner name with a line break
   * and a header: the rejection mail still reaches the owner, and nobody else.
   */
  @Test
  void shouldMailTheOwnerEvenWhenTheRegistrantsAddressIsBroken() {
    String user = "hygiene-user-" + System.nanoTime() % 100_000;
    org.camunda.bpm.engine.identity.User registrant = identityService.newUser(user);
    registrant.setFirstName("Broken");
    registrant.setLastName("Address");
    registrant.setEmail("\"x,evil@x.com\"@b.com");
    registrant.setPassword(user);
    identityService.saveUser(registrant);
    identityService.createMembership(user, Groups.DATA_SCIENTISTS);
    try {
      String model = "hygiene-mail-" + System.nanoTime() % 100_000;
      String owner = "owner-" + model + "@example.com";
      ObjectNode body =
          Registrations.example("1.0.0")
              .put("ownerEmail", owner)
              .put("owner", "team\r\nBcc: evil@x.com");
      body.remove("description"); // HIGH risk needs one: rejected by validation
      Response registered =
          ApiClient.as(port, user, user).post("/api/models/" + model + "/versions", body);
      assertThat(registered.status()).as(registered.body()).isEqualTo(201);

      String subject = model + ":1.0.0 was rejected";
      List<String> recipients =
          org.awaitility.Awaitility.await()
              .atMost(java.time.Duration.ofSeconds(60))
              .until(() -> recipientsOf(subject), r -> !r.isEmpty());
      System.out.printf(
          "Rejection mail with a broken registrant address: delivered to %s%n", recipients);
      assertThat(recipients).containsExactly(owner);
      assertThat(TestMail.server().getReceivedMessagesForDomain("x.com")).isEmpty();
      assertThat(TestMail.server().getReceivedMessagesForDomain("b.com")).isEmpty();
    } finally {
      identityService.deleteUser(user);
    }
  }

  /** A mail queued before addresses were checked: the broken address is left out, not the mail. */
  @Test
  void shouldSendAQueuedMailToItsValidRecipientsOnly() {
    java.util.UUID id = java.util.UUID.randomUUID();
    String good = "queued-" + id.toString().substring(0, 8) + "@example.com";
    String subject = "[ModelOps] queued before the check " + id;
    jdbc.sql(
            "INSERT INTO notification_outbox (id, dedup_key, recipients, subject, body, status,"
                + " attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0,"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
        .params(id, "hygiene:" + id, "\"x,evil@x.com\"@b.com," + good, subject, "body")
        .update();

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("SELECT status FROM notification_outbox WHERE id = ?")
                    .param(id)
                    .query(String.class)
                    .single(),
            "SENT"::equals);
    assertThat(recipientsOf(subject)).containsExactly(good);
  }

  @Test
  void shouldRefuseControlCharactersAndLoneSurrogatesInEveryStringOfTheJsonApi() {
    Map<String, Long> before = rowCounts();
    ApiClient admin = ApiClient.as(port, "admin");
    ApiClient monitor = ApiClient.as(port, MonitoringScenario.MONITOR);
    List<Attempt> attempts = new ArrayList<>();
    for (Map.Entry<String, String> c : CONTROL_CHARACTERS.entrySet()) {
      String bad = "a" + c.getValue() + "b";
      String kind = c.getKey();
      attempts.add(body(kind + " in owner", "owner", b -> b.put("owner", bad)));
      attempts.add(body(kind + " in description", "description", b -> b.put("description", bad)));
      attempts.add(
          body(
              kind + " in limitations",
              "limitations",
              b -> b.put("limitations", "x" + c.getValue())));
      attempts.add(
          body(
              kind + " in ownerEmail",
              "ownerEmail",
              b -> b.put("ownerEmail", "a" + c.getValue() + "@example.com")));
      attempts.add(
          body(
              kind + " in lineage",
              "lineage.trainingDataRef",
              b -> ((ObjectNode) b.path("lineage")).put("trainingDataRef", bad)));
      attempts.add(
          body(
              kind + " in a metric name",
              "metrics",
              b -> ((ObjectNode) b.path("metrics")).put(bad, 0.5)));
      attempts.add(
          body(
              kind + " in a fairness group",
              "fairness.gender",
              b -> ((ObjectNode) b.path("fairness").path("gender")).put(bad, 0.3)));
      attempts.add(body(kind + " in an unknown field name", "a", b -> b.put(bad, "x")));
      attempts.add(
          new Attempt(
              kind + " in a metric point",
              "POST",
              "/api/models/hygiene-model/versions/1.0.0/metrics",
              "{\"points\":[{\"name\":\"error_rate\",\"value\":0.1,\"segment\":\""
                  + escape(bad)
                  + "\"}]}",
              "points[0].segment"));
      attempts.add(
          new Attempt(
              kind + " in a retraining reason",
              "POST",
              "/api/models/hygiene-model/retrain",
              "{\"reason\":\"" + escape(bad) + "\"}",
              "reason"));
      attempts.add(
          new Attempt(
              kind + " in a path variable", "GET", "/api/models/" + percent(bad), null, null));
      attempts.add(
          new Attempt(
              kind + " in a query parameter",
              "GET",
              "/api/audit?actor=" + percent(bad),
              null,
              null));
      attempts.add(
          new Attempt(
              kind + " in a query parameter name",
              "GET",
              "/api/models?" + percent(bad) + "=1",
              null,
              null));
    }
    // C1 controls sent as raw UTF-8 (not as JSON escapes)
    attempts.add(
        new Attempt(
            "raw C1 in description",
            "POST",
            VERSIONS,
            Registrations.example("1.0.0").put("description", "a\u0085b").toString(),
            "description"));

    Map<String, String> wrong = new TreeMap<>();
    int refused = 0;
    for (Attempt attempt : attempts) {
      // health evidence is accepted from monitoring identities only
      ApiClient client = attempt.path().endsWith("/metrics") ? monitor : admin;
      Response response =
          "GET".equals(attempt.method())
              ? client.get(attempt.path())
              : client.post(attempt.path(), attempt.body());
      boolean problem =
          response.status() == 400
              && String.valueOf(response.header("Content-Type"))
                  .startsWith("application/problem+json")
              && (attempt.field() == null
                  || response.body().contains("\"field\":\"" + attempt.field()));
      if (problem) {
        refused++;
      } else {
        wrong.put(attempt.name(), response.status() + " " + abbreviate(response.body()));
      }
    }
    System.out.printf(
        "Control characters: %d requests, %d answered 400 naming the field%n",
        attempts.size(), refused);
    assertThat(wrong).as("requests not refused with a 400 naming the field").isEmpty();
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void shouldKeepTabsLineBreaksAndPairedSurrogatesInText() {
    ObjectNode body =
        Registrations.example("1.0.0")
            .put("description", "Line one\r\nline two\tindented, emoji \ud83d\ude00, \u00e9t\u00e9")
            .put("owner", "fraud-analytics-team\nsecond line");
    Response response =
        ApiClient.as(port, "ci-bot")
            .post("/api/models/hygiene-text-" + System.nanoTime() % 100_000 + "/versions", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }

  /** Odd spellings of paths: each is a 4xx problem, never a 5xx, never the canonical answer. */
  @Test
  void shouldAnswerOddSpellingsOfPathsWithA4xx() {
    String admin =
        "Basic "
            + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    ApiClient tasklist = ApiClient.tasklistSession(port, "admin");
    String cookie =
        "JSESSIONID="
            + tasklist.cookie("JSESSIONID")
            + "; XSRF-TOKEN="
            + tasklist.cookie("XSRF-TOKEN");
    Map<String, String> basic = Map.of("Authorization", admin);
    Map<String, String> session =
        Map.of("Cookie", cookie, "X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN"));
    String expression = "%24%7Bexecution.getProcessEngineServices()%7D";
    List<String[]> paths = new ArrayList<>();
    for (String path :
        List.of(
            "/camunda//api/engine/engine/default/task?maxResults=1",
            "/camunda/api//engine/engine/default/task?maxResults=1",
            "/camunda/api/%61dmin/auth/user/default",
            "/camunda/api/engine/engine/default/../../admin/auth/user/default",
            "/camunda/api/engine/engine/default/./task?maxResults=1",
            "/camunda/api/engine/engine/default/%74ask?maxResults=1&assigneeExpression="
                + expression,
            "/camunda/app/%74asklist/",
            "/camunda/app/tasklist/;jsessionid=x/",
            "/camunda/api/engine/engine/default/task;x=y?maxResults=1",
            "/camunda\\api\\engine\\engine\\default\\task")) {
      paths.add(new String[] {"GET", path, "session"});
    }
    paths.add(new String[] {"POST", "/camunda/api/%61dmin/setup/default/user/create", "session"});
    paths.add(new String[] {"POST", "/camunda/api/admin/setup/default/user/%63reate", "none"});
    for (String path :
        List.of(
            "//engine-rest//task?maxResults=1",
            "/engine-rest//task?maxResults=1",
            "/engine-rest/%74ask?maxResults=1&assigneeExpression=" + expression,
            "/engine-rest/engine/default/%74ask?maxResults=1&assigneeExpression=" + expression,
            "/engine-rest/engine/default/%2e%2e/task?maxResults=1",
            "/engine-rest/task/./?maxResults=1",
            "/engine-rest/task;jsessionid=abc?maxResults=1",
            "/engine-rest\\task",
            "/engine-rest/task%00",
            "/%65ngine-rest/task?maxResults=1",
            "/api/models/%2e%2e/x",
            "/api/models/%2E%2E/versions",
            "/api/models/../models",
            "/api/models/%2e",
            "/api/models/%2F",
            "/api/models/%5C",
            "/api/models/%252e%252e",
            "/api/models/%zz",
            "/api/models/%4",
            "/api/models/%",
            "/api/models/%C0%AE%C0%AE/x",
            "/api/models/%E0%80%AE",
            "/api/models/%ED%A0%80",
            "/api/models/%FF",
            "/api/models/%C3",
            "/api/models/a%00b",
            "/api/models/a%0d%0aSet-Cookie:%20x=y",
            "/api/models;jsessionid=abc",
            "/api/models/x;a=b/versions",
            "/api/models\\..\\x",
            "/api/%6dodels",
            "/%61pi/models",
            "/actuator/%65nv",
            "/dashboard/..;/actuator/env",
            "/api/models/x/" + "a".repeat(9000))) {
      paths.add(new String[] {"GET", path, "basic"});
    }

    Map<String, String> wrong = new TreeMap<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (String[] p : paths) {
      Map<String, String> headers =
          switch (p[2]) {
            case "session" -> session;
            case "basic" -> basic;
            default -> Map.of();
          };
      RawResponse response = raw(p[0], p[1], headers);
      statuses.merge(response.status(), 1, Integer::sum);
      if (response.status() < 400 || response.status() >= 500) {
        wrong.put(
            p[0] + " " + abbreviate(p[1]), response.status() + " " + abbreviate(response.body()));
      }
    }
    System.out.printf("Odd paths: %d requests, statuses %s%n", paths.size(), statuses);
    assertThat(wrong).as("odd paths not answered with a 4xx").isEmpty();
  }

  // --- helpers

  /** Distinct recipients of the mails whose subject contains {@code subjectPart}. */
  private static List<String> recipientsOf(String subjectPart) {
    java.util.Set<String> recipients = new java.util.TreeSet<>();
    for (jakarta.mail.internet.MimeMessage m : TestMail.server().getReceivedMessages()) {
      try {
        if (m.getSubject() != null && m.getSubject().contains(subjectPart)) {
          for (jakarta.mail.Address a : m.getAllRecipients()) {
            recipients.add(a.toString());
          }
          assertThat(m.getHeader("Bcc")).isNull();
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return List.copyOf(recipients);
  }

  private record Attempt(String name, String method, String path, String body, String field) {}

  private record RawResponse(int status, String body) {}

  private static Attempt body(String name, String field, Consumer<ObjectNode> change) {
    ObjectNode body = Registrations.example("1.0.0");
    change.accept(body);
    try {
      // escaped, so that lone surrogates arrive as such (UTF-8 cannot carry them)
      return new Attempt(name, "POST", VERSIONS, ESCAPING.writeValueAsString(body), field);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request written byte by byte: no client library normalises or refuses the path. */
  private RawResponse raw(String method, String path, Map<String, String> headers) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      StringBuilder request = new StringBuilder();
      request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      request.append("Host: localhost:").append(port).append("\r\n");
      request.append("Accept: application/json\r\nConnection: close\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      if ("POST".equals(method)) {
        request.append("Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
      } else {
        request.append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      String text = buffer.toString(StandardCharsets.UTF_8);
      if (text.isEmpty()) {
        return new RawResponse(0, "(connection closed without an answer)");
      }
      int status = Integer.parseInt(text.substring(9, 12));
      int bodyStart = text.indexOf("\r\n\r\n");
      return new RawResponse(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("model", "model_version", "metric_point", "retraining_request")) {
      counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
    }
    return counts;
  }

  /** JSON string content, with every character outside printable ASCII as an escape. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Percent-encodes the UTF-16 code units as UTF-8 would (lone surrogates as CESU bytes). */
  static String percent(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c < 0x80 && Character.isLetterOrDigit(c)) {
        out.append(c);
      } else if (c < 0x80) {
        out.append(String.format("%%%02X", (int) c));
      } else if (c < 0x800) {
        out.append(String.format("%%%02X%%%02X", 0xC0 | (c >> 6), 0x80 | (c & 0x3F)));
      } else {
        out.append(
            String.format(
                "%%%02X%%%02X%%%02X",
                0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)));
      }
    }
    return out.toString();
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
  }
}
