package io.modelops.orchestrator.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** JSON for programs, HTML for people: chosen by {@code ?format=} or else the Accept header. */
enum ReportFormat {
  JSON,
  HTML;

  private static final MediaType XHTML = MediaType.APPLICATION_XHTML_XML;

  /**
   * {@code format} ({@code json} or {@code html}) wins; otherwise the Accept type with the highest
   * quality that names HTML (text/html, application/xhtml+xml, text/*) or JSON (including
   * wildcards); JSON when nothing decides.
   */
  public static ReportFormat choose(String format, String accept) {
    if (format != null && !format.isBlank()) {
      return valueOf(format.trim().toUpperCase(Locale.ROOT));
    }
    if (accept == null || accept.isBlank()) {
      return JSON;
    }
    List<MediaType> types;
    try {
      types = MediaType.parseMediaTypes(accept);
    } catch (InvalidMediaTypeException e) {
      return JSON;
    }
    List<MediaType> byQuality =
        types.stream()
            .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
            .toList();
    for (MediaType type : byQuality) {
      if (type.getQualityValue() == 0) {
        continue;
      }
      if (!type.isWildcardType()
          && (type.includes(MediaType.TEXT_HTML) || type.isCompatibleWith(XHTML))) {
        return HTML;
      }
      if (type.includes(MediaType.APPLICATION_JSON)
          || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
        return JSON;
      }
    }
    return JSON;
  }
}
