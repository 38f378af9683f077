package io.modelops.orchestrator.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 as problem details. The HTTP Basic challenge ({@code WWW-Authenticate}) goes only to
 * machine clients: a browser that got it would ask the user for a password and then send it with
 * every request to this server, also those that pages of other sites make it send.
 */
@Component
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final String REALM = "ModelOps";

  private final ObjectMapper objectMapper;

  public ProblemSecurityHandlers(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
      throws IOException {
    if (BrowserRequests.fromBrowser(request)) {
      write(
          request,
          response,
          HttpStatus.UNAUTHORIZED,
          "Authentication required: API clients send HTTP Basic credentials of a user of this"
              + " orchestrator; people sign in at /login");
      return;
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        "Authentication required: send HTTP Basic credentials of a user of this orchestrator");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
      throws IOException {
    write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        "User "
            + (request.getUserPrincipal() == null ? "?" : request.getUserPrincipal().getName())
            + " is not allowed to "
            + request.getMethod()
            + " "
            + request.getRequestURI());
  }

  private void write(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setInstance(io.modelops.orchestrator.web.Problems.instance(request));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }
}
