package io.modelops.orchestrator.web.html;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The frame of the server-rendered pages: document, print-friendly style sheet, headers. */
public final class HtmlPage {

  /**
   * No script at all, styles only from the page itself: even if content escaped the escaping, a
   * browser would not run it.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self';"
          + " base-uri 'none'; frame-ancestors 'none'";

  public static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
        margin:1.5rem 2rem;color:#1b1b1b;line-height:1.4;font-size:15px}
      h1{font-size:1.5rem;margin:0 0 .3rem}
      h2{font-size:1.15rem;border-bottom:2px solid #d0d0d0;padding-bottom:.2rem;margin:1.8rem 0 .6rem}
      h3{font-size:1rem;margin:1.2rem 0 .4rem}
      table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.88rem}
      th,td{border:1px solid #c8c8c8;padding:.25rem .45rem;text-align:left;vertical-align:top}
      th{background:#f2f2f2;font-weight:600}
      dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1.2rem;margin:.4rem 0}
      dt{font-weight:600}dd{margin:0;white-space:pre-wrap}
      .meta{color:#555;font-size:.9rem}
      .mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.82rem;word-break:break-all}
      .nowrap{white-space:nowrap;word-break:normal}
      .PASS,.PRESENT,.APPROVE{color:#0b6b2e;font-weight:600}
      .WARN,.PARTIAL,.REQUEST_CHANGES,.overdue{color:#8a5a00;font-weight:600}
      .FAIL,.MISSING,.REJECT,.open{color:#a4161a;font-weight:600}
      .NOT_APPLICABLE{color:#555}
      .cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0}
      .card{border:1px solid #c8c8c8;border-radius:4px;padding:.4rem .8rem;min-width:7rem}
      .card b{display:block;font-size:1.3rem}
      form.filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:flex-end;margin:.6rem 0}
      form.filters label{display:flex;flex-direction:column;font-size:.85rem}
      .note{background:#f7f7f7;border-left:4px solid #c8c8c8;padding:.4rem .8rem}
      @page{size:A4;margin:14mm}
      @media print{body{margin:0;font-size:9.5pt}a{color:inherit;text-decoration:none}
        .no-print{display:none}h2{break-after:avoid}tr{break-inside:avoid}th{background:#eee}}
      """;

  /** A complete HTML document. */
  public static String document(String title, Consumer<HtmlBuilder> body) {
    HtmlBuilder html = new HtmlBuilder().trusted("<!DOCTYPE html>\n");
    html.open("html", "lang", "en").open("head");
    html.empty("meta", "charset", "utf-8");
    html.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    html.element("title", title);
    html.open("style").trusted(STYLE).close("style");
    html.close("head").open("body");
    body.accept(html);
    html.close("body").close("html");
    return html.toString();
  }

  /** 200 with the page, as UTF-8 HTML, never cached, under the page's content security policy. */
  public static ResponseEntity<String> response(String document) {
    return ResponseEntity.ok()
        .contentType(HTML)
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .body(document);
  }

  /** A table header row. */
  public static void headerRow(HtmlBuilder html, String... headers) {
    html.open("thead").open("tr");
    for (String header : headers) {
      html.element("th", header);
    }
    html.close("tr").close("thead");
  }

  /** A table row of escaped cells. */
  public static void row(HtmlBuilder html, Object... cells) {
    html.open("tr");
    for (Object cell : cells) {
      html.element("td", cell);
    }
    html.close("tr");
  }

  private HtmlPage() {}
}
