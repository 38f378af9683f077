package io.modelops.orchestrator.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.web.CachedBodyRequest;
import io.modelops.orchestrator.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
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
 *       depth, is refused with 400. Stored filters keep their expressions (only administrators
 *       may create or change filters: Camunda's FILTER authorizations).
 *   <li><b>The Admin first-run setup endpoint</b> creates an administrator without login while
 *       {@code camunda-admin} has no members. It is closed (403) whenever an administrator
 *       exists, which this application guarantees at startup.
 * </ul>
 */
public class EngineApiHardeningFilter extends OncePerRequestFilter {

  /** Task queries, after the API prefix. */
  private static final Pattern TASK_QUERY =
      Pattern.compile("^/(task(/count)?|filter/[^/]+/(list|count|singleResult))/?$");

  private static final Pattern WEBAPP_ENGINE_API = Pattern.compile("^/camunda/api/engine/engine/[^/]+");
  private static final String ENGINE_REST = "/engine-rest";
  private static final String SETUP = "/camunda/api/admin/setup/";
  private static final int MAX_QUERY_BODY = 1024 * 1024;

  private final IdentityService identityService;
  private final ObjectMapper objectMapper;

  public EngineApiHardeningFilter(IdentityService identityService, ObjectMapper objectMapper) {
    this.identityService = identityService;
    this.objectMapper = objectMapper;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith(SETUP) && administratorExists()) {
      Problems.write(
          request, response, HttpStatus.FORBIDDEN, "Setup closed",
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
      Problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Query too large",
          "Task queries are limited to " + MAX_QUERY_BODY + " bytes");
      return;
    }
    String field = expressionField(cached.body());
    if (field != null) {
      refuse(request, response, field);
      return;
    }
    chain.doFilter(cached, response);
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
    JsonNode root;
    try {
      root = objectMapper.readTree(body);
    } catch (IOException malformed) {
      return null; // the engine API reports malformed JSON itself
    }
    return find(root, "");
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
        request, response, HttpStatus.BAD_REQUEST, "Expressions not allowed",
        "Task queries must not contain expressions (" + field + "): they would run code on the"
            + " server. Use a stored filter created by an administrator instead.");
  }
}
