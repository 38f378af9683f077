package io.modelops.orchestrator.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some requests before any application code sees them (an encoded slash or a NUL in
 * the path). Its default answer is an HTML page; this valve answers with a problem detail like the
 * rest of the API, and reveals nothing about the server.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    String body =
        "{\"type\":\"about:blank\",\"title\":\"Bad request\",\"status\":"
            + status
            + ",\"detail\":\"The request was refused by the server before processing\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(body);
      response.finishResponse();
    } catch (IOException | IllegalStateException ignored) {
      // the client is gone or the response is committed; nothing more to do
    }
  }
}
