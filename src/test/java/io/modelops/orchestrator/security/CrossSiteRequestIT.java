package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cross-site request forgery against {@code /api/**} and {@code /engine-rest/**} over plain HTTP:
 * the requests a browser sends for a page of another origin (cookies, a foreign {@code Origin},
 * fetch metadata, form bodies, HTTP Basic credentials it cached) are refused; machine clients keep
 * working; people sign in to the dashboard with a form, a session and CSRF tokens; no cross-origin
 * access is granted.
 */
@IntegrationTest
class CrossSiteRequestIT {

  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final String NAVIGATION_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  private static final String JSON = "application/json";
  private static final Pattern CSRF_FIELD =
      Pattern.compile(
          "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private String app;

  @BeforeEach
  void setUp() {
    app = "http://localhost:" + port;
  }

  /** A request as a browser (with cached Basic credentials of the admin) may send it. */
  private record Attempt(
      String name, String contentType, String body, Map<String, String> headers) {}

  @Test
  void refusesStateChangingRequestsThatLookCrossSite() {
    // given: a version in canary; executing its canary window timer would promote it
    String model = "xsite-job-" + System.nanoTime() % 100_000 + "-" + RUNS.incrementAndGet();
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.register(model, ModelReleases.registration(model, "1.0.0"));
    releases.awaitStage(model, "1.0.0", "CANARY");
    Job timer = releases.canaryTimer(model);
    String execute = "/engine-rest/job/" + timer.getId() + "/execute";
    String rollback = "/api/models/" + model + "/rollback";

    List<Attempt> attempts =
        List.of(
            new Attempt("cookie", JSON, "{}", Map.of("Cookie", "JSESSIONID=0123456789ABCDEF")),
            new Attempt("foreign origin", JSON, "{}", Map.of("Origin", "http://localhost:1")),
            new Attempt(
                "foreign origin, other scheme",
                JSON,
                "{}",
                Map.of("Origin", "https://localhost:" + port)),
            new Attempt("opaque origin", JSON, "{}", Map.of("Origin", "null")),
            new Attempt("cross-site fetch", JSON, "{}", Map.of("Sec-Fetch-Site", "cross-site")),
            new Attempt("same-site fetch", JSON, "{}", Map.of("Sec-Fetch-Site", "same-site")),
            new Attempt(
                "url-encoded form navigation",
                "application/x-www-form-urlencoded",
                "reason=cross-site",
                Map.of("Accept", NAVIGATION_ACCEPT)),
            new Attempt(
                "multipart form",
                "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\ncross-site\r\n--x--\r\n",
                Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document")),
            new Attempt(
                "text/plain no-cors fetch",
                "text/plain;charset=UTF-8",
                "{\"reason\":\"cross-site\"}",
                Map.of("Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Dest", "empty")),
            new Attempt(
                "text/plain form with same-origin Origin",
                "text/plain",
                "{\"reason\":\"cross-site\"}",
                Map.of("Origin", app, "Accept", NAVIGATION_ACCEPT)));

    // when: each is sent to the engine (execute the job) and to the API (roll the model back)
    Map<String, Integer> answers = new LinkedHashMap<>();
    Map<String, String> bodies = new LinkedHashMap<>();
    for (Attempt attempt : attempts) {
      for (String path : List.of(execute, rollback)) {
        for (String method : List.of("POST", "PUT", "DELETE")) {
          HttpResponse<String> response =
              send(
                  method,
                  path,
                  attempt.contentType(),
                  attempt.body(),
                  withBasic("admin", attempt.headers()));
          answers.put(method + " " + path + " [" + attempt.name() + "]", response.statusCode());
          bodies.put(method + " " + path + " [" + attempt.name() + "]", response.body());
        }
      }
    }

    // then: all refused with 403 problem details that name the header; nothing changed
    assertThat(answers).hasSize(attempts.size() * 6);
    assertThat(answers.values()).as(answers.toString()).containsOnly(403);
    assertThat(bodies.values()).allSatisfy(b -> assertThat(b).contains("X-Requested-By"));
    assertThat(managementService.createJobQuery().jobId(timer.getId()).count()).isEqualTo(1);
    assertThat(releases.version(model, "1.0.0").path("stage").asText()).isEqualTo("CANARY");

    // and: with the header, or same-origin without cookies, a request reaches the engine (an
    // unknown job: 404), so the header is all that decides
    String unknownJob = "/engine-rest/job/no-such-job/execute";
    assertThat(
            status(
                send(
                    "POST",
                    unknownJob,
                    JSON,
                    "{}",
                    withBasic(
                        "admin",
                        Map.of(
                            "Cookie",
                            "JSESSIONID=0123456789ABCDEF",
                            "Origin",
                            "http://localhost:1",
                            "Sec-Fetch-Site",
                            "cross-site",
                            CrossSiteRequestFilter.HEADER,
                            "modelops-ui")))))
        .isEqualTo(404);
    assertThat(
            status(
                send(
                    "POST",
                    unknownJob,
                    JSON,
                    "{}",
                    withBasic(
                        "admin",
                        Map.of(
                            "Origin",
                            app,
                            "Sec-Fetch-Site",
                            "same-origin",
                            "Sec-Fetch-Mode",
                            "cors")))))
        .isEqualTo(404);
    assertThat(
            status(
                send(
                    "POST",
                    unknownJob,
                    JSON,
                    "{}",
                    withBasic("admin", Map.of(CrossSiteRequestFilter.HEADER, " ")))))
        .as("a blank header does not count, but nothing else looks cross-site here")
        .isEqualTo(404);
    assertThat(
            status(
                send(
                    "POST",
                    unknownJob,
                    JSON,
                    "{}",
                    withBasic(
                        "admin", Map.of("Cookie", "a=b", CrossSiteRequestFilter.HEADER, " ")))))
        .as("a blank header does not count")
        .isEqualTo(403);
  }

  @Test
  void machineClientsKeepWorking() {
    String model = "xsite-machine-" + System.nanoTime() % 100_000 + "-" + RUNS.incrementAndGet();

    // curl -u ci-bot:ci-bot -H 'Content-Type: application/json' -d @registration.json
    HttpResponse<String> registration =
        send(
            "POST",
            "/api/models/" + model + "/versions",
            JSON,
            ModelReleases.registration(model, "1.0.0").toString(),
            withBasic("ci-bot", Map.of("Accept", "*/*", "User-Agent", "curl/8.5.0")));
    // a task query over the engine API, as Java's HTTP client sends it
    HttpResponse<String> query =
        send("POST", "/engine-rest/task?maxResults=5", JSON, "{}", withBasic("victor", Map.of()));
    // Camunda Modeler's deployment: multipart, Basic, from its desktop process
    String deploymentName = "xsite-modeler-" + RUNS.incrementAndGet();
    String boundary = "----modeler" + System.nanoTime();
    String multipart =
        part(boundary, "deployment-name", null, deploymentName)
            + part(boundary, "deployment-source", null, "Camunda Modeler")
            + part(boundary, "probe.bpmn", "probe.bpmn", probeProcess())
            + "--"
            + boundary
            + "--\r\n";
    HttpResponse<String> deployment =
        send(
            "POST",
            "/engine-rest/deployment/create",
            "multipart/form-data; boundary=" + boundary,
            multipart,
            withBasic("admin", Map.of("User-Agent", "node-fetch/1.0", "Accept", "*/*")));

    assertThat(registration.statusCode()).as(registration.body()).isEqualTo(201);
    assertThat(query.statusCode()).as(query.body()).isEqualTo(200);
    assertThat(deployment.statusCode()).as(deployment.body()).isEqualTo(200);
    assertThat(repositoryService.createDeploymentQuery().deploymentName(deploymentName).count())
        .isEqualTo(1);
    repositoryService.deleteDeployment(
        repositoryService
            .createDeploymentQuery()
            .deploymentName(deploymentName)
            .singleResult()
            .getId(),
        true);
  }

  @Test
  void browsersAreNeverAskedForBasicCredentials() {
    Map<String, String> navigation =
        Map.of(
            "Accept", NAVIGATION_ACCEPT,
            "Sec-Fetch-Mode", "navigate",
            "Sec-Fetch-Dest", "document",
            "Sec-Fetch-Site", "none",
            "Upgrade-Insecure-Requests", "1");
    List<String> paths =
        List.of(
            "/api/models",
            "/engine-rest/process-definition",
            "/api/models/x/versions/1.0.0/report");
    List<HttpResponse<String>> browser = new ArrayList<>();
    List<HttpResponse<String>> fetched = new ArrayList<>();
    List<HttpResponse<String>> machine = new ArrayList<>();
    for (String path : paths) {
      browser.add(send("GET", path, null, null, navigation));
      fetched.add(send("GET", path, null, null, Map.of("Sec-Fetch-Mode", "cors", "Accept", "*/*")));
      machine.add(send("GET", path, null, null, Map.of("Accept", "application/json")));
    }

    assertThat(browser)
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(401);
              assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
              assertThat(r.headers().firstValue("Content-Type"))
                  .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            });
    assertThat(fetched)
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(401);
              assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
            });
    assertThat(machine)
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(401);
              assertThat(r.headers().firstValue("WWW-Authenticate"))
                  .contains("Basic realm=\"ModelOps\"");
            });
  }

  @Test
  void peopleSignInToTheDashboardWithAFormASessionAndCsrfTokens() {
    Map<String, String> navigation =
        Map.of("Accept", NAVIGATION_ACCEPT, "Sec-Fetch-Mode", "navigate");
    Cookies cookies = new Cookies();

    // the dashboard sends a browser to the sign-in page
    HttpResponse<String> dashboard =
        cookies.keep(send("GET", "/dashboard", null, null, navigation));
    assertThat(dashboard.statusCode()).isEqualTo(302);
    assertThat(dashboard.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    assertThat(dashboard.headers().firstValue("WWW-Authenticate")).isEmpty();

    HttpResponse<String> page =
        cookies.keep(send("GET", "/login", null, null, cookies.on(navigation)));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("name=\"username\"", "name=\"password\"", "name=\"_csrf\"");
    String sessionBefore = cookies.get("JSESSIONID");
    assertThat(sessionBefore).isNotNull();

    // without the CSRF token, the sign-in is refused
    HttpResponse<String> noToken =
        send(
            "POST",
            "/login",
            "application/x-www-form-urlencoded",
            "username=oscar&password=oscar",
            cookies.on(navigation));
    assertThat(noToken.statusCode()).isEqualTo(403);

    // with it, oscar is signed in, under a new session id, and back on the dashboard
    HttpResponse<String> login =
        cookies.keep(
            send(
                "POST",
                "/login",
                "application/x-www-form-urlencoded",
                "username=oscar&password=oscar&_csrf=" + encode(csrf(page.body())),
                cookies.on(navigation)));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).contains("/dashboard"));
    assertThat(cookies.get("JSESSIONID"))
        .as("session id changes at sign-in")
        .isNotEqualTo(sessionBefore);
    HttpResponse<String> signedIn = send("GET", "/dashboard", null, null, cookies.on(navigation));
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(signedIn.body()).contains("Model inventory", "for oscar", "Sign out");
    assertThat(
            send("GET", "/dashboard/inventory.csv", null, null, cookies.on(navigation))
                .statusCode())
        .isEqualTo(200);

    // the old session id is worth nothing
    assertThat(
            send(
                    "GET",
                    "/dashboard",
                    null,
                    null,
                    Map.of("Accept", NAVIGATION_ACCEPT, "Cookie", "JSESSIONID=" + sessionBefore))
                .statusCode())
        .isEqualTo(302);

    // the session does not authenticate the APIs, not even with the API's header
    HttpResponse<String> apiWithSession =
        send(
            "POST",
            "/api/models/anything/rollback",
            JSON,
            "{\"reason\":\"x\"}",
            cookies.on(Map.of(CrossSiteRequestFilter.HEADER, "x")));
    assertThat(apiWithSession.statusCode()).isEqualTo(401);
    assertThat(
            send("GET", "/api/models", null, null, cookies.on(Map.of("Accept", JSON))).statusCode())
        .isEqualTo(401);

    // sign-out without the CSRF token is refused: oscar stays signed in
    assertThat(
            send("POST", "/logout", "application/x-www-form-urlencoded", "", cookies.on(navigation))
                .statusCode())
        .isEqualTo(403);
    assertThat(send("GET", "/dashboard", null, null, cookies.on(navigation)).statusCode())
        .isEqualTo(200);
    // a GET does not sign out either: it shows a confirmation form with the token
    HttpResponse<String> confirm = send("GET", "/logout", null, null, cookies.on(navigation));
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(send("GET", "/dashboard", null, null, cookies.on(navigation)).statusCode())
        .isEqualTo(200);

    // with the token, oscar is signed out
    HttpResponse<String> logout =
        cookies.keep(
            send(
                "POST",
                "/logout",
                "application/x-www-form-urlencoded",
                "_csrf=" + encode(csrf(confirm.body())),
                cookies.on(navigation)));
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(logout.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
    assertThat(send("GET", "/dashboard", null, null, cookies.on(navigation)).statusCode())
        .isEqualTo(302);
  }

  @Test
  void sendsBackToThePageAskedForAfterSignIn() {
    Map<String, String> navigation =
        Map.of("Accept", NAVIGATION_ACCEPT, "Sec-Fetch-Mode", "navigate");
    Cookies cookies = new Cookies();
    cookies.keep(send("GET", "/dashboard?riskTier=HIGH", null, null, navigation));
    HttpResponse<String> page =
        cookies.keep(send("GET", "/login", null, null, cookies.on(navigation)));

    HttpResponse<String> login =
        cookies.keep(
            send(
                "POST",
                "/login",
                "application/x-www-form-urlencoded",
                "username=rita&password=rita&_csrf=" + encode(csrf(page.body())),
                cookies.on(navigation)));
    Cookies other = new Cookies();
    HttpResponse<String> otherPage = other.keep(send("GET", "/login", null, null, navigation));
    HttpResponse<String> wrong =
        send(
            "POST",
            "/login",
            "application/x-www-form-urlencoded",
            "username=rita&password=wrong&_csrf=" + encode(csrf(otherPage.body())),
            other.on(navigation));

    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).contains("/dashboard?riskTier=HIGH"));
    assertThat(wrong.statusCode()).isEqualTo(302);
    assertThat(wrong.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    assertThat(send("GET", "/dashboard", null, null, other.on(navigation)).statusCode())
        .isEqualTo(302);
    // the wrong password delays rita's next sign-in by seconds; later tests sign in as rita
    identityService.unlockUser("rita");
  }

  @Test
  void grantsNoCrossOriginAccess() {
    List<String> paths =
        List.of(
            "/api/models",
            "/api/models/x/rollback",
            "/engine-rest/job/x/execute",
            "/engine-rest/process-definition",
            "/camunda/api/engine/engine/default/job",
            "/camunda/api/admin/auth/user/default",
            "/dashboard");
    Map<String, Optional<String>> allowed = new LinkedHashMap<>();
    for (String path : paths) {
      HttpResponse<String> preflight =
          send(
              "OPTIONS",
              path,
              null,
              null,
              Map.of(
                  "Origin", "http://localhost:1",
                  "Access-Control-Request-Method", "POST",
                  "Access-Control-Request-Headers", "authorization,content-type,x-requested-by"));
      HttpResponse<String> read =
          send("GET", path, null, null, withBasic("admin", Map.of("Origin", "http://localhost:1")));
      allowed.put("OPTIONS " + path, preflight.headers().firstValue("Access-Control-Allow-Origin"));
      allowed.put("GET " + path, read.headers().firstValue("Access-Control-Allow-Origin"));
      allowed.put(
          "credentials " + path,
          preflight.headers().firstValue("Access-Control-Allow-Credentials"));
    }
    assertThat(allowed).hasSize(paths.size() * 3);
    assertThat(allowed.values()).as(allowed.toString()).allMatch(Optional::isEmpty);
  }

  /** A state-changing request of the model risk workflow, as the user who may make it. */
  private record ModelRiskPost(String name, String user, String path, String body) {}

  @Test
  void refusesTheModelRiskWorkflowsPostsFromAnotherSite() {
    // given: a version, findings and evaluations to act on (unknown ones: the filter runs first)
    String model = "xsite-risk-" + System.nanoTime() % 100_000 + "-" + RUNS.incrementAndGet();
    new ModelReleases(port, managementService)
        .register(model, ModelReleases.registration(model, "1.0.0"));
    String unknown = java.util.UUID.randomUUID().toString();
    String hash = "ab".repeat(32);
    List<ModelRiskPost> posts =
        List.of(
            new ModelRiskPost(
                "raise a finding",
                "victor",
                "/api/models/" + model + "/versions/1.0.0/findings",
                "{\"title\":\"Forged\",\"description\":\"x\",\"severity\":\"LOW\"}"),
            new ModelRiskPost(
                "close a finding",
                "vera",
                "/api/findings/" + unknown + "/close",
                "{\"comment\":\"forged\"}"),
            new ModelRiskPost(
                "register an evaluation dataset",
                "victor",
                "/api/models/" + model + "/evaluation-datasets",
                "{\"uri\":\"s3://holdouts/forged.parquet\",\"sha256\":\"" + hash + "\"}"),
            new ModelRiskPost(
                "post evaluation results",
                "eval-bot",
                "/api/evaluations/" + unknown + "/results",
                "{\"datasetSha256\":\"" + hash + "\"}"));
    List<Map<String, String>> crossSite =
        List.of(
            Map.of("Origin", "https://attacker.example"),
            Map.of("Origin", "http://localhost:1"),
            Map.of("Sec-Fetch-Site", "cross-site"),
            Map.of("Origin", "https://attacker.example", "Sec-Fetch-Site", "cross-site"));

    // when: each is sent with the user's credentials as a page of another site would
    Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
    for (ModelRiskPost post : posts) {
      for (Map<String, String> headers : crossSite) {
        answers.put(
            post.name() + " " + headers,
            send("POST", post.path(), JSON, post.body(), withBasic(post.user(), headers)));
      }
    }

    // then: every one refused with a 403 problem naming the header; nothing was written
    assertThat(answers).hasSize(posts.size() * crossSite.size());
    assertThat(answers)
        .allSatisfy(
            (name, response) -> {
              assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(403);
              assertThat(response.headers().firstValue("Content-Type"))
                  .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
              assertThat(response.body()).contains("Possible cross-site request", "X-Requested-By");
            });
    Map<String, String> machine = withBasic("ci-bot", Map.of());
    assertThat(
            send("GET", "/api/models/" + model + "/versions/1.0.0/findings", null, null, machine)
                .body())
        .isEqualTo("[]");
    assertThat(
            send("GET", "/api/models/" + model + "/evaluation-datasets", null, null, machine)
                .body())
        .isEqualTo("[]");

    // and: the same requests from a machine client, or with the header, reach the API
    for (ModelRiskPost post : posts) {
      for (Map<String, String> headers :
          List.<Map<String, String>>of(
              Map.of(),
              Map.of(
                  "Origin",
                  "https://attacker.example",
                  CrossSiteRequestFilter.HEADER,
                  "modelops-ui"))) {
        HttpResponse<String> reached =
            send("POST", post.path(), JSON, post.body(), withBasic(post.user(), headers));
        assertThat(reached.body()).as(post.name()).doesNotContain("Possible cross-site request");
      }
    }
    assertThat(
            send("GET", "/api/models/" + model + "/evaluation-datasets", null, null, machine)
                .body())
        .contains("s3://holdouts/forged.parquet");
  }

  // ---------------------------------------------------------------------------------------------

  private static Map<String, String> withBasic(String user, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    return all;
  }

  private HttpResponse<String> send(
      String method, String path, String contentType, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(app + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int status(HttpResponse<String> response) {
    return response.statusCode();
  }

  private static String csrf(String html) {
    Matcher matcher = CSRF_FIELD.matcher(html);
    assertThat(matcher.find()).as("a CSRF field in " + html).isTrue();
    return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String part(String boundary, String name, String fileName, String content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String header =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\""
            + (fileName == null
                ? ""
                : "; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream")
            + "\r\n\r\n";
    out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content.getBytes(StandardCharsets.UTF_8));
    out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String probeProcess() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"probe\">"
        + "<process id=\"crossSiteModelerProbe\" isExecutable=\"true\" camunda:historyTimeToLive=\"1\">"
        + "<startEvent id=\"start\"/></process></definitions>";
  }

  /** A cookie jar of one browser. */
  private static final class Cookies {
    private final Map<String, String> values = new LinkedHashMap<>();

    HttpResponse<String> keep(HttpResponse<String> response) {
      for (String setCookie : response.headers().allValues("Set-Cookie")) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
      return response;
    }

    String get(String name) {
      return values.get(name);
    }

    Map<String, String> on(Map<String, String> headers) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      if (!values.isEmpty()) {
        all.put(
            "Cookie",
            String.join(
                "; ",
                values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      }
      return all;
    }
  }
}
