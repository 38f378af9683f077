package io.modelops.orchestrator.security;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelops.orchestrator.web.CachedBodyRequest;
import io.modelops.orchestrator.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes two holes of the Camunda 7 community edition in front of the engine REST API and the
 * webapps' internal engine API:
 *
 * <ul>
 *   <li><b>Ad-hoc task queries with expressions.</b> Expressions in queries are evaluated by the
 *       engine, i.e. they run code. The engine switch {@code enableExpressionsInAdhocQueries=false}
 *       can be bypassed through nested {@code orQueries}. Any task query (or filter query
 *       extension) that carries a parameter or JSON field ending in {@code Expression}, at any
 *       depth, is refused with 400. The guard fails closed: a body it cannot read exactly as the
 *       engine API would (duplicate fields, malformed JSON, trailing content, another content type,
 *       charset or encoding) is refused with 400 too. The decisive check is inside the engine
 *       ({@code process.TaskQueryExpressionCheck}); this one answers early and clearly.
 *   <li><b>The Admin first-run setup endpoint</b> creates an administrator without login while
 *       {@code camunda-admin} has no members. It is closed (403) whenever an administrator exists,
 *       which this application guarantees at startup.
 * </ul>
 */
class EngineApiHardeningFilter extends OncePerRequestFilter {

  /** Task queries, after the API prefix. */
  private static final Pattern TASK_QUERY =
      Pattern.compile("^/(task(/count)?|filter/[^/]+/(list|count|singleResult))/?$");

  private static final Pattern WEBAPP_ENGINE_API =
      Pattern.compile("^/camunda/api/engine/engine/[^/]+");
  private static final String ENGINE_REST = "/engine-rest";
  private static final String SETUP = "/camunda/api/admin/setup/";
  private static final int MAX_QUERY_BODY = 1024 * 1024;

  /** Strict reading: duplicate fields and trailing content are errors. */
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final IdentityService identityService;

  public EngineApiHardeningFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = decodedPath(request);
    if (path.startsWith(SETUP) && administratorExists()) {
      Problems.write(
          request,
          response,
          HttpStatus.FORBIDDEN,
          "Setup closed",
          "The first-run setup is closed: an administrator exists. Manage users in Camunda Admin.");
      return;
    }
    String apiPath = apiPath(path);
    if (apiPath == null || !TASK_QUERY.matcher(apiPath).matches()) {
      chain.doFilter(request, response);
      return;
    }
    for (String parameter : request.getParameterMap().keySet()) {
      if (isExpression(parameter)) {
        refuse(request, response, parameter);
        return;
      }
    }
    if (!"POST".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    CachedBodyRequest cached = CachedBodyRequest.read(request, MAX_QUERY_BODY);
    if (cached == null) {
      Problems.write(
          request,
          response,
          HttpStatus.PAYLOAD_TOO_LARGE,
          "Query too large",
          "Task queries are limited to " + MAX_QUERY_BODY + " bytes");
      return;
    }
    String unreadable = unreadable(request, cached.body());
    if (unreadable != null) {
      Problems.write(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          "Unreadable task query",
          "Task queries must be a single JSON object in UTF-8 without duplicate fields: "
              + unreadable);
      return;
    }
    String field = expressionField(cached.body());
    if (field != null) {
      refuse(request, response, field);
      return;
    }
    chain.doFilter(cached, response);
  }

  /**
   * Why the body of a task query cannot be read exactly as the engine API will read it, or null.
   * Anything two JSON readers could read differently is refused: other content types and charsets,
   * content encodings, byte order marks, invalid UTF-8, duplicate fields, trailing content,
   * anything but one object.
   */
  private String unreadable(HttpServletRequest request, byte[] body) {
    String encoding = request.getHeader("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.strip())) {
      return "no Content-Encoding is accepted";
    }
    if (body.length == 0) {
      return null;
    }
    String contentType = request.getContentType();
    if (contentType == null) {
      return "Content-Type application/json is required";
    }
    MediaType mediaType;
    try {
      mediaType = MediaType.parseMediaType(contentType);
    } catch (InvalidMediaTypeException e) {
      return "Content-Type application/json is required";
    }
    if (!MediaType.APPLICATION_JSON.equalsTypeAndSubtype(mediaType)) {
      return "Content-Type application/json is required";
    }
    String charset = mediaType.getParameter("charset");
    if (charset != null && !"utf-8".equalsIgnoreCase(charset.replace("\"", "").strip())) {
      return "the charset must be UTF-8";
    }
    if (body.length >= 3
        && (body[0] & 0xFF) == 0xEF
        && (body[1] & 0xFF) == 0xBB
        && (body[2] & 0xFF) == 0xBF) {
      return "no byte order mark is accepted";
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      return "the body is not valid UTF-8";
    }
    if (text.indexOf('\u0000') >= 0) {
      return "the body is not valid UTF-8 JSON";
    }
    try {
      JsonNode root = STRICT.readTree(text);
      if (root == null || !root.isObject()) {
        return "the body must be one JSON object";
      }
    } catch (IOException e) {
      return "the body is not valid JSON (or repeats a field)";
    }
    return null;
  }

  /** The decoded, normalised path, as the servlets behind this filter see it. */
  private static String decodedPath(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
  }

  private boolean administratorExists() {
    return identityService.createUserQuery().memberOfGroup(Groups.ADMIN).count() > 0;
  }

  /** The path within the engine API, or null for other requests. */
  private static String apiPath(String path) {
    if (path.startsWith(ENGINE_REST + "/")) {
      String rest = path.substring(ENGINE_REST.length());
      // named engines: /engine-rest/engine/{name}/task
      return rest.startsWith("/engine/") ? rest.replaceFirst("^/engine/[^/]+", "") : rest;
    }
    var matcher = WEBAPP_ENGINE_API.matcher(path);
    return matcher.find() ? path.substring(matcher.end()) : null;
  }

  /** The first field whose name ends in "Expression", at any depth, or null. */
  private String expressionField(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return find(STRICT.readTree(new String(body, StandardCharsets.UTF_8)), "");
    } catch (IOException malformed) {
      return "(unreadable body)"; // refused by unreadable() already; never passed on
    }
  }

  private static String find(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        String here = path.isEmpty() ? name : path + "." + name;
        if (isExpression(name)) {
          return here;
        }
        String nested = find(node.get(name), here);
        if (nested != null) {
          return nested;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String nested = find(node.get(i), path + "[" + i + "]");
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  private static boolean isExpression(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith("expression");
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, String field)
      throws IOException {
    Problems.write(
        request,
        response,
        HttpStatus.BAD_REQUEST,
        "Expressions not allowed",
        "Task queries must not contain expressions ("
            + field
            + "): they would run code on the"
            + " server. Use a stored filter created by an administrator instead.");
  }
}
