package io.modelops.orchestrator.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import io.modelops.orchestrator.audit.AuditLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The model report as a PDF: the report's own template (print style, charts as vector graphics,
 * fonts embedded from the classpath), and the SHA-256 of every PDF handed out recorded in the audit
 * chain ({@value #ACTION}), so whoever holds a copy can match it to the entry.
 */
@Component
class ReportPdf {

  static final String ACTION = "REPORT_PDF_GENERATED";

  /** A generated PDF and its fingerprint. */
  record Generated(byte[] bytes, String sha256) {}

  private final ModelReportService reports;
  private final ReportPages pages;
  private final AuditLog audit;

  ReportPdf(ModelReportService reports, ReportPages pages, AuditLog audit) {
    this.reports = reports;
    this.pages = pages;
    this.audit = audit;
  }

  /** Generates the PDF of a version's report for a reader and records it in the audit chain. */
  @Transactional
  public Generated generate(String model, String version, String reader) {
    ModelReport report = reports.report(model, version, reader);
    byte[] pdf = render(pages.printable(report));
    String sha256 = sha256(pdf);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sha256", sha256);
    details.put("bytes", pdf.length);
    details.put("generatedBy", reader);
    details.put("generatedAt", report.generatedAt().toString());
    audit.record(ACTION, reader, report.model(), report.version(), null, details);
    return new Generated(pdf, sha256);
  }

  static byte[] render(String xhtml) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.useSVGDrawer(new BatikSVGDrawer());
      builder.useFont(() -> ReportPdf.class.getResourceAsStream(PdfFonts.REGULAR), PdfFonts.FAMILY);
      builder.useFont(
          () -> ReportPdf.class.getResourceAsStream(PdfFonts.BOLD),
          PdfFonts.FAMILY,
          700,
          PdfRendererBuilder.FontStyle.NORMAL,
          true);
      String base = ReportPdf.class.getResource(PdfFonts.REGULAR).toExternalForm();
      builder.withHtmlContent(xhtml, base);
      builder.toStream(out);
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
