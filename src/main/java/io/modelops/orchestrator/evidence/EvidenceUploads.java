package io.modelops.orchestrator.evidence;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.util.unit.DataSize;

/**
 * The request size of evidence uploads: the file may have {@code modelops.evidence.max-size}; the
 * request around it (multipart boundaries and headers, kind, title) at most {@link #FRAMING} more.
 * The request size filter and the multipart parser both use {@link #maxRequestBytes}, so there is
 * one setting; {@code modelops.max-request-size} bounds every other request.
 */
public final class EvidenceUploads {

  /** Room for the multipart framing, the kind and the title around the file. */
  public static final long FRAMING = 64 * 1024;

  private static final Pattern PATH =
      Pattern.compile("^/api/models/[^/]+/versions/[^/]+/attachments$");

  private EvidenceUploads() {}

  /** Whether the request is an upload of evidence (paths are canonical by now). */
  public static boolean isUpload(HttpServletRequest request) {
    return "POST".equals(request.getMethod()) && PATH.matcher(request.getRequestURI()).matches();
  }

  public static long maxRequestBytes(DataSize maxEvidenceSize) {
    return maxEvidenceSize.toBytes() + FRAMING;
  }
}
