package io.modelops.orchestrator.deployment;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * What a {@link DeploymentRequest} means for the manifests of a GitOps repository: one KServe
 * {@code InferenceService} per model and stage, {@code <model>/staging.yaml} and {@code
 * <model>/production.yaml}. Rendering is deterministic: the same request on the same files gives
 * byte-identical content.
 */
final class KServeManifests {

  static final String API_VERSION = "serving.kserve.io/v1beta1";
  static final String KIND = "InferenceService";
  static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String LABEL_MODEL = "modelops.io/model";
  static final String LABEL_VERSION = "modelops.io/version";
  static final String ANNOTATION_PREVIOUS_VERSION = "modelops.io/previous-version";
  static final String ANNOTATION_STOP = "serving.kserve.io/stop";
  static final String DEFAULT_MODEL_FORMAT = "custom";

  private static final String HEADER =
      "# Managed by ModelOps Orchestrator: changes to this file are overwritten.\n";

  private final String namespace;

  KServeManifests(String namespace) {
    this.namespace = namespace;
  }

  /**
   * A file of the repository and the content it must have.
   *
   * @param path path inside the repository, with {@code /}
   * @param content UTF-8 YAML, or null when the file must not exist
   * @param summary first line of the commit message
   */
  record Change(String path, byte[] content, String summary) {}

  static String stagingPath(String model) {
    return model + "/staging.yaml";
  }

  static String productionPath(String model) {
    return model + "/production.yaml";
  }

  /**
   * The change {@code request} makes.
   *
   * @param current the content of a file at the current revision, or null when it does not exist
   */
  Change plan(DeploymentRequest request, Function<String, byte[]> current) {
    String model = request.modelName();
    String version = request.version();
    if (request.stage() == DeploymentStage.STAGING) {
      String path = stagingPath(model);
      return switch (request.action()) {
        case DEPLOY ->
            new Change(
                path,
                render(
                    model + "-staging",
                    model,
                    version,
                    request.framework(),
                    artifact(request.artifactUri(), version),
                    null,
                    Map.of()),
                "Deploy " + model + " " + version + " to staging");
        case ROLLBACK, STOP ->
            new Change(path, null, "Remove " + model + " " + version + " from staging");
        case PROMOTE ->
            throw new IllegalArgumentException(
                "PROMOTE is not an action for STAGING: " + request.idempotencyKey());
      };
    }

    String path = productionPath(model);
    return switch (request.action()) {
      case DEPLOY -> {
        if (request.stage() == DeploymentStage.CANARY) {
          Map<String, String> annotations =
              request.previousVersion() == null
                  ? Map.of()
                  : Map.of(ANNOTATION_PREVIOUS_VERSION, request.previousVersion());
          yield new Change(
              path,
              render(
                  model,
                  model,
                  version,
                  request.framework(),
                  artifact(request.artifactUri(), version),
                  request.trafficPercent(),
                  annotations),
              "Deploy "
                  + model
                  + " "
                  + version
                  + " to canary ("
                  + request.trafficPercent()
                  + " %)");
        }
        yield production(request, "Deploy " + model + " " + version + " to production");
      }
      case PROMOTE -> production(request, "Promote " + model + " " + version + " to production");
      case ROLLBACK -> {
        if (request.previousVersion() != null) {
          yield restorePrevious(
              request,
              "Roll back "
                  + model
                  + " "
                  + version
                  + " to "
                  + request.previousVersion()
                  + " in production");
        }
        yield new Change(
            path, null, "Roll back " + model + " " + version + ": remove from production");
      }
      case STOP -> {
        if (request.previousVersion() != null) {
          yield restorePrevious(
              request,
              "Stop "
                  + model
                  + " "
                  + version
                  + " and restore "
                  + request.previousVersion()
                  + " in production");
        }
        yield new Change(
            path,
            stopped(path, current.apply(path)),
            "Stop " + model + " " + version + " in production");
      }
    };
  }

  private Change production(DeploymentRequest request, String summary) {
    return new Change(
        productionPath(request.modelName()),
        render(
            request.modelName(),
            request.modelName(),
            request.version(),
            request.framework(),
            artifact(request.artifactUri(), request.version()),
            null,
            Map.of()),
        summary);
  }

  private Change restorePrevious(DeploymentRequest request, String summary) {
    return new Change(
        productionPath(request.modelName()),
        render(
            request.modelName(),
            request.modelName(),
            request.previousVersion(),
            request.framework(),
            artifact(request.previousArtifactUri(), request.previousVersion()),
            null,
            Map.of()),
        summary);
  }

  private byte[] render(
      String name,
      String model,
      String version,
      String framework,
      String storageUri,
      Integer canaryTrafficPercent,
      Map<String, String> annotations) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    Map<String, Object> labels = new TreeMap<>();
    labels.put(LABEL_MANAGED_BY, "modelops");
    labels.put(LABEL_MODEL, model);
    labels.put(LABEL_VERSION, labelValue(version));
    metadata.put("labels", labels);
    if (!annotations.isEmpty()) {
      metadata.put("annotations", new TreeMap<>(annotations));
    }

    Map<String, Object> modelFormat = new LinkedHashMap<>();
    modelFormat.put(
        "name", framework == null || framework.isBlank() ? DEFAULT_MODEL_FORMAT : framework);
    Map<String, Object> predictorModel = new LinkedHashMap<>();
    predictorModel.put("modelFormat", modelFormat);
    predictorModel.put("storageUri", storageUri);
    Map<String, Object> predictor = new LinkedHashMap<>();
    if (canaryTrafficPercent != null) {
      predictor.put("canaryTrafficPercent", canaryTrafficPercent);
    }
    predictor.put("model", predictorModel);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("predictor", predictor);

    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("apiVersion", API_VERSION);
    manifest.put("kind", KIND);
    manifest.put("metadata", metadata);
    manifest.put("spec", spec);
    return dump(manifest);
  }

  /** The current manifest with KServe's stop annotation; nothing to stop without a manifest. */
  @SuppressWarnings("unchecked")
  private byte[] stopped(String path, byte[] current) {
    if (current == null) {
      return null;
    }
    Object loaded;
    try {
      loaded =
          new Yaml(new SafeConstructor(new LoaderOptions()))
              .load(new String(current, StandardCharsets.UTF_8));
    } catch (YAMLException e) {
      throw new DeploymentFailedException("Cannot read " + path + ": " + e.getMessage(), e);
    }
    if (!(loaded instanceof Map<?, ?> manifest)
        || !(manifest.get("metadata") instanceof Map<?, ?> metadata)) {
      throw new DeploymentFailedException(path + " is not a Kubernetes manifest");
    }
    Map<String, Object> annotations = new TreeMap<>();
    if (metadata.get("annotations") instanceof Map<?, ?> existing) {
      existing.forEach((key, value) -> annotations.put(String.valueOf(key), value));
    }
    annotations.put(ANNOTATION_STOP, "true");
    ((Map<String, Object>) metadata).put("annotations", annotations);
    return dump((Map<String, Object>) manifest);
  }

  private static byte[] dump(Map<String, Object> manifest) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    Yaml yaml = new Yaml(new Representer(options), options);
    return (HEADER + yaml.dump(manifest)).getBytes(StandardCharsets.UTF_8);
  }

  private static String artifact(String uri, String version) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("No artifact URI for version " + version);
    }
    return uri;
  }

  /**
   * A Kubernetes label value for {@code value}: at most 63 of {@code A-Z a-z 0-9 . _ -}, starting
   * and ending with a letter or digit ({@code 1.4.0+build.7} becomes {@code 1.4.0_build.7}).
   */
  static String labelValue(String value) {
    String sanitized = value.replaceAll("[^A-Za-z0-9._-]", "_");
    if (sanitized.length() > 63) {
      sanitized = sanitized.substring(0, 63);
    }
    return sanitized.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
  }
}
