package io.modelops.orchestrator.security;

import io.modelops.orchestrator.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Machine users do not sign in to the webapps. Members of {@code ci-pipelines} are CI pipelines
 * and training workers: their engine access is the external-task protocol of the engine REST
 * API's allow-list. A webapp session (Camunda lets any user sign in to the "welcome" app) would
 * give them the webapps' own engine API, which that allow-list does not cover.
 *
 * <p>Reads the sign-in form's {@code username} as the servlet container parses it (Camunda's
 * sign-in resource gets the same parameters).
 */
public class WebappSignInFilter extends OncePerRequestFilter {

  /** Camunda's sign-in: {@code /camunda/api/admin/auth/user/{engine}/login/{app}}. */
  private static final Pattern SIGN_IN =
      Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+$");

  private final IdentityService identityService;

  public WebappSignInFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !SIGN_IN.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String username = request.getParameter("username");
    if (username != null && isMachineUser(username)) {
      Problems.write(
          request, response, HttpStatus.FORBIDDEN, "Sign-in refused",
          "Members of " + Groups.CI + " are machine users: they use the API with HTTP Basic, not"
              + " the webapps.");
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean isMachineUser(String username) {
    return identityService.createUserQuery().userId(username).memberOfGroup(Groups.CI).count() > 0;
  }
}
