package io.modelops.orchestrator.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class MediaTypeSnifferTest {

  static final byte[] PDF =
      "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J'};

  static byte[] zip(String... entries) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        for (String entry : entries) {
          zip.putNextEntry(new ZipEntry(entry));
          zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] docx() {
    return zip("[Content_Types].xml", "_rels/.rels", "word/document.xml");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldSniffEveryAllowedType() {
    assertThat(MediaTypeSniffer.sniff(PDF, "memo.pdf")).isEqualTo(MediaTypeSniffer.PDF);
    assertThat(MediaTypeSniffer.sniff(PNG, "roc.PNG")).isEqualTo(MediaTypeSniffer.PNG);
    assertThat(MediaTypeSniffer.sniff(JPEG, "roc.jpeg")).isEqualTo(MediaTypeSniffer.JPEG);
    assertThat(MediaTypeSniffer.sniff(JPEG, "roc.jpg")).isEqualTo(MediaTypeSniffer.JPEG);
    assertThat(MediaTypeSniffer.sniff(utf8("Findings: none.\n"), "memo.txt"))
        .isEqualTo(MediaTypeSniffer.TEXT);
    assertThat(MediaTypeSniffer.sniff(utf8("# Model card\n\nÄ ok"), "card.md"))
        .isEqualTo(MediaTypeSniffer.MARKDOWN);
    assertThat(MediaTypeSniffer.sniff(utf8("feature,mean\nage,41\n"), "sheet.csv"))
        .isEqualTo(MediaTypeSniffer.CSV);
    assertThat(MediaTypeSniffer.sniff(utf8("{\"rows\": [1, 2]}"), "stats.json"))
        .isEqualTo(MediaTypeSniffer.JSON);
    assertThat(MediaTypeSniffer.sniff(docx(), "doc.docx")).isEqualTo(MediaTypeSniffer.DOCX);
    assertThat(
            MediaTypeSniffer.sniff(
                zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"), "data.xlsx"))
        .isEqualTo(MediaTypeSniffer.XLSX);
  }

  @Test
  void shouldRefuseAnEmptyFileWith400() {
    assertRefused(new byte[0], "memo.pdf", HttpStatus.BAD_REQUEST, "empty");
  }

  @Test
  void shouldRefuseExecutablesAndScripts() {
    assertRefused(new byte[] {'M', 'Z', (byte) 0x90, 0}, "memo.pdf", "Executables");
    assertRefused(new byte[] {0x7F, 'E', 'L', 'F', 2, 1}, "tool.txt", "Executables");
    assertRefused(
        new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0},
        "A.txt",
        "Executables");
    assertRefused(utf8("#!/bin/sh\nrm -rf /\n"), "notes.txt", "Executables");
    assertRefused(utf8("\n  #!/bin/sh\n"), "notes.md", "Executables");
  }

  @Test
  void shouldRefuseHtmlSvgAndXml() {
    assertRefused(utf8("<!DOCTYPE html><p>hi"), "memo.txt", "HTML, SVG and XML");
    assertRefused(utf8("  <svg onload=alert(1)>"), "chart.md", "HTML, SVG and XML");
    assertRefused(utf8("<?xml version=\"1.0\"?><a/>"), "data.csv", "HTML, SVG and XML");
    assertRefused(utf8("# Notes\n\n<ScRiPt>alert(1)</script>\n"), "card.md", "markup");
    assertRefused(utf8("see [x](javascript:alert(1))"), "card.md", "markup");
  }

  @Test
  void shouldRefusePolyglots() {
    byte[] pdfAndHtml =
        utf8("%PDF-1.4\n<html><body><script>fetch('/api/audit')</script></body></html>\n%%EOF");
    assertRefused(pdfAndHtml, "memo.pdf", "markup");
    byte[] pngAndSvg = new byte[PNG.length + 30];
    System.arraycopy(PNG, 0, pngAndSvg, 0, PNG.length);
    System.arraycopy(utf8("<svg xmlns='x'/>"), 0, pngAndSvg, PNG.length, 16);
    assertRefused(pngAndSvg, "roc.png", "markup");
    assertRefused(utf8("%PDF-1.4\n<< /S /JavaScript /JS (app.alert(1)) >>"), "m.pdf", "JavaScript");
    assertRefused(utf8("%PDF-1.4\n<< /S /Launch /F (calc.exe) >>"), "m.pdf", "Launch");
  }

  @Test
  void shouldRefuseArchivesOtherThanOoxml() {
    assertRefused(zip("a.txt"), "docs.docx", "Archives");
    assertRefused(zip("a.txt"), "docs.zip", "Archives");
    assertRefused(new byte[] {0x1F, (byte) 0x8B, 8, 0}, "docs.txt", "Archives");
    assertRefused(new byte[] {'R', 'a', 'r', '!', 0x1A, 7}, "x.pdf", "Archives");
    assertRefused(
        zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"),
        "macro.docx",
        "macros");
    byte[] truncated = docx();
    byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 30);
    assertRefused(cut, "doc.docx", "ZIP");
  }

  @Test
  void shouldRefuseAMismatchedExtension() {
    assertRefused(PDF, "memo.docx", "does not match");
    assertRefused(PDF, "memo", "does not match");
    assertRefused(PNG, "roc.pdf", "does not match");
    assertRefused(docx(), "doc.xlsx", "does not match");
    assertRefused(utf8("plain words"), "memo.pdf", "does not match");
    assertRefused(utf8("plain words"), "memo.exe", "does not match");
    assertRefused(utf8("{\"a\": 1} trailing"), "stats.json", "JSON");
    assertRefused(utf8("{\"a\": 1, \"a\": 2}"), "stats.json", "JSON");
  }

  @Test
  void shouldRefuseOtherBinariesAndBadText() {
    assertRefused(new byte[] {'G', 'I', 'F', '8', '9', 'a', 0, 0}, "x.txt", "no accepted type");
    assertRefused(new byte[] {(byte) 0xC3, (byte) 0x28}, "x.txt", "no accepted type");
    assertRefused(utf8("nul\u0000byte"), "x.txt", "no accepted type");
  }

  @Test
  void shouldSanitiseFileNames() {
    assertThat(FileNames.sanitise("../../etc/passwd.txt")).isEqualTo("passwd.txt");
    assertThat(FileNames.sanitise("..\\..\\windows\\win.ini.txt")).isEqualTo("win.ini.txt");
    assertThat(FileNames.sanitise(".bashrc.txt")).isEqualTo("bashrc.txt");
    assertThat(FileNames.sanitise("memo\"; filename=x.html.pdf"))
        .isEqualTo("memo_ filename_x.html.pdf");
    assertThat(FileNames.sanitise("a\r\nb<c>.pdf")).isEqualTo("a_b_c_.pdf");
    assertThat(FileNames.sanitise("/")).isEqualTo("attachment");
    assertThat(FileNames.sanitise(null)).isEqualTo("attachment");
    assertThat(FileNames.sanitise("x".repeat(300) + ".pdf"))
        .hasSize(FileNames.MAX_LENGTH)
        .endsWith(".pdf");
  }

  private static void assertRefused(byte[] content, String name, String reason) {
    assertRefused(content, name, HttpStatus.UNSUPPORTED_MEDIA_TYPE, reason);
  }

  private static void assertRefused(byte[] content, String name, HttpStatus status, String reason) {
    assertThatThrownBy(() -> MediaTypeSniffer.sniff(content, name))
        .isInstanceOfSatisfying(
            RefusedContentException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(status);
              assertThat(e.getReason()).contains(reason);
            });
  }
}
