package io.modelops.orchestrator.evidence;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** An upload whose content is refused: its status (400, 413, 415) and the reason. */
class RefusedContentException extends ResponseStatusException {

  RefusedContentException(HttpStatus status, String reason) {
    super(status, reason);
  }

  static RefusedContentException unsupported(String reason) {
    return new RefusedContentException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, reason);
  }
}
