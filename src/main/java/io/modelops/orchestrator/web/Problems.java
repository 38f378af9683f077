package io.modelops.orchestrator.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** Writes problem details from servlet filters, outside Spring MVC. */
public final class Problems {

  /**
   * Spring's JSON settings for problem details: their extra properties are members of the problem,
   * and a problem without any has no {@code "properties": null}.
   */
  private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

  public static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String title,
      String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setInstance(instance(request));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), problem);
  }

  /**
   * The request path as the problem's instance, or null when it is no valid URI (the problem may be
   * exactly that): describing a refused request must not fail.
   */
  public static URI instance(HttpServletRequest request) {
    try {
      return URI.create(request.getRequestURI());
    } catch (IllegalArgumentException | NullPointerException notAUri) {
      return null;
    }
  }

  private Problems() {}
}
