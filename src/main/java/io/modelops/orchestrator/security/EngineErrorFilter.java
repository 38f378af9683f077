package io.modelops.orchestrator.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's engine REST API ({@code /engine-rest}) and the webapps' engine API ({@code
 * /camunda/api/engine}) answer some requests that are the caller's fault with 500 and the name of
 * an internal exception: JSON beyond the parser's limits (nesting depth, number or string length)
 * and ids that do not exist ({@code POST /task/{unknown}/claim}, {@code PUT /job/{unknown}/retries}
 * ...). Both APIs write their errors with the same Camunda exception mappers, as {@code
 * {"type","message","code"}}; this filter reads such a 500 answer and corrects it:
 *
 * <ul>
 *   <li><b>400</b> when the JSON parser refused the request body for its stream limits ({@code
 *       StreamConstraintsException} from {@code StreamReadConstraints}; malformed JSON already is a
 *       400 of Camunda's own).
 *   <li><b>404</b> when the engine could not find the object the request names: the exception is
 *       one of {@code NullValueException} (the engine's {@code ensureNotNull} after a lookup),
 *       plain {@code ProcessEngineException}, or Camunda's REST wrappers {@code RestException} /
 *       {@code InvalidRequestException} around them, its message is one of the engine's not-found
 *       messages ("Cannot find task with id X", "No job found with id 'X'", "execution X doesn't
 *       exist", "Process instance 'X' cannot be modified. The process instance does not exist"),
 *       <em>and</em> X is a segment of the request path. A failure about anything else (a delegate,
 *       an expression, the database) stays a 500.
 * </ul>
 *
 * <p>Jersey answers a body that Jackson cannot bind to Camunda's request objects (also when the
 * parser's limits are hit inside a value) with a plain-text 400 that names Camunda's Java classes;
 * it is rewritten as a JSON 400 without them.
 *
 * <p>Corrected answers keep Camunda's shape (type {@code InvalidRequestException}, as Camunda's own
 * 4xx answers) and the engine's message, so Tasklist, Cockpit and the external task client show
 * them as before. A genuine server error stays a 500; administrators see it unchanged, other users
 * see a generic type and, when the message names Java classes or holds a stack trace, a generic
 * message (the details are in the server log). Camunda's own 4xx answers pass unchanged.
 */
class EngineErrorFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(EngineErrorFilter.class);

  static final String CLIENT_ERROR_TYPE = "InvalidRequestException";
  static final String SERVER_ERROR_TYPE = "ServerError";
  static final String SERVER_ERROR_MESSAGE =
      "The request could not be processed; see the server log";

  /** Exceptions of the engine and of Camunda's REST layer that may mean "not found". */
  private static final Set<String> LOOKUP_TYPES =
      Set.of(
          "NullValueException",
          "ProcessEngineException",
          "RestException",
          "InvalidRequestException");

  /** The engine's not-found messages; group 1 is the id that was not found. */
  private static final List<Pattern> NOT_FOUND =
      List.of(
          Pattern.compile(
              "(?:Cannot|Could not) find [\\w ]{1,60}? with id '?([^'\\s:]+?)'?(?=[.:,\\s]|$)"),
          Pattern.compile("No [\\w ]{1,60}? found (?:with|for) id '?([^'\\s:]+?)'?(?=[.:,\\s]|$)"),
          Pattern.compile("(?:execution|task|job) '?([^'\\s:]+?)'? doesn't exist"),
          Pattern.compile("'([^']+)' cannot be modified\\. The process instance does not exist"));

  /** Java class names and stack frames: nothing for users other than administrators. */
  private static final Pattern INTERNALS =
      Pattern.compile(
          "(?:\\b[a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*|\\n\\s*at |\\w+Exception\\b|\\w+Error\\b");

  private static final Pattern JACKSON_LOCATION = Pattern.compile("(?s)\\s*at \\[Source:.*$");
  private static final Pattern REFERENCE_CHAIN =
      Pattern.compile("(?s)\\s*\\(through reference chain:.*$");
  private static final Pattern JACKSON_SOURCE = Pattern.compile(", from `[^`]*`");

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ServerErrorCapture capture = new ServerErrorCapture(response);
    chain.doFilter(request, capture);
    if (!capture.captured()) {
      capture.finish();
      return;
    }
    byte[] body = capture.body();
    if (capture.status() < 500) {
      // Jersey's own answer to a body Jackson could not bind: plain text naming Java classes
      String text = new String(body, StandardCharsets.UTF_8);
      if (text.contains("(through reference chain:")
          || text.contains("at [Source:")
          || text.startsWith("Cannot deserialize")) {
        write(response, 400, correct(json.createObjectNode(), bindingMessage(text)));
      } else {
        writeRaw(response, body, capture.contentType());
      }
      return;
    }
    JsonNode error = readError(body);
    if (error == null) {
      writeRaw(response, body, capture.contentType());
      return;
    }
    String type = error.path("type").asText();
    String message = error.path("message").asText("");
    if (isStreamLimit(type, message)) {
      write(
          response,
          400,
          correct(error, "The request body is not acceptable JSON: " + jacksonMessage(message)));
    } else if (LOOKUP_TYPES.contains(type) && namesMissingPathSegment(message, request)) {
      write(response, 404, correct(error, message));
    } else if (isAdministrator(request)) {
      writeRaw(response, body, capture.contentType());
    } else {
      ObjectNode hidden = error.deepCopy();
      hidden.put("type", SERVER_ERROR_TYPE);
      if (INTERNALS.matcher(message).find()) {
        hidden.put("message", SERVER_ERROR_MESSAGE);
      }
      write(response, capture.status(), hidden);
    }
  }

  private JsonNode readError(byte[] body) {
    try {
      JsonNode node = json.readTree(body);
      return node != null && node.isObject() && node.path("type").isTextual() ? node : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  private static boolean isStreamLimit(String type, String message) {
    return "StreamConstraintsException".equals(type) && message.contains("StreamReadConstraints");
  }

  /** The parser's message without its source location and the name of its settings class. */
  private static String jacksonMessage(String message) {
    return JACKSON_SOURCE
        .matcher(JACKSON_LOCATION.matcher(message).replaceFirst(""))
        .replaceAll("");
  }

  /** What the caller did wrong, without the Java types the parser names. */
  private static String bindingMessage(String text) {
    if (text.contains("StreamReadConstraints")) {
      return "The request body is not acceptable JSON: "
          + jacksonMessage(REFERENCE_CHAIN.matcher(text).replaceFirst(""));
    }
    return "The request body does not match the expected JSON structure";
  }

  /** Whether the message is a not-found message about an id the request path names. */
  static boolean namesMissingPathSegment(String message, HttpServletRequest request) {
    String path =
        (request.getServletPath() == null ? "" : request.getServletPath())
            + (request.getPathInfo() == null ? "" : request.getPathInfo());
    List<String> segments = Arrays.asList(path.split("/"));
    for (Pattern pattern : NOT_FOUND) {
      Matcher matcher = pattern.matcher(message);
      while (matcher.find()) {
        if (!matcher.group(1).isEmpty() && segments.contains(matcher.group(1))) {
          return true;
        }
      }
    }
    return false;
  }

  private ObjectNode correct(JsonNode error, String message) {
    ObjectNode corrected = json.createObjectNode();
    corrected.put("type", CLIENT_ERROR_TYPE);
    corrected.put("message", message);
    if (error.hasNonNull("code")) {
      corrected.set("code", error.get("code"));
    }
    return corrected;
  }

  private boolean isAdministrator(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null
        && authentication.getAuthorities().stream()
            .anyMatch(a -> Groups.authority(Groups.ADMIN).equals(a.getAuthority()))) {
      return true;
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return false;
    }
    try {
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      if (authentications == null) {
        return false;
      }
      for (UserAuthentication user : authentications.getAuthentications()) {
        if (user.getGroupIds() != null && user.getGroupIds().contains(Groups.ADMIN)) {
          return true;
        }
      }
    } catch (IllegalStateException invalidated) {
      return false;
    }
    return false;
  }

  private void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
    if (status < 500) {
      log.debug("Engine API error answered with {}: {}", status, body);
    }
    byte[] bytes = json.writeValueAsBytes(body);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static void writeRaw(HttpServletResponse response, byte[] body, String contentType)
      throws IOException {
    if (contentType != null) {
      response.setContentType(contentType);
    }
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * Passes every answer through, except the body of a 5xx answer, which it keeps. The content
   * length is held back until it is known whether the body is passed on.
   */
  static final class ServerErrorCapture extends HttpServletResponseWrapper {

    private static final String CONTENT_LENGTH = "Content-Length";

    private ByteArrayOutputStream buffer;
    private ServletOutputStream stream;
    private PrintWriter writer;
    private Long contentLength;
    private boolean passing;

    ServerErrorCapture(HttpServletResponse response) {
      super(response);
    }

    boolean captured() {
      return buffer != null;
    }

    int status() {
      return getStatus();
    }

    String contentType() {
      return getContentType();
    }

    byte[] body() {
      if (writer != null) {
        writer.flush();
      }
      return buffer.toByteArray();
    }

    /** An answer that was not kept: its content length, if nothing was written. */
    void finish() {
      if (!passing && contentLength != null && !isCommitted()) {
        super.setContentLengthLong(contentLength);
      }
    }

    private boolean capture() {
      if (buffer == null && !passing) {
        if (getStatus() >= 500 || (getStatus() == 400 && isPlainText(getContentType()))) {
          buffer = new ByteArrayOutputStream();
          // the body is rewritten: the corrected answer sets its own headers
          super.resetBuffer();
        } else {
          passing = true;
          if (contentLength != null) {
            super.setContentLengthLong(contentLength);
          }
        }
      }
      return buffer != null;
    }

    private static boolean isPlainText(String contentType) {
      return contentType != null
          && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/plain");
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (!capture()) {
        return super.getOutputStream();
      }
      if (stream == null) {
        stream =
            new ServletOutputStream() {
              @Override
              public void write(int b) {
                buffer.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
              }

              @Override
              public boolean isReady() {
                return true;
              }

              @Override
              public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("blocking only");
              }
            };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (!capture()) {
        return super.getWriter();
      }
      if (writer == null) {
        String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
        writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), encoding));
      }
      return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
      if (buffer == null) {
        super.flushBuffer();
      }
    }

    @Override
    public void setContentLength(int length) {
      setContentLengthLong(length);
    }

    @Override
    public void setContentLengthLong(long length) {
      if (passing) {
        super.setContentLengthLong(length);
      } else if (buffer == null) {
        contentLength = length;
      }
    }

    @Override
    public void setHeader(String name, String value) {
      if (CONTENT_LENGTH.equalsIgnoreCase(name)) {
        heldContentLength(value);
      } else {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (CONTENT_LENGTH.equalsIgnoreCase(name)) {
        heldContentLength(value);
      } else {
        super.addHeader(name, value);
      }
    }

    private void heldContentLength(String value) {
      try {
        setContentLengthLong(Long.parseLong(value.strip()));
      } catch (NumberFormatException | NullPointerException notANumber) {
        // a length that is no number is dropped; the container counts the body itself
      }
    }

    @Override
    public void setIntHeader(String name, int value) {
      setHeader(name, String.valueOf(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
      addHeader(name, String.valueOf(value));
    }
  }
}
