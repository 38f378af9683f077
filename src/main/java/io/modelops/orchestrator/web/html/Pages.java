package io.modelops.orchestrator.web.html;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The server-rendered pages for people: Thymeleaf templates under {@code templates/} (one layout,
 * {@code layout.html}), every value escaped by the template engine, served with a content security
 * policy that allows no script and only the application's own style sheet.
 */
@Component
public class Pages {

  /**
   * No script at all, styles only from the application's own style sheet: even if content escaped
   * the escaping, a browser would neither run it nor apply inline styles.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " base-uri 'none'; frame-ancestors 'none'";

  public static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

  /** The style sheet of every page, served from {@code static/css/}. */
  public static final String STYLE_SHEET = "/css/modelops.css";

  /** Control characters other than tab and line breaks: never valid in an XML document. */
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]");

  private final ITemplateEngine templates;

  public Pages(ITemplateEngine templates) {
    this.templates = templates;
  }

  /**
   * A template rendered with these variables, plus {@code fmt} ({@link Readable} for templates) and
   * {@code styleSheet}. The result is well-formed XHTML, so the PDF renderer can read it too.
   */
  public String render(String template, Map<String, Object> variables) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("fmt", Format.INSTANCE);
    context.setVariable("styleSheet", STYLE_SHEET);
    context.setVariable("print", false);
    context.setVariables(variables);
    return CONTROL.matcher(templates.process(template, context)).replaceAll("\uFFFD");
  }

  /** 200 with the page, as UTF-8 HTML, never cached, under the page's content security policy. */
  public static ResponseEntity<String> response(String document) {
    return ResponseEntity.ok()
        .contentType(HTML)
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .body(document);
  }

  /** Formatting helpers for templates: {@code ${fmt.time(t)}}, {@code ${fmt.count(n, 'point')}}. */
  public static final class Format {

    static final Format INSTANCE = new Format();

    public String time(java.time.OffsetDateTime time) {
      return Readable.time(time);
    }

    public String number(Double value) {
      return value == null ? "" : Readable.number(value);
    }

    public String limit(Double value) {
      return value == null ? "" : Readable.limit(value);
    }

    /** "1 health evaluation", "2 health evaluations". */
    public String count(long n, String noun) {
      return Readable.count(n, noun);
    }

    /** "—" for null or blank, the value's text otherwise. */
    public String orNone(Object value) {
      return value == null || value.toString().isBlank() ? "—" : value.toString();
    }

    /** An http(s) URL to link to, or null: never a script or data URL. */
    public String externalUrl(String url) {
      return GovernanceLinks.safeExternalUrl(url);
    }

    /** An enum or text as a lower-case label: NOT_APPLICABLE → "not applicable". */
    public String label(Object value) {
      return value == null ? "" : value.toString().replace('_', ' ').toLowerCase(Locale.ROOT);
    }
  }
}
