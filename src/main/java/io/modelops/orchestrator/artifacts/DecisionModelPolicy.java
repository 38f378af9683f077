package io.modelops.orchestrator.artifacts;

import static io.modelops.orchestrator.artifacts.SafeXmlReader.at;
import static io.modelops.orchestrator.artifacts.SafeXmlReader.shown;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.impl.DmnModelConstants;

/**
 * What a decision model (DMN) may contain before it enters the engine: data, never code. Every
 * expression must be FEEL, which cannot reach Java classes; JUEL and scripting languages
 * (JavaScript, Groovy, ...) can, so they are refused wherever they are named.
 *
 * <p>The check reads the XML with {@link SafeXmlReader} (no document type declarations, external
 * entities or XInclude; a size limit). The root element must be {@code definitions} in one of the
 * DMN namespaces the engine reads (DMN 1.1 to 1.5) and hold at least one {@code decision}, so XML
 * that is not a decision model is refused rather than passed as "FEEL only". It looks at every
 * element of the file in any namespace: an {@code expressionLanguage} or {@code typeLanguage}
 * attribute (in any namespace or spelling of its name) must name FEEL exactly as the engine
 * recognises it: {@code feel} in any letter case, or one of the OMG FEEL namespace URIs. An element
 * without the attribute uses the engine's default, which is FEEL (see {@link
 * ModelPolicyEnginePlugin}).
 *
 * <p>The same policy runs at registration time (validation), in the DMN deployment target, and
 * inside the engine for every deployment, by anyone.
 */
public class DecisionModelPolicy {

  /** The default size limit of one decision model: 1 MiB. */
  public static final long DEFAULT_MAX_SIZE = 1024 * 1024;

  /** The spellings the engine evaluates as FEEL (see its ExpressionEvaluationHandler). */
  private static final Set<String> FEEL_NAMESPACES =
      Set.of(
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);

  /** The namespaces the engine reads decision models in: DMN 1.1 to 1.5. */
  static final Set<String> DMN_NAMESPACES =
      Set.of(
          DmnModelConstants.DMN11_NS,
          DmnModelConstants.DMN11_ALTERNATIVE_NS,
          DmnModelConstants.DMN12_NS,
          DmnModelConstants.DMN13_NS,
          DmnModelConstants.DMN13_ALTERNATIVE_NS,
          DmnModelConstants.DMN14_NS,
          DmnModelConstants.DMN15_NS);

  private final SafeXmlReader reader;

  public DecisionModelPolicy(long maxSize) {
    this.reader = new SafeXmlReader("decision model", maxSize);
  }

  public long maxSize() {
    return reader.maxSize();
  }

  /** True when {@code resourceName} is read by the engine as a decision model. */
  public static boolean isDecisionModel(String resourceName) {
    if (resourceName == null) {
      return false;
    }
    String name = resourceName.toLowerCase(Locale.ROOT);
    // The engine's own rule is endsWith("dmn") or endsWith("dmn11.xml"); this covers both.
    return name.endsWith("dmn") || name.endsWith("dmn11.xml");
  }

  /** True when the engine evaluates {@code language} as FEEL. */
  public static boolean isFeel(String language) {
    return language != null
        && ("feel".equals(language.toLowerCase(Locale.ROOT)) || FEEL_NAMESPACES.contains(language));
  }

  /**
   * Refuses a decision model that is not plain FEEL.
   *
   * @param resourceName the name shown in the reason (the caller's own resource name)
   * @throws DecisionModelRefusedException naming every problem found (up to ten)
   */
  public void check(String resourceName, byte[] content) {
    List<String> problems = problems(content);
    if (!problems.isEmpty()) {
      throw new DecisionModelRefusedException(resourceName, problems);
    }
  }

  /** The reasons why {@code content} may not be deployed; empty when it may. */
  public List<String> problems(byte[] content) {
    return reader.problems(content, new Visitor());
  }

  /**
   * Looks at one decision model: its root must be {@code definitions} in a DMN namespace, with at
   * least one {@code decision}, and every expression or type language must be FEEL.
   */
  private static final class Visitor implements SafeXmlReader.Visitor {

    private boolean definitions;
    private String namespace;
    private int decisions;

    @Override
    public void element(XMLStreamReader reader, int depth, List<String> problems) {
      String element = reader.getLocalName();
      if (depth == 1) {
        namespace = reader.getNamespaceURI();
        definitions =
            "definitions".equals(element)
                && namespace != null
                && DMN_NAMESPACES.contains(namespace);
        if (!definitions) {
          problems.add(
              at(reader, element)
                  + "the root element must be 'definitions' in a DMN namespace (DMN 1.1 to 1.5), not '"
                  + shown(element)
                  + "'"
                  + (namespace == null || namespace.isEmpty()
                      ? " without namespace"
                      : " in namespace '" + shown(namespace) + "'"));
        }
      } else if (depth == 2
          && "decision".equals(element)
          && java.util.Objects.equals(namespace, reader.getNamespaceURI())) {
        decisions++;
      }
      for (int i = 0; i < reader.getAttributeCount(); i++) {
        String attribute = reader.getAttributeLocalName(i);
        String lower = attribute.toLowerCase(Locale.ROOT);
        if (lower.equals("expressionlanguage") || lower.equals("typelanguage")) {
          String value = reader.getAttributeValue(i);
          if (!isFeel(value)) {
            problems.add(
                at(reader, element)
                    + (lower.equals("typelanguage") ? "type language '" : "expression language '")
                    + shown(value)
                    + "' is not allowed; decision models may only use FEEL");
          }
        }
      }
    }

    @Override
    public void end(List<String> problems) {
      if (definitions && decisions == 0) {
        problems.add("the decision model has no decision");
      }
    }
  }
}
