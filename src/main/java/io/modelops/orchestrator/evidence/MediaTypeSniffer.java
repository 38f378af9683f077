package io.modelops.orchestrator.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The media type of an upload, read from its bytes; the declared {@code Content-Type} is never
 * used. Allow-listed: PDF, PNG, JPEG, UTF-8 plain text, Markdown, CSV and JSON, and Word and Excel
 * documents (OOXML: a ZIP archive with the entries of the format, without macros). The file name's
 * extension must be one of the sniffed type's.
 *
 * <p>Refused with 415 and the reason: executables and scripts (PE, ELF, Mach-O, Java classes,
 * {@code #!}), HTML, SVG and XML (they can carry script, also when a PDF or an image is followed by
 * markup: a polyglot), PDFs with JavaScript or launch actions, archives other than OOXML, macro
 * documents, anything else that is not allow-listed, and a mismatched extension. An empty file is a
 * 400.
 */
final class MediaTypeSniffer {

  static final String PDF = "application/pdf";
  static final String PNG = "image/png";
  static final String JPEG = "image/jpeg";
  static final String TEXT = "text/plain";
  static final String MARKDOWN = "text/markdown";
  static final String CSV = "text/csv";
  static final String JSON = "application/json";
  static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** The extensions a file of each type may have. */
  static final Map<String, List<String>> EXTENSIONS =
      Map.of(
          PDF, List.of("pdf"),
          PNG, List.of("png"),
          JPEG, List.of("jpg", "jpeg"),
          TEXT, List.of("txt"),
          MARKDOWN, List.of("md", "markdown"),
          CSV, List.of("csv"),
          JSON, List.of("json"),
          DOCX, List.of("docx"),
          XLSX, List.of("xlsx"));

  static final String ALLOWED =
      "PDF, PNG, JPEG, plain text (.txt), Markdown (.md), CSV, JSON, Word (.docx), Excel (.xlsx)";

  /** Markup that a browser may run, in any content (case-insensitive). */
  private static final List<String> MARKUP_IN_BINARY =
      List.of("<script", "<html", "<iframe", "<!doctype html", "<svg ", "<svg>", "<svg\n");

  /** In text every tag that can run or embed script counts, and {@code javascript:} links. */
  private static final List<String> MARKUP_IN_TEXT =
      List.of(
          "<script", "<html", "<iframe", "<!doctype", "<svg", "<object", "<embed", "javascript:");

  /** PDF actions that run code or other files (PDF names are case-sensitive). */
  private static final List<String> PDF_ACTIONS = List.of("/JavaScript", "/Launch");

  private static final int MAX_ZIP_ENTRIES = 5_000;

  private MediaTypeSniffer() {}

  /**
   * The sniffed media type of {@code content}.
   *
   * @throws RefusedContentException 400 for an empty file, 415 for a refused or mismatched type
   */
  static String sniff(byte[] content, String fileName) {
    if (content.length == 0) {
      throw new RefusedContentException(HttpStatus.BAD_REQUEST, "The file is empty");
    }
    String extension = extension(fileName);
    String type = detect(content, extension);
    List<String> extensions = EXTENSIONS.get(type);
    if (!extensions.contains(extension)) {
      throw RefusedContentException.unsupported(
          "The file name's extension "
              + (extension.isEmpty() ? "(none)" : "'." + extension + "'")
              + " does not match its content ("
              + type
              + "); expected ."
              + String.join(" or .", extensions));
    }
    refuseActiveContent(content, type);
    return type;
  }

  /** The lower-case extension of a file name, without the dot; empty if none. */
  static String extension(String fileName) {
    int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String detect(byte[] b, String extension) {
    if (startsWith(b, 'M', 'Z')
        || startsWith(b, 0x7F, 'E', 'L', 'F')
        || startsWith(b, 0xFE, 0xED, 0xFA, 0xCE)
        || startsWith(b, 0xFE, 0xED, 0xFA, 0xCF)
        || startsWith(b, 0xCE, 0xFA, 0xED, 0xFE)
        || startsWith(b, 0xCF, 0xFA, 0xED, 0xFE)
        || startsWith(b, 0xCA, 0xFE, 0xBA, 0xBE)
        || startsWith(b, '#', '!')) {
      throw RefusedContentException.unsupported(
          "Executables and scripts are not accepted as evidence");
    }
    if (startsWith(b, '%', 'P', 'D', 'F', '-')) {
      return PDF;
    }
    if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (startsWith(b, 'P', 'K', 3, 4)) {
      return officeDocument(b);
    }
    if (startsWith(b, 'P', 'K', 5, 6)
        || startsWith(b, 'P', 'K', 7, 8)
        || startsWith(b, 0x1F, 0x8B)
        || startsWith(b, 'B', 'Z', 'h')
        || startsWith(b, 0xFD, '7', 'z', 'X', 'Z', 0)
        || startsWith(b, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)
        || startsWith(b, 'R', 'a', 'r', '!')
        || (b.length > 262 && startsWith(slice(b, 257), 'u', 's', 't', 'a', 'r'))) {
      throw RefusedContentException.unsupported(
          "Archives are accepted only as Word (.docx) or Excel (.xlsx) documents");
    }
    return text(b, extension);
  }

  private static String text(byte[] b, String extension) {
    int start = startsWith(b, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b, start, b.length - start))
              .toString();
    } catch (CharacterCodingException notUtf8) {
      throw notAllowed();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
        throw notAllowed();
      }
    }
    String head = text.stripLeading();
    if (head.startsWith("<")) {
      throw RefusedContentException.unsupported(
          "HTML, SVG and XML are not accepted as evidence (they can carry script)");
    }
    if (head.startsWith("#!")) {
      throw RefusedContentException.unsupported(
          "Executables and scripts are not accepted as evidence");
    }
    return switch (extension) {
      case "json" -> {
        requireJson(b, start);
        yield JSON;
      }
      case "csv" -> CSV;
      case "md", "markdown" -> MARKDOWN;
      default -> TEXT;
    };
  }

  private static void requireJson(byte[] b, int start) {
    JsonFactory factory =
        JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    try (JsonParser parser = factory.createParser(b, start, b.length - start)) {
      int depth = 0;
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new IOException("no value");
      }
      do {
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
        token = parser.nextToken();
      } while (depth > 0 && token != null);
      if (parser.nextToken() != null || depth != 0) {
        throw new IOException("trailing content");
      }
    } catch (IOException | RuntimeException invalid) {
      throw RefusedContentException.unsupported(
          "The file is named .json but its content is no single valid JSON document");
    }
  }

  /** Word or Excel: a ZIP archive with the OOXML entries of one of them, and no macros. */
  private static String officeDocument(byte[] b) {
    List<String> names = zipEntryNames(b);
    for (String name : names) {
      if (name.toLowerCase(Locale.ROOT).endsWith("vbaproject.bin")) {
        throw RefusedContentException.unsupported(
            "Documents with macros are not accepted as evidence");
      }
    }
    if (names.contains("[Content_Types].xml")) {
      if (names.contains("word/document.xml")) {
        return DOCX;
      }
      if (names.contains("xl/workbook.xml")) {
        return XLSX;
      }
    }
    throw RefusedContentException.unsupported(
        "Archives are accepted only as Word (.docx) or Excel (.xlsx) documents");
  }

  /** The entry names of a ZIP archive from its central directory; nothing is decompressed. */
  static List<String> zipEntryNames(byte[] b) {
    int eocd = -1;
    for (int i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
      if (u32(b, i) == 0x06054b50L) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw RefusedContentException.unsupported("The file is no readable ZIP (OOXML) document");
    }
    int count = u16(b, eocd + 10);
    long size = u32(b, eocd + 12);
    long offset = u32(b, eocd + 16);
    if (count > MAX_ZIP_ENTRIES || offset + size > eocd) {
      throw RefusedContentException.unsupported("The file is no readable ZIP (OOXML) document");
    }
    List<String> names = new ArrayList<>(count);
    int p = (int) offset;
    for (int i = 0; i < count; i++) {
      if (p + 46 > eocd || u32(b, p) != 0x02014b50L) {
        throw RefusedContentException.unsupported("The file is no readable ZIP (OOXML) document");
      }
      int nameLength = u16(b, p + 28);
      int extraLength = u16(b, p + 30);
      int commentLength = u16(b, p + 32);
      if (p + 46 + nameLength > eocd) {
        throw RefusedContentException.unsupported("The file is no readable ZIP (OOXML) document");
      }
      names.add(new String(b, p + 46, nameLength, StandardCharsets.UTF_8));
      p += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }

  private static void refuseActiveContent(byte[] content, String type) {
    boolean text = type.startsWith("text/") || JSON.equals(type);
    for (String marker : text ? MARKUP_IN_TEXT : MARKUP_IN_BINARY) {
      if (indexOf(content, marker, true) >= 0) {
        throw RefusedContentException.unsupported(
            "The file contains markup that a browser could run ('"
                + marker.strip()
                + "'); HTML, SVG and script are not accepted as evidence");
      }
    }
    if (PDF.equals(type)) {
      for (String action : PDF_ACTIONS) {
        if (indexOf(content, action, false) >= 0) {
          throw RefusedContentException.unsupported(
              "PDF documents with " + action.substring(1) + " actions are not accepted");
        }
      }
    }
  }

  /** The first index of an ASCII marker in the bytes, or -1. */
  static int indexOf(byte[] b, String marker, boolean ignoreCase) {
    byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i <= b.length - m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        int c = b[i + j];
        if (ignoreCase && c >= 'A' && c <= 'Z') {
          c += 'a' - 'A';
        }
        if (c != m[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static RefusedContentException notAllowed() {
    return RefusedContentException.unsupported(
        "The content is of no accepted type; accepted: " + ALLOWED);
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] slice(byte[] b, int from) {
    byte[] rest = new byte[Math.min(8, b.length - from)];
    System.arraycopy(b, from, rest, 0, rest.length);
    return rest;
  }

  private static int u16(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b, int i) {
    if (i < 0 || i + 4 > b.length) {
      return -1;
    }
    return (b[i] & 0xFFL)
        | (b[i + 1] & 0xFFL) << 8
        | (b[i + 2] & 0xFFL) << 16
        | (b[i + 3] & 0xFFL) << 24;
  }
}
