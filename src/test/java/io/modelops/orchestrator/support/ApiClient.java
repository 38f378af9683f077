package io.modelops.orchestrator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** A small HTTP client for tests: Basic auth, JSON in and out, optional cookie session. */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String authorization;
  private final HttpClient http;

  /** Cookies by name, for browser-like clients; null for API clients. */
  private final Map<String, String> cookies;

  private ApiClient(
      String baseUrl, String authorization, HttpClient http, Map<String, String> cookies) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
    this.http = http;
    this.cookies = cookies;
  }

  public static ApiClient anonymous(int port) {
    return new ApiClient("http://localhost:" + port, null, client(), null);
  }

  /** Demo users have their id as password. */
  public static ApiClient as(int port, String user) {
    return as(port, user, user);
  }

  public static ApiClient as(int port, String user, String password) {
    String token =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new ApiClient("http://localhost:" + port, "Basic " + token, client(), null);
  }

  /** A browser-like client with a cookie jar, for the Camunda webapps. */
  public static ApiClient browser(int port) {
    return new ApiClient(
        "http://localhost:" + port, null, client(), new java.util.concurrent.ConcurrentHashMap<>());
  }

  /**
   * A browser-like client logged into Tasklist as {@code user} (demo password): a webapp session
   * whose {@code XSRF-TOKEN} cookie the webapps' API expects back as {@code X-XSRF-TOKEN}.
   */
  public static ApiClient tasklistSession(int port, String user) {
    return tasklistSession(port, user, user);
  }

  /** As {@link #tasklistSession(int, String)}, with a password. */
  public static ApiClient tasklistSession(int port, String user, String password) {
    ApiClient tasklist = browser(port);
    tasklist.get("/camunda/app/tasklist/");
    Response login =
        tasklist.postForm(
            "/camunda/api/admin/auth/user/default/login/tasklist",
            Map.of("username", user, "password", password),
            Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN"))));
    if (login.status() != 200) {
      throw new IllegalStateException(
          "Tasklist login of " + user + ": " + login.status() + " " + login.body());
    }
    // the session changed at login: a read fetches the new CSRF token, as Tasklist does
    tasklist.get("/camunda/api/admin/auth/user/default");
    return tasklist;
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A response; {@link #json()} parses the body. */
  public record Response(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public Response get(String path) {
    return send(request(path).GET().build());
  }

  /** A GET with headers that replace the defaults, e.g. {@code Accept: text/html}. */
  public Response get(String path, Map<String, String> headers) {
    HttpRequest.Builder request = request(path).GET();
    headers.forEach(request::setHeader);
    return send(request.build());
  }

  public Response post(String path, Object body) {
    return post(path, body, Map.of());
  }

  public Response post(String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(toJson(body)));
    headers.forEach(request::header);
    return send(request.build());
  }

  public Response delete(String path) {
    return delete(path, Map.of());
  }

  public Response delete(String path, Map<String, String> headers) {
    HttpRequest.Builder request = request(path).DELETE();
    headers.forEach(request::header);
    return send(request.build());
  }

  public Response put(String path, Object body) {
    return put(path, body, Map.of());
  }

  public Response put(String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(toJson(body)));
    headers.forEach(request::header);
    return send(request.build());
  }

  /** The webapps' CSRF header with this (browser) client's current token. */
  public Map<String, String> xsrf() {
    return Map.of("X-XSRF-TOKEN", String.valueOf(cookie("XSRF-TOKEN")));
  }

  public Response postForm(String path, Map<String, String> form, Map<String, String> headers) {
    String encoded =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return postRawForm(path, encoded, headers);
  }

  /** A form post with a body exactly as given (already URL-encoded). */
  public Response postRawForm(String path, String encoded, Map<String, String> headers) {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encoded));
    headers.forEach(request::header);
    return send(request.build());
  }

  /** The value of a cookie this client holds (browser clients only). */
  public String cookie(String name) {
    return cookies == null ? null : cookies.get(name);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (cookies != null && !cookies.isEmpty()) {
      builder.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(c -> c.getKey() + "=" + c.getValue())
              .collect(Collectors.joining("; ")));
    }
    return builder.header("Accept", "application/json, application/problem+json");
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (cookies != null) {
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
          String pair = setCookie.split(";", 2)[0];
          int eq = pair.indexOf('=');
          cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String toJson(Object body) {
    if (body instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
