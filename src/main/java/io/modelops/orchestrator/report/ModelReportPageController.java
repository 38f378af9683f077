package io.modelops.orchestrator.report;

import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.web.html.HtmlPage;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The model report for people signed in to the dashboard: the printable page, or the same report as
 * JSON. API clients use {@code GET /api/models/{name}/versions/{version}/report}.
 */
@Controller
class ModelReportPageController {

  private final ModelReportService reports;
  private final ModelReportHtml html;

  public ModelReportPageController(ModelReportService reports, ModelReportHtml html) {
    this.reports = reports;
    this.html = html;
  }

  @GetMapping("/dashboard/models/{name}/versions/{version}/report")
  public ResponseEntity<?> report(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      @RequestParam(required = false)
          @Pattern(regexp = "(?i)json|html", message = "must be json or html")
          String format,
      Principal principal) {
    ModelReport report = reports.report(name, version, principal.getName());
    if (format == null || "html".equalsIgnoreCase(format)) {
      return HtmlPage.response(html.render(report));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
  }
}
