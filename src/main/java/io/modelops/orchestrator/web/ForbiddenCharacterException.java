package io.modelops.orchestrator.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/** A JSON string or member name with a character {@link TextCharacters} forbids. */
class ForbiddenCharacterException extends JsonParseException {

  private final String field;

  ForbiddenCharacterException(JsonParser parser, String field, String message) {
    super(parser, message);
    this.field = field;
  }

  /** Where in the document: {@code lineage.runId}, {@code points[3].segment}, a member name. */
  public String field() {
    return field;
  }
}
