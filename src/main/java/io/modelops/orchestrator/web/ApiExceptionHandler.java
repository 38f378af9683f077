package io.modelops.orchestrator.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns errors of our REST API into RFC 9457 problem details ({@code application/problem+json}).
 * Validation problems name every offending field in an {@code errors} array.
 */
@RestControllerAdvice(basePackages = "io.modelops.orchestrator")
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  /** One offending field of a request. */
  public record FieldProblem(String field, String message) {}

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  static final URI VALIDATION = URI.create("urn:modelops:problem:validation");

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> errors = new ArrayList<>();
    for (FieldError error : ex.getBindingResult().getFieldErrors()) {
      errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
    }
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(e -> errors.add(new FieldProblem(e.getObjectName(), e.getDefaultMessage())));
    return validationProblem(errors);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> errors = new ArrayList<>();
    ex.getParameterValidationResults()
        .forEach(
            result -> {
              String parameter = result.getMethodParameter().getParameterName();
              for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field =
                    error instanceof FieldError fieldError ? fieldError.getField() : parameter;
                errors.add(new FieldProblem(field, error.getDefaultMessage()));
              }
            });
    return validationProblem(errors);
  }

  /**
   * A request body whose value cannot be bound to its field's type at all (e.g. a string where a
   * list of numbers belongs): Jackson reports it as a "definition" problem, Spring as a conversion
   * error, but the client sent it, so it is a 400 naming the field. Serialisation problems (our
   * side) stay errors.
   */
  @ExceptionHandler(org.springframework.http.converter.HttpMessageConversionException.class)
  ResponseEntity<Object> handleConversion(
      org.springframework.http.converter.HttpMessageConversionException ex) {
    if (ex.getCause()
            instanceof com.fasterxml.jackson.databind.exc.InvalidDefinitionException invalid
        && invalid.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.BAD_REQUEST, "Wrong type for '" + path(invalid) + "'");
      problem.setType(VALIDATION);
      problem.setTitle("Invalid request");
      problem.setProperty("errors", List.of(new FieldProblem(path(invalid), "wrong JSON type")));
      return problemResponse(problem);
    }
    throw ex;
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Object> handleInvalidRequest(InvalidRequestException ex) {
    return validationProblem(ex.errors());
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
    List<FieldProblem> errors =
        ex.getConstraintViolations().stream()
            .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
            .toList();
    return validationProblem(errors);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Throwable cause = ex.getCause();
    ForbiddenCharacterException forbidden = forbiddenCharacter(cause);
    if (forbidden != null) {
      return validationProblem(
          List.of(new FieldProblem(forbidden.field(), forbidden.getOriginalMessage())));
    }
    List<FieldProblem> errors = new ArrayList<>();
    String detail;
    if (cause instanceof UnrecognizedPropertyException unknown) {
      detail = "Unknown field '" + unknown.getPropertyName() + "'";
      errors.add(
          new FieldProblem(
              path(unknown),
              "unknown field; known fields: "
                  + unknown.getKnownPropertyIds().stream()
                      .map(String::valueOf)
                      .sorted()
                      .collect(Collectors.joining(", "))));
    } else if (cause instanceof InvalidFormatException invalid) {
      String allowed =
          invalid.getTargetType() != null && invalid.getTargetType().isEnum()
              ? "; allowed: "
                  + Arrays.stream(invalid.getTargetType().getEnumConstants())
                      .map(String::valueOf)
                      .collect(Collectors.joining(", "))
              : "";
      detail = "Invalid value for '" + path(invalid) + "'";
      errors.add(
          new FieldProblem(path(invalid), "invalid value '" + invalid.getValue() + "'" + allowed));
    } else if (cause instanceof MismatchedInputException mismatched
        && !mismatched.getPath().isEmpty()) {
      detail = "Wrong type for '" + path(mismatched) + "'";
      errors.add(new FieldProblem(path(mismatched), "wrong JSON type"));
    } else if (cause instanceof JsonParseException parse) {
      detail = "Malformed JSON: " + parse.getOriginalMessage();
    } else {
      detail = "The request body is missing or not readable JSON";
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(VALIDATION);
    problem.setTitle("Invalid request");
    if (!errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return problemResponse(problem);
  }

  @ExceptionHandler(ResourceNotFoundException.class)
  ResponseEntity<Object> handleNotFound(ResourceNotFoundException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    problem.setTitle("Not found");
    return problemResponse(problem);
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<Object> handleConflict(ConflictException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    problem.setTitle("Conflict");
    return problemResponse(problem);
  }

  @ExceptionHandler(QuotaExceededException.class)
  ResponseEntity<Object> handleQuota(QuotaExceededException ex) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
    problem.setTitle("Quota exceeded");
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())))
        .body(problem);
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<Object> handleEngineAuthorization(AuthorizationException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
    problem.setTitle("Forbidden");
    return problemResponse(problem);
  }

  /**
   * The engine refused to start or continue a process, e.g. because an operator suspended the
   * lifecycle definition. Nothing was written: the catalog and the engine share the transaction.
   */
  @ExceptionHandler(ProcessEngineException.class)
  ResponseEntity<Object> handleEngine(ProcessEngineException ex) {
    log.warn("Engine refused a request: {}", ex.getMessage());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "The model lifecycle could not be started or continued: "
                + ex.getMessage()
                + ". Nothing was recorded; retry later or ask an operator.");
    problem.setTitle("Lifecycle unavailable");
    return problemResponse(problem);
  }

  private static ResponseEntity<Object> validationProblem(List<FieldProblem> errors) {
    List<FieldProblem> sorted =
        errors.stream().sorted(Comparator.comparing(FieldProblem::field)).toList();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            sorted.size() == 1
                ? "1 field is invalid: " + sorted.get(0).field()
                : sorted.size()
                    + " fields are invalid: "
                    + sorted.stream()
                        .map(FieldProblem::field)
                        .distinct()
                        .collect(Collectors.joining(", ")));
    problem.setType(VALIDATION);
    problem.setTitle("Invalid request");
    problem.setProperty("errors", sorted);
    return problemResponse(problem);
  }

  private static ResponseEntity<Object> problemResponse(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static String path(JsonMappingException ex) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : ex.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(body)" : path.toString();
  }

  /** A forbidden character found while parsing, possibly wrapped by a deserializer. */
  private static ForbiddenCharacterException forbiddenCharacter(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ForbiddenCharacterException forbidden) {
        return forbidden;
      }
    }
    return null;
  }

  private static String lastNode(String propertyPath) {
    int dot = propertyPath.indexOf('.');
    return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
  }
}
