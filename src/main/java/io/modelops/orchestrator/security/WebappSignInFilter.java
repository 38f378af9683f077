package io.modelops.orchestrator.security;

import io.modelops.orchestrator.web.CachedBodyRequest;
import io.modelops.orchestrator.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Machine users do not sign in to the webapps. Members of {@code ci-pipelines} are CI pipelines and
 * training workers, members of {@code model-evaluators} evaluation workers: their engine access is
 * the external-task protocol of the engine REST API's allow-list. A webapp session (Camunda lets
 * any user sign in to the "welcome" app) would give them the webapps' own engine API, which that
 * allow-list does not cover.
 *
 * <p>Reads the sign-in form's {@code username} from the URL-encoded body and passes the same bytes
 * on to Camunda's sign-in resource. A malformed encoding is compared as it stands (it names no
 * machine user, and Camunda then refuses the sign-in itself).
 */
class WebappSignInFilter extends OncePerRequestFilter {

  /** Camunda's sign-in: {@code /camunda/api/admin/auth/user/{engine}/login/{app}}. */
  private static final Pattern SIGN_IN =
      Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+$");

  private static final int MAX_FORM = 64 * 1024;

  /** Stands for a form with several user names; no user id can contain a line break. */
  private static final String AMBIGUOUS = "\n";

  private final IdentityService identityService;

  public WebappSignInFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !SIGN_IN
            .matcher(request.getRequestURI().substring(request.getContextPath().length()))
            .matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    CachedBodyRequest form = CachedBodyRequest.read(request, MAX_FORM);
    if (form == null) {
      Problems.write(
          request,
          response,
          HttpStatus.PAYLOAD_TOO_LARGE,
          "Sign-in too large",
          "A sign-in form is limited to " + MAX_FORM + " bytes");
      return;
    }
    String username = username(form.body());
    if (username != null && isMachineUser(username)) {
      Problems.write(
          request,
          response,
          HttpStatus.FORBIDDEN,
          "Sign-in refused",
          "Members of "
              + Groups.CI
              + " and "
              + Groups.EVALUATORS
              + " are machine users: they use the API with HTTP Basic, not"
              + " the webapps.");
      return;
    }
    // the form is read again by Camunda's sign-in resource, from the same bytes
    chain.doFilter(form, response);
  }

  /**
   * The {@code username} field of a URL-encoded form, or null. A form that names more than one user
   * is refused as a whole (it is answered as if it named a machine user).
   */
  static String username(byte[] body) {
    String username = null;
    for (String field : new String(body, StandardCharsets.UTF_8).split("&")) {
      int equals = field.indexOf('=');
      String name = equals < 0 ? field : field.substring(0, equals);
      if (decode(name).equals("username")) {
        if (username != null) {
          return AMBIGUOUS;
        }
        username = equals < 0 ? "" : decode(field.substring(equals + 1));
      }
    }
    return username;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return value;
    }
  }

  private boolean isMachineUser(String username) {
    return AMBIGUOUS.equals(username)
        || identityService.createUserQuery().userId(username).memberOfGroup(Groups.CI).count() > 0
        || identityService
                .createUserQuery()
                .userId(username)
                .memberOfGroup(Groups.EVALUATORS)
                .count()
            > 0;
  }
}
