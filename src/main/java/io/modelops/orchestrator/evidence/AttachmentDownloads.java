package io.modelops.orchestrator.evidence;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How an attachment is served: always as a download with its sniffed type, never rendered by the
 * browser as this origin's page (no type guessing, a sandbox without script).
 */
final class AttachmentDownloads {

  private AttachmentDownloads() {}

  static ResponseEntity<byte[]> response(AttachmentService.Download download) {
    AttachmentRepository.Attachment a = download.attachment();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(a.mediaType()))
        .contentLength(download.content().length)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(a.fileName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox; default-src 'none'")
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .header("X-Attachment-SHA256", a.sha256())
        .body(download.content());
  }
}
