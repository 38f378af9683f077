package io.modelops.orchestrator.web.html;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds HTML without a template engine. Everything that is not a tag or attribute name written in
 * code is escaped: text content and attribute values alike, so content registered by users (model
 * descriptions, comments, incident messages) can never become markup.
 */
public final class HtmlBuilder {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  private final StringBuilder out = new StringBuilder(8_192);

  /** Escapes text for element content and quoted attribute values. Null becomes "". */
  public static String escape(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        case '`' -> escaped.append("&#96;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
            escaped.append('\uFFFD'); // control characters are not allowed in HTML
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  /**
   * The URL if it is an absolute http(s) URL, else null: links to registered URLs must not run
   * script ({@code javascript:}) or load data ({@code data:}).
   */
  public static String safeExternalUrl(String url) {
    if (url == null) {
      return null;
    }
    String lower = url.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://") ? url.trim() : null;
  }

  /** Opens an element; {@code attributes} are name, value pairs (a null value is left out). */
  public HtmlBuilder open(String tag, String... attributes) {
    out.append('<').append(name(tag));
    attributes(attributes);
    out.append('>');
    return this;
  }

  public HtmlBuilder close(String tag) {
    out.append("</").append(name(tag)).append('>');
    return this;
  }

  /** An element without content, such as {@code input} or {@code meta}. */
  public HtmlBuilder empty(String tag, String... attributes) {
    return open(tag, attributes);
  }

  /** An element with escaped text content. */
  public HtmlBuilder element(String tag, Object text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** Escaped text. */
  public HtmlBuilder text(Object text) {
    out.append(escape(text));
    return this;
  }

  /**
   * A link; {@code href} is escaped like any attribute. Callers pass paths of this application or
   * URLs checked with {@link #safeExternalUrl(String)}.
   */
  public HtmlBuilder link(String href, Object text) {
    return element("a", text, "href", href);
  }

  /** Markup written in code (style sheets, doctype), never user content. */
  HtmlBuilder trusted(String markup) {
    out.append(markup);
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void attributes(String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("Attributes come as name, value pairs");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        out.append(' ')
            .append(name(attributes[i]))
            .append("=\"")
            .append(escape(attributes[i + 1]))
            .append('"');
      }
    }
  }

  private static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a tag or attribute name: " + name);
    }
    return name;
  }
}
