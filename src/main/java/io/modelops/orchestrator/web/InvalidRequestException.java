package io.modelops.orchestrator.web;

import java.util.List;

/**
 * A request that is well-formed but invalid in a way only the service can tell (e.g. a feature the
 * version's reference profile does not know): answered as 400 naming each offending field.
 */
public class InvalidRequestException extends RuntimeException {

  private final transient List<ApiExceptionHandler.FieldProblem> errors;

  public InvalidRequestException(List<ApiExceptionHandler.FieldProblem> errors) {
    super(errors.size() + " invalid fields");
    this.errors = List.copyOf(errors);
  }

  public static InvalidRequestException of(String field, String message) {
    return new InvalidRequestException(
        List.of(new ApiExceptionHandler.FieldProblem(field, message)));
  }

  public List<ApiExceptionHandler.FieldProblem> errors() {
    return errors;
  }
}
