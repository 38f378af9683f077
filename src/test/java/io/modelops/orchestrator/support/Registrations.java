package io.modelops.orchestrator.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Registration bodies, based on the example in the README (docs/examples/registration.json). */
public final class Registrations {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The documented example: a fully documented HIGH-risk model that passes validation. */
  public static ObjectNode example(String version) {
    try {
      ObjectNode body =
          (ObjectNode) JSON.readTree(Path.of("docs", "examples", "registration.json").toFile());
      body.put("version", version);
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Registrations() {}
}
