package io.modelops.orchestrator.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * Tells requests sent by a web browser from those of machine clients (curl, HTTP libraries, the
 * Camunda external task client, Camunda Modeler's deployment).
 *
 * <p>Browsers mark every request they send with the fetch metadata headers ({@code Sec-Fetch-Site},
 * {@code -Mode}, {@code -Dest}), send {@code Origin} with every POST, and ask for {@code text/html}
 * when they navigate. Machine clients send none of these unless told to.
 */
final class BrowserRequests {

  public static final String SEC_FETCH_SITE = "Sec-Fetch-Site";
  public static final String SEC_FETCH_MODE = "Sec-Fetch-Mode";
  public static final String SEC_FETCH_DEST = "Sec-Fetch-Dest";
  public static final String ORIGIN = "Origin";

  /** Whether the request comes from a web browser. */
  public static boolean fromBrowser(HttpServletRequest request) {
    return request.getHeader(SEC_FETCH_SITE) != null
        || request.getHeader(SEC_FETCH_MODE) != null
        || request.getHeader(SEC_FETCH_DEST) != null
        || request.getHeader(ORIGIN) != null
        || asksForHtml(request);
  }

  /** Whether the request accepts {@code text/html} (a navigation, a link, a form). */
  public static boolean asksForHtml(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
  }

  /**
   * This server's own origin as browsers write it in {@code Origin}: scheme, host and a port other
   * than the scheme's default, as the client addressed it (behind a proxy: as forwarded to us, see
   * {@code server.forward-headers-strategy}).
   */
  public static String ownOrigin(HttpServletRequest request) {
    String scheme = request.getScheme().toLowerCase(Locale.ROOT);
    String host = request.getServerName().toLowerCase(Locale.ROOT);
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    int port = request.getServerPort();
    boolean defaultPort =
        port <= 0
            || ("http".equals(scheme) && port == 80)
            || ("https".equals(scheme) && port == 443);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  private BrowserRequests() {}
}
