package io.modelops.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Makes the published OpenAPI document say what the server does, so that a client generated from it
 * works:
 *
 * <ul>
 *   <li>polymorphic types are published with the type names Jackson reads and writes (e.g. {@code
 *       "type": "numeric"}), as a {@code oneOf} with a discriminator mapping, each subtype a plain
 *       object with its type property;
 *   <li>every error is {@code application/problem+json} ({@value #PROBLEM} schema);
 *   <li>the statuses every operation can answer are documented: 401 (always), 403 (every operation
 *       with a body: its groups, or a cross-site request), 400 (every operation that takes input),
 *       404 (every operation whose path names a resource it does not create), 413 (every operation
 *       with a body); statuses of one operation (409, 429, ...) stay on its annotations;
 *   <li>success bodies are {@code application/json} rather than {@code *}{@code /*};
 *   <li>each tag is declared once, with its description.
 * </ul>
 */
final class OpenApiContract implements OpenApiCustomizer {

  /** The schema of every error body. */
  static final String PROBLEM = "Problem";

  static final String FIELD_PROBLEM = "FieldProblem";

  private static final String PROBLEM_JSON = "application/problem+json";

  private final List<Class<?>> polymorphicTypes;

  OpenApiContract(List<Class<?>> polymorphicTypes) {
    this.polymorphicTypes = List.copyOf(polymorphicTypes);
  }

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.setComponents(new Components());
    }
    polymorphicTypes.forEach(type -> publishJacksonNames(openApi.getComponents(), type));
    addProblemSchemas(openApi.getComponents());
    if (openApi.getPaths() != null) {
      openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(this::document));
    }
    declareTagsOnce(openApi);
  }

  /**
   * A sealed type with {@link JsonTypeInfo} and {@link JsonSubTypes}: a {@code oneOf} of its
   * subtypes with a discriminator that maps Jackson's names to them; each subtype an object with
   * the type property (its one value as enum and default) and its own properties, without the
   * {@code allOf} back to the base that a generator cannot resolve.
   */
  static void publishJacksonNames(Components components, Class<?> base) {
    JsonTypeInfo info = base.getAnnotation(JsonTypeInfo.class);
    JsonSubTypes subTypes = base.getAnnotation(JsonSubTypes.class);
    Map<String, Schema> schemas = components.getSchemas();
    if (info == null
        || subTypes == null
        || schemas == null
        || !schemas.containsKey(base.getSimpleName())) {
      return;
    }
    String property = info.property();
    Schema<?> baseSchema = schemas.get(base.getSimpleName());
    Discriminator discriminator = new Discriminator().propertyName(property);
    List<Schema> oneOf = new ArrayList<>();
    for (JsonSubTypes.Type subType : subTypes.value()) {
      String schemaName = subType.value().getSimpleName();
      Schema<?> subSchema = schemas.get(schemaName);
      if (subSchema == null) {
        throw new IllegalStateException(
            "No schema " + schemaName + " for subtype " + subType.name() + " of " + base.getName());
      }
      ObjectSchema flat = new ObjectSchema();
      flat.setDescription(subSchema.getDescription());
      StringSchema typeProperty = new StringSchema();
      typeProperty.setEnum(List.of(subType.name()));
      typeProperty.setDefault(subType.name());
      flat.addProperty(property, typeProperty);
      Set<String> required = new LinkedHashSet<>();
      required.add(property);
      List<Schema> parts = subSchema.getAllOf() == null ? List.of(subSchema) : subSchema.getAllOf();
      for (Schema<?> part : parts) {
        if (part.get$ref() != null) {
          continue; // the base
        }
        if (part.getProperties() != null) {
          part.getProperties()
              .forEach(
                  (name, schema) -> {
                    if (!name.equals(property)) {
                      flat.addProperty(name, schema);
                    }
                  });
        }
        if (part.getRequired() != null) {
          required.addAll(part.getRequired());
        }
        if (flat.getDescription() == null) {
          flat.setDescription(part.getDescription());
        }
      }
      if (subSchema.getRequired() != null) {
        required.addAll(subSchema.getRequired());
      }
      flat.setRequired(new ArrayList<>(required));
      schemas.put(schemaName, flat);
      discriminator.mapping(subType.name(), "#/components/schemas/" + schemaName);
      oneOf.add(new Schema<>().$ref("#/components/schemas/" + schemaName));
    }
    Schema<Object> published = new Schema<>();
    published.setDescription(baseSchema.getDescription());
    published.setOneOf(oneOf);
    published.setDiscriminator(discriminator);
    schemas.put(base.getSimpleName(), published);
  }

  /**
   * RFC 9457 problem details as {@code ApiExceptionHandler} and the security handlers write them.
   */
  private static void addProblemSchemas(Components components) {
    ObjectSchema fieldProblem = new ObjectSchema();
    fieldProblem.setDescription("One offending field of a request");
    fieldProblem.addProperty(
        "field",
        new StringSchema().description("The field, e.g. features[amount].values").example("owner"));
    fieldProblem.addProperty(
        "message",
        new StringSchema().description("What is wrong with it").example("must not be blank"));
    fieldProblem.setRequired(List.of("field", "message"));
    components.addSchemas(FIELD_PROBLEM, fieldProblem);

    ObjectSchema problem = new ObjectSchema();
    problem.setDescription(
        "An error (RFC 9457 problem details, application/problem+json). Validation problems"
            + " (type urn:modelops:problem:validation) name every offending field in errors.");
    problem.addProperty(
        "type",
        new StringSchema()
            .format("uri")
            .description("The kind of problem; about:blank when it has none")
            .example("urn:modelops:problem:validation"));
    problem.addProperty(
        "title",
        new StringSchema()
            .description("Short summary of the kind of problem")
            .example("Invalid request"));
    problem.addProperty("status", new IntegerSchema().description("The HTTP status").example(400));
    problem.addProperty(
        "detail",
        new StringSchema()
            .description("What this request did wrong")
            .example("1 field is invalid: owner"));
    problem.addProperty(
        "instance",
        new StringSchema()
            .format("uri")
            .description("The request path")
            .example("/api/models/fraud-detector/versions"));
    ArraySchema errors = new ArraySchema();
    errors.setItems(new Schema<>().$ref("#/components/schemas/" + FIELD_PROBLEM));
    errors.setDescription("Every offending field (validation problems only)");
    problem.addProperty("errors", errors);
    problem.setRequired(List.of("status", "title"));
    components.addSchemas(PROBLEM, problem);
  }

  private void document(PathItem.HttpMethod method, Operation operation) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    ApiResponses responses = operation.getResponses();
    boolean body = operation.getRequestBody() != null;
    List<Parameter> parameters =
        operation.getParameters() == null ? List.of() : operation.getParameters();
    boolean input = body || !parameters.isEmpty();
    boolean namesResource = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));
    if (input) {
      addIfAbsent(responses, "400", "Invalid request: every offending field is named in errors");
    }
    addIfAbsent(responses, "401", "No or wrong credentials (HTTP Basic)");
    if (body || method != PathItem.HttpMethod.GET) {
      addIfAbsent(
          responses,
          "403",
          "Not allowed to the caller's groups, or a request that looks cross-site (a browser"
              + " request without the X-Requested-By header)");
    }
    // an operation that creates what its path names answers 201, not 404
    if (namesResource && !responses.containsKey("201")) {
      addIfAbsent(responses, "404", "No such resource");
    }
    if (body) {
      addIfAbsent(
          responses,
          "413",
          "Request too large (above modelops.max-request-size; counted on the bytes read)");
    }
    Map<String, ApiResponse> sorted = new TreeMap<>(responses);
    responses.clear();
    sorted.forEach(
        (status, response) -> {
          if (status.startsWith("4") || status.startsWith("5")) {
            response.setContent(problemContent());
          } else if (response.getContent() != null && response.getContent().containsKey("*/*")) {
            MediaType any = response.getContent().remove("*/*");
            response
                .getContent()
                .addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, any);
          }
          responses.addApiResponse(status, response);
        });
  }

  private static void addIfAbsent(ApiResponses responses, String status, String description) {
    if (!responses.containsKey(status)) {
      responses.addApiResponse(status, new ApiResponse().description(description));
    }
  }

  private static Content problemContent() {
    return new Content()
        .addMediaType(
            PROBLEM_JSON,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
  }

  /** One entry per tag name, keeping the first description given, sorted by name. */
  private static void declareTagsOnce(OpenAPI openApi) {
    if (openApi.getTags() == null) {
      return;
    }
    Map<String, Tag> byName = new TreeMap<>();
    for (Tag tag : openApi.getTags()) {
      Tag known = byName.putIfAbsent(tag.getName(), tag);
      if (known != null && known.getDescription() == null) {
        known.setDescription(tag.getDescription());
      }
    }
    openApi.setTags(new ArrayList<>(byName.values()));
  }
}
