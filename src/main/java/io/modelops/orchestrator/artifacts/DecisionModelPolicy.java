package io.modelops.orchestrator.artifacts;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/**
 * What a decision model (DMN) may contain before it enters the engine: data, never code. Every
 * expression must be FEEL, which cannot reach Java classes; JUEL and scripting languages
 * (JavaScript, Groovy, ...) can, so they are refused wherever they are named.
 *
 * <p>The check reads the XML with a parser that does not process document type declarations,
 * external entities or XInclude, and refuses a file that has any. It looks at every element of
 * the file in any namespace: an {@code expressionLanguage} or {@code typeLanguage} attribute (in
 * any namespace or spelling of its name) must name FEEL exactly as the engine recognises it:
 * {@code feel} in any letter case, or one of the OMG FEEL namespace URIs. An element without the
 * attribute uses the engine's default, which is FEEL (see {@link DecisionModelEnginePlugin}).
 *
 * <p>The same policy runs at registration time (validation), in the DMN deployment target, and
 * inside the engine for every deployment, by anyone.
 */
public class DecisionModelPolicy {

  /** The default size limit of one decision model: 1 MiB. */
  public static final long DEFAULT_MAX_SIZE = 1024 * 1024;

  private static final int MAX_PROBLEMS = 10;
  private static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";

  /** The spellings the engine evaluates as FEEL (see its ExpressionEvaluationHandler). */
  private static final Set<String> FEEL_NAMESPACES =
      Set.of(
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);

  private final long maxSize;
  private final XMLInputFactory xml;

  public DecisionModelPolicy(long maxSize) {
    if (maxSize <= 0) {
      throw new IllegalArgumentException("The size limit of decision models must be positive");
    }
    this.maxSize = maxSize;
    // The JDK's own StAX implementation, as the engine's DOM parser is the JDK's own as well.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external resources are not allowed");
        });
    this.xml = factory;
  }

  public long maxSize() {
    return maxSize;
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
    List<String> problems = new ArrayList<>();
    if (content == null || content.length == 0) {
      problems.add("the decision model is empty");
      return problems;
    }
    if (content.length > maxSize) {
      problems.add(
          "the decision model has "
              + content.length
              + " bytes; at most "
              + maxSize
              + " are allowed");
      return problems;
    }
    XMLStreamReader reader = null;
    try {
      reader = xml.createXMLStreamReader(new ByteArrayInputStream(content));
      while (reader.hasNext() && problems.size() < MAX_PROBLEMS) {
        int event = reader.next();
        switch (event) {
          case XMLStreamConstants.DTD ->
              problems.add(
                  at(reader, null) + "a DOCTYPE (document type declaration) is not allowed");
          case XMLStreamConstants.ENTITY_REFERENCE ->
              problems.add(
                  at(reader, null)
                      + "the entity reference '"
                      + shown(reader.getLocalName())
                      + "' is not allowed");
          case XMLStreamConstants.START_ELEMENT -> element(reader, problems);
          default -> {
            // text, comments, processing instructions: data
          }
        }
      }
    } catch (XMLStreamException | RuntimeException e) {
      problems.add(
          "the decision model is not well-formed XML"
              + (e instanceof XMLStreamException x && x.getLocation() != null
                  ? " (line " + x.getLocation().getLineNumber() + ")"
                  : ""));
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing to release
        }
      }
    }
    return problems;
  }

  private static void element(XMLStreamReader reader, List<String> problems) {
    String element = reader.getLocalName();
    if (XINCLUDE_NS.equals(reader.getNamespaceURI())) {
      problems.add(at(reader, element) + "XInclude is not allowed");
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

  private static String at(XMLStreamReader reader, String element) {
    Location location = reader.getLocation();
    StringBuilder where = new StringBuilder();
    if (location != null && location.getLineNumber() > 0) {
      where.append("line ").append(location.getLineNumber());
    }
    if (element != null) {
      where.append(where.isEmpty() ? "" : ", ").append("element ").append(shown(element));
    }
    return where.isEmpty() ? "" : where + ": ";
  }

  /** The caller's own text, shortened and without control characters. */
  private static String shown(String value) {
    if (value == null) {
      return "";
    }
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 80 ? printable : printable.substring(0, 80) + "…";
  }
}
