package io.modelops.orchestrator.report;

import io.modelops.orchestrator.catalog.Patterns;
import io.modelops.orchestrator.web.html.Pages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The governance report of a model version, as JSON or as a printable page. */
@RestController
@RequestMapping("/api/models")
@Tag(name = "Governance")
@SecurityRequirement(name = "basic")
class ModelReportController {

  private final ModelReportService reports;
  private final ReportPages pages;

  public ModelReportController(ModelReportService reports, ReportPages pages) {
    this.reports = reports;
    this.pages = pages;
  }

  @Operation(
      summary = "Governance report of a model version",
      description =
          "Model card, lineage, validation evidence, every review and decision, stage history,"
              + " lifecycle activities and incidents from the engine history, monitoring data, and"
              + " the mapping of this evidence to SR 11-7 and the EU AI Act (Art. 12, 14, 19), and"
              + " each item of Annex IV of the EU AI Act with the sections holding its evidence."
              + " JSON by default; a printable HTML page with Accept: text/html or ?format=html."
              + " Readable by every authenticated user.")
  @ApiResponse(
      responseCode = "200",
      description = "The report",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ModelReport.class)),
        @Content(mediaType = MediaType.TEXT_HTML_VALUE)
      })
  @ApiResponse(responseCode = "404", description = "No such model version")
  @GetMapping(
      value = "/{name}/versions/{version}/report",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_HTML_VALUE})
  public ResponseEntity<?> report(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      @Parameter(description = "json or html; overrides the Accept header")
          @RequestParam(required = false)
          @Pattern(regexp = "(?i)json|html", message = "must be json or html")
          String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
      Principal principal) {
    ModelReport report = reports.report(name, version, principal.getName());
    if (ReportFormat.choose(format, accept) == ReportFormat.HTML) {
      return Pages.response(pages.html(report));
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .body(report);
  }
}
