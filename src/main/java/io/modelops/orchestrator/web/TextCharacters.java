package io.modelops.orchestrator.web;

/**
 * Characters that text of the API must not contain: C0 controls other than TAB, LF and CR, DEL, C1
 * controls, and UTF-16 surrogates that are not part of a pair (they cannot be encoded in UTF-8 and
 * break every consumer downstream: the database, mail, CSV and HTML reports, logs).
 */
final class TextCharacters {

  public static final String MESSAGE =
      "must not contain control characters (other than tab, line feed and carriage return) or"
          + " unpaired surrogates";

  /** Index of the first forbidden character of {@code text}, or -1. */
  public static int firstForbidden(CharSequence text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x20) {
        if (c != '\t' && c != '\n' && c != '\r') {
          return i;
        }
      } else if (c >= 0x7f) {
        if (c <= 0x9f) {
          return i;
        }
        if (Character.isSurrogate(c)) {
          if (Character.isHighSurrogate(c)
              && i + 1 < length
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            i++;
          } else {
            return i;
          }
        }
      }
    }
    return -1;
  }

  /** Index (relative to {@code offset}) of the first forbidden character, or -1. */
  public static int firstForbidden(char[] text, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      char c = text[i];
      if (c < 0x20) {
        if (c != '\t' && c != '\n' && c != '\r') {
          return i - offset;
        }
      } else if (c >= 0x7f) {
        if (c <= 0x9f) {
          return i - offset;
        }
        if (Character.isSurrogate(c)) {
          if (Character.isHighSurrogate(c)
              && i + 1 < end
              && Character.isLowSurrogate(text[i + 1])) {
            i++;
          } else {
            return i - offset;
          }
        }
      }
    }
    return -1;
  }

  /**
   * The text with every character outside printable ASCII written as a backslash-u escape (four hex
   * digits).
   */
  public static String escaped(CharSequence text, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** What the forbidden character is, e.g. {@code U+0000 at position 3}. */
  static String describe(char c, int position) {
    return String.format("U+%04X at position %d", (int) c, position + 1);
  }

  private TextCharacters() {}
}
