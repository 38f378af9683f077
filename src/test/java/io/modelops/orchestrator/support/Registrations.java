package io.modelops.orchestrator.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Registration bodies, based on the example of the API guide (docs/examples/registration.json). */
public final class Registrations {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The documented example: a fully documented HIGH-risk model that passes validation. Its risk
   * questionnaire (automated decisions about people with material financial impact) implies HIGH.
   */
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

  /**
   * The example, declaring {@code riskTier} with a questionnaire that implies exactly that tier.
   */
  public static ObjectNode example(String version, String riskTier) {
    return declaring(example(version), riskTier);
  }

  /**
   * Sets the declared tier and a questionnaire consistent with it (for ML, RULES and DMN models).
   */
  public static ObjectNode declaring(ObjectNode body, String riskTier) {
    body.put("riskTier", riskTier);
    body.set("riskAssessment", assessment(riskTier));
    return body;
  }

  /**
   * Questionnaire answers whose minimum tier (DMN risk-classification) is {@code riskTier}: HIGH
   * for automated decisions about people with material financial impact, MEDIUM for automated
   * decisions about people alone, LOW when nothing applies.
   */
  public static ObjectNode assessment(String riskTier) {
    ObjectNode answers = JSON.createObjectNode();
    boolean automated = !"LOW".equals(riskTier);
    answers.put("automatedDecisions", automated);
    answers.put("personalData", automated);
    answers.put("specialCategoryData", false);
    answers.put("annexIIIArea", "NONE");
    answers.put("financialImpact", "HIGH".equals(riskTier) ? "MATERIAL" : "NONE");
    answers.put("clinicalImpact", false);
    return answers;
  }

  private Registrations() {}
}
