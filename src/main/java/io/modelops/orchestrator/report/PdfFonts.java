package io.modelops.orchestrator.report;

/**
 * The fonts of the PDF report, from the classpath ({@code fonts/}, DejaVu Sans: free, with a wide
 * coverage of scripts), embedded in every PDF: the document looks the same on every machine and
 * does not depend on the fonts installed where it is made.
 */
final class PdfFonts {

  static final String FAMILY = "DejaVu Sans";
  static final String REGULAR = "/fonts/DejaVuSans.ttf";
  static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";

  /** Font faces for the SVG charts in the PDF, resolved against the fonts' folder. */
  static final String FONT_FACES =
      "\n@font-face{font-family:'DejaVu Sans';src:url('DejaVuSans.ttf');font-weight:normal}"
          + "\n@font-face{font-family:'DejaVu Sans';src:url('DejaVuSans-Bold.ttf');"
          + "font-weight:bold}\n";

  private PdfFonts() {}
}
