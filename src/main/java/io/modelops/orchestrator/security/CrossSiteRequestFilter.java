package io.modelops.orchestrator.security;

import io.modelops.orchestrator.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses cross-site request forgery against {@code /api/**} and {@code /engine-rest/**}.
 *
 * <p>A page of another origin can make the user's browser send a form post or a {@code no-cors}
 * fetch to these APIs, and the browser adds what it holds for this server: cookies and HTTP Basic
 * credentials it cached. It cannot add a header of its own choosing: a custom header makes the
 * browser ask first (a CORS preflight), and this server grants no cross-origin access.
 *
 * <p>So a request with a method other than GET, HEAD or OPTIONS that does not carry the header
 * {@value #HEADER} (any non-empty value) is refused with 403 when any of these holds:
 *
 * <ul>
 *   <li>it carries a {@code Cookie} header (API clients authenticate with the {@code Authorization}
 *       header, never with cookies);
 *   <li>its {@code Origin} is not this server's own origin (including {@code Origin: null});
 *   <li>its {@code Sec-Fetch-Site} is other than {@code same-origin} or {@code none};
 *   <li>it comes from a browser (see {@link BrowserRequests}) with a body type a form can send
 *       without asking: {@code application/x-www-form-urlencoded}, {@code multipart/form-data} or
 *       {@code text/plain}.
 * </ul>
 *
 * <p>Machine clients send none of these (curl, Java's and Apache's HTTP clients, the Camunda
 * external task client, Camunda Modeler's multipart deployment) and are not affected; a client that
 * keeps cookies, or a script in a browser page of this origin, sends {@value #HEADER}.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

  /** The header that marks a request as made by an API client on purpose. */
  public static final String HEADER = "X-Requested-By";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> SAFE_FETCH_SITES = Set.of("same-origin", "none");
  private static final Set<String> FORM_TYPES =
      Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HEADER);
    if (SAFE_METHODS.contains(request.getMethod()) || (header != null && !header.isBlank())) {
      chain.doFilter(request, response);
      return;
    }
    String reason = crossSiteSign(request);
    if (reason == null) {
      chain.doFilter(request, response);
      return;
    }
    Problems.write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        "Possible cross-site request",
        request.getMethod()
            + " refused: the request "
            + reason
            + " but has no "
            + HEADER
            + " header. API clients that keep cookies or run in a browser page send "
            + HEADER
            + " with any non-empty value.");
  }

  /** What makes the request look as if a browser sent it for another site; null if nothing. */
  static String crossSiteSign(HttpServletRequest request) {
    if (request.getHeader("Cookie") != null) {
      return "carries cookies";
    }
    String origin = request.getHeader(BrowserRequests.ORIGIN);
    if (origin != null && !origin.strip().equalsIgnoreCase(BrowserRequests.ownOrigin(request))) {
      return "comes from another origin";
    }
    String site = request.getHeader(BrowserRequests.SEC_FETCH_SITE);
    if (site != null && !SAFE_FETCH_SITES.contains(site.strip().toLowerCase(Locale.ROOT))) {
      return "was sent by a page of another site";
    }
    if (formType(request) && BrowserRequests.fromBrowser(request)) {
      return "is a browser form submission";
    }
    return null;
  }

  private static boolean formType(HttpServletRequest request) {
    String contentType = request.getContentType();
    if (contentType == null) {
      return false;
    }
    int parameters = contentType.indexOf(';');
    String type =
        (parameters < 0 ? contentType : contentType.substring(0, parameters))
            .strip()
            .toLowerCase(Locale.ROOT);
    return FORM_TYPES.contains(type);
  }
}
