package io.modelops.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.web.html.SvgChart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ReportPdfTest {

  @Test
  void shouldRenderTextAndChartsWithTheFontsEmbedded() throws IOException {
    // given: a page as the report template makes it, with a chart and text beyond ASCII
    String chart =
        SvgChart.bars(
                "c",
                "Versions by stage",
                "Stage",
                "Versions",
                List.of("Production", "Canary"),
                List.of(new SvgChart.Bars("HIGH", List.of(2.0, 1.0))),
                "none")
            .svg();
    String xhtml =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" /><title>t</title>"
            + "<style>body{font-family:'DejaVu Sans'}"
            + PdfFonts.FONT_FACES
            + "</style></head><body class=\"pdf\"><h1>Model report: fraud 1.0.0</h1>"
            + "<p>PSI 0.0095 &lt; 0.10, no drift · Zürich ≥ 2 &amp; more</p>"
            + chart
            + "<h2>EU AI Act Annex IV: technical documentation</h2></body></html>";

    // when
    byte[] pdf = ReportPdf.render(xhtml);

    // then
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text)
          .contains("Model report: fraud 1.0.0")
          .contains("PSI 0.0095 < 0.10, no drift · Zürich ≥ 2 & more")
          .contains("EU AI Act Annex IV: technical documentation");
      List<PDFont> fonts = new ArrayList<>();
      for (PDPage page : document.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          fonts.add(page.getResources().getFont(name));
        }
      }
      assertThat(fonts).isNotEmpty();
      assertThat(fonts).allSatisfy(f -> assertThat(f.isEmbedded()).as(f.getName()).isTrue());
      assertThat(fonts).anySatisfy(f -> assertThat(f.getName()).contains("DejaVuSans"));
    }
  }

  @Test
  void shouldFingerprintWithSha256Hex() {
    assertThat(ReportPdf.sha256("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
