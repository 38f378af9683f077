package io.modelops.orchestrator.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies by the bytes actually read.
 *
 * <ul>
 *   <li>A declared {@code Content-Length} above the limit is refused with 413 before anything is
 *       read. Within the limit the body passes untouched: the container never hands out more than
 *       the declared length (what follows it is read as the next request, and refused).
 *   <li>A body of unknown length ({@code Transfer-Encoding: chunked}) is read through a {@link
 *       LimitedBodyRequest}: whoever reads it (Spring MVC, the engine REST API, the webapps' API)
 *       gets at most the limit plus one byte, then an error on every further read. Whatever the
 *       reader makes of that error, its answer is discarded ({@link LimitedBodyResponse}) and the
 *       client gets 413 with {@code Connection: close}; the rest of the body is not read.
 *   <li>Form and multipart bodies of unknown length are refused with 411: the container parses them
 *       itself, outside any wrapper.
 * </ul>
 *
 * Nothing is buffered: memory does not grow with the body. One kind of request may have a limit of
 * its own (evidence uploads: {@code modelops.evidence.max-size} plus the multipart framing); every
 * other request has {@code modelops.max-request-size}.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final long defaultMaxBytes;
  private final Predicate<HttpServletRequest> special;
  private final long specialMaxBytes;

  public RequestSizeLimitFilter(long maxBytes) {
    this(maxBytes, request -> false, maxBytes);
  }

  /** {@code specialMaxBytes} for the requests {@code special} matches, {@code maxBytes} else. */
  public RequestSizeLimitFilter(
      long maxBytes, Predicate<HttpServletRequest> special, long specialMaxBytes) {
    this.defaultMaxBytes = maxBytes;
    this.special = special;
    this.specialMaxBytes = specialMaxBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long maxBytes = special.test(request) ? specialMaxBytes : defaultMaxBytes;
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      tooLarge(request, response, maxBytes);
      return;
    }
    if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
      chain.doFilter(request, response); // the container reads at most the declared length
      return;
    }
    if (parsedByTheContainer(request.getContentType())) {
      response.setHeader("Connection", "close");
      Problems.write(
          request,
          response,
          HttpStatus.LENGTH_REQUIRED,
          "Length required",
          "Form and multipart bodies must declare their Content-Length");
      response.flushBuffer();
      return;
    }
    LimitedBodyRequest limited = new LimitedBodyRequest(request, maxBytes);
    LimitedBodyResponse guarded = new LimitedBodyResponse(response, limited::exceeded);
    try {
      chain.doFilter(limited, guarded);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!limited.exceeded()) {
        throw e;
      }
    }
    if (limited.exceeded() && !response.isCommitted()) {
      response.reset();
      tooLarge(request, response, maxBytes);
    }
  }

  private static void tooLarge(
      HttpServletRequest request, HttpServletResponse response, long maxBytes) throws IOException {
    // The rest of the body is not read: the connection cannot carry another request.
    response.setHeader("Connection", "close");
    Problems.write(
        request,
        response,
        HttpStatus.PAYLOAD_TOO_LARGE,
        "Request too large",
        "Request bodies are limited to " + maxBytes + " bytes");
    response.flushBuffer();
  }

  private static boolean parsedByTheContainer(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT).trim();
    return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
  }
}
