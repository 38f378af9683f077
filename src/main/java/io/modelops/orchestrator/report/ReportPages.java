package io.modelops.orchestrator.report;

import io.modelops.orchestrator.evidence.AttachmentView;
import io.modelops.orchestrator.evidence.Attachments;
import io.modelops.orchestrator.web.html.GovernanceLinks;
import io.modelops.orchestrator.web.html.Pages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The model report as a page ({@code templates/report.html}): for the browser, and the same
 * template for print and the PDF (the style sheet inlined, links to other pages left out).
 */
@Component
class ReportPages {

  /** An attachment with the link to its page. */
  record AttachmentLink(AttachmentView view, String href) {}

  private final Pages pages;
  private final GovernanceLinks links;
  private final ReportCharts charts;
  private final LifecycleSteps steps;
  private final String styleSheet;

  ReportPages(Pages pages, GovernanceLinks links, ReportCharts charts, LifecycleSteps steps) {
    this.pages = pages;
    this.links = links;
    this.charts = charts;
    this.steps = steps;
    this.styleSheet = resource("/static" + Pages.STYLE_SHEET);
  }

  /** The page for the browser. */
  String html(ModelReport report) {
    return pages.render("report", variables(report, false));
  }

  /** The printable document the PDF is made of: well-formed XHTML, its style sheet inlined. */
  String printable(ModelReport report) {
    return pages.render("report", variables(report, true));
  }

  private Map<String, Object> variables(ModelReport report, boolean print) {
    LifecycleSteps.Definition definition = steps.latest();
    Map<String, Object> variables = new HashMap<>();
    variables.put("r", report);
    variables.put("links", links);
    variables.put("print", print);
    if (print) {
      variables.put("inlineStyle", styleSheet + PdfFonts.FONT_FACES);
    }
    variables.put(
        "attachments",
        report.attachments() == null
            ? List.of()
            : report.attachments().stream()
                .map(
                    a ->
                        new AttachmentLink(
                            a, Attachments.pageHref(report.model(), report.version(), a.id())))
                .toList());
    variables.put("activities", report.activities().stream().filter(definition::shown).toList());
    variables.put("chartGroups", charts.of(report));
    return variables;
  }

  private static String resource(String path) {
    try (InputStream in = ReportPages.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
