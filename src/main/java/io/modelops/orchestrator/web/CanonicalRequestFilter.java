package io.modelops.orchestrator.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through only requests whose path has one spelling, before any other filter reads it. Guards
 * further in (Spring Security's matchers, the engine API filters, the webapps' own filters) compare
 * path prefixes; Tomcat, Jersey and Spring MVC decode and normalise the path each in their own way.
 * A path that decodes to something else than it reads (an encoded letter such as {@code
 * /camunda/api/%61dmin}, an encoded dot or slash), that has empty, {@code .} or {@code ..}
 * segments, path parameters ({@code ;jsessionid=}), backslashes, control characters, invalid or
 * overlong percent-encodings or invalid UTF-8 is refused with 400, as is a query string with
 * invalid percent-encodings, invalid UTF-8 or control characters. What passes reads the same to
 * every component: the raw path differs from the decoded one only in percent-encoded characters
 * that no path prefix of this application contains.
 */
public class CanonicalRequestFilter extends OncePerRequestFilter {

  /** Characters allowed unencoded in a path (RFC 3986 pchar and '/', without ';'). */
  private static final boolean[] PATH_CHARS = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      PATH_CHARS[c] = true;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      PATH_CHARS[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      PATH_CHARS[c] = true;
    }
    for (char c : "-._~!$&'()*+,=:@/".toCharArray()) {
      PATH_CHARS[c] = true;
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String problem = pathProblem(request);
    if (problem == null) {
      problem = queryProblem(request.getQueryString());
    }
    if (problem != null) {
      Problems.write(request, response, HttpStatus.BAD_REQUEST, "Request rejected", problem);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Why the path is refused, or null. */
  static String pathProblem(HttpServletRequest request) {
    String raw = request.getRequestURI();
    if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
      return "The path must start with '/'";
    }
    String decoded;
    try {
      decoded = decode(raw, true);
    } catch (IllegalArgumentException refused) {
      return "The path is not allowed: " + refused.getMessage();
    }
    if (decoded.contains("//")) {
      return "The path is not allowed: empty segment";
    }
    for (String segment : decoded.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return "The path is not allowed: '.' or '..' segment";
      }
    }
    if (TextCharacters.firstForbidden(decoded) >= 0
        || decoded.indexOf('\t') >= 0
        || decoded.indexOf('\n') >= 0
        || decoded.indexOf('\r') >= 0) {
      return "The path is not allowed: control character";
    }
    // what the container made of it must be the same path
    String container =
        request.getContextPath()
            + request.getServletPath()
            + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (!decoded.equals(container)) {
      return "The path is not allowed: it is not in canonical form";
    }
    return null;
  }

  /** Why the query string is refused, or null. */
  static String queryProblem(String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    String decoded;
    try {
      decoded = decode(query, false);
    } catch (IllegalArgumentException refused) {
      return "The query string is not allowed: " + refused.getMessage();
    }
    int bad = TextCharacters.firstForbidden(decoded);
    if (bad >= 0) {
      return "The query string "
          + TextCharacters.MESSAGE
          + " ("
          + TextCharacters.describe(decoded.charAt(bad), bad)
          + ")";
    }
    return null;
  }

  /**
   * Percent-decodes strictly as UTF-8. In a path, only characters outside {@link #PATH_CHARS} may
   * be encoded (never a letter, digit, '-', '.', '_', '~', '/', '\', ';' or '%'), and unencoded
   * characters must be in {@link #PATH_CHARS}.
   */
  private static String decode(String text, boolean path) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("invalid percent-encoding");
        }
        int b = high * 16 + low;
        boolean meaningful = PATH_CHARS[b & 0x7f] && !isSubDelimOrColonOrAt((char) b);
        if (path && b < 0x80 && (meaningful || b == '\\' || b == ';' || b == '%')) {
          throw new IllegalArgumentException(
              "encoded '" + (char) b + "' (write it unencoded, or not at all)");
        }
        bytes.write(b);
        i += 2;
      } else if (c >= 0x80 || (path && !PATH_CHARS[c])) {
        throw new IllegalArgumentException(
            c < 0x20 || c >= 0x7f
                ? "character U+" + String.format("%04X", (int) c)
                : "character '" + c + "'");
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("percent-encoding that is not UTF-8");
    }
  }

  /** Characters allowed both encoded and unencoded in a path: the sub-delimiters, ':' and '@'. */
  private static boolean isSubDelimOrColonOrAt(char c) {
    return "!$&'()*+,=:@".indexOf(c) >= 0;
  }
}
