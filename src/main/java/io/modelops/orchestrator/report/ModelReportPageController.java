package io.modelops.orchestrator.report;

import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.web.html.Pages;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
  private final ReportPages pages;
  private final ReportPdf pdf;

  public ModelReportPageController(ModelReportService reports, ReportPages pages, ReportPdf pdf) {
    this.reports = reports;
    this.pages = pages;
    this.pdf = pdf;
  }

  /**
   * The report as a PDF, made from the same template as the page. Every download is a new PDF (its
   * generation time differs) whose SHA-256 is recorded in the audit chain ({@value
   * ReportPdf#ACTION}); the response names it in {@code X-Content-SHA256}.
   */
  @GetMapping("/dashboard/models/{name}/versions/{version}/report.pdf")
  public ResponseEntity<byte[]> pdf(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      Principal principal) {
    ReportPdf.Generated generated = pdf.generate(name, version, principal.getName());
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("model-report-" + name + "-" + version + ".pdf")
                .build()
                .toString())
        .header("X-Content-SHA256", generated.sha256())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(generated.bytes());
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
      return Pages.response(pages.html(report));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
  }
}
