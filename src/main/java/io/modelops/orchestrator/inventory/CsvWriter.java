package io.modelops.orchestrator.inventory;

import java.util.List;

/**
 * Writes CSV as RFC 4180 describes it: comma-separated, CRLF line ends, fields with commas, quotes
 * or line breaks in double quotes, quotes doubled. Cells that a spreadsheet would run as a formula
 * (starting with {@code = + - @}, a tab or a carriage return) are prefixed with {@code '}, so
 * opening an export never executes content that users registered (CSV injection).
 */
final class CsvWriter {

  private final StringBuilder out = new StringBuilder(4_096);

  /** Appends one record. Null cells are written empty. */
  public CsvWriter row(List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
    return this;
  }

  /** One field, neutralised and quoted as needed. */
  public static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    boolean quote =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
