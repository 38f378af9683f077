package io.modelops.orchestrator.evidence;

import io.modelops.orchestrator.catalog.Patterns;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Downloads for people signed in to the dashboard, linked from the HTML model report; served and
 * audited as {@code GET /api/models/{name}/versions/{version}/attachments/{id}}.
 */
@Controller
@Validated
class AttachmentPageController {

  private final AttachmentService service;

  AttachmentPageController(AttachmentService service) {
    this.service = service;
  }

  @GetMapping("/dashboard/models/{name}/versions/{version}/attachments/{id}")
  public ResponseEntity<byte[]> download(
      @PathVariable @Pattern(regexp = Patterns.MODEL_NAME, message = Patterns.MODEL_NAME_MESSAGE)
          String name,
      @PathVariable @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
          String version,
      @PathVariable UUID id,
      Principal principal) {
    return AttachmentDownloads.response(service.download(name, version, id, principal.getName()));
  }
}
