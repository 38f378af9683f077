package io.modelops.orchestrator.artifacts;

import static io.modelops.orchestrator.artifacts.SafeXmlReader.at;
import static io.modelops.orchestrator.artifacts.SafeXmlReader.shown;

import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * What a process or case model (BPMN, CMMN) may contain before it enters the engine: tasks, events
 * and expressions, never code. Expressions ({@code camunda:expression}, {@code
 * camunda:delegateExpression}, conditions, listeners with an expression) are allowed: the engine's
 * expression language is guarded on its own. Refused, in any namespace and with any prefix (the
 * engine reads the Camunda and the older Activiti extension namespaces alike), at any level of the
 * file:
 *
 * <ul>
 *   <li>script tasks and every {@code script} element (listeners, input/output mappings,
 *       conditions);
 *   <li>a {@code language} or {@code scriptFormat} attribute: a condition or mapping with one is a
 *       script;
 *   <li>a {@code resource} attribute: a script read from the deployment or the class path;
 *   <li>every attribute whose name ends with {@code class} ({@code class}, {@code
 *       variableMappingClass}, {@code formHandlerClass}): the engine loads and instantiates the
 *       class it names;
 *   <li>a form field validator ({@code constraint name="validator"}) that names a class instead of
 *       an expression;
 *   <li>connectors ({@code camunda:connector}), and a task {@code type} other than {@code external}
 *       (the engine's {@code shell} type runs an operating system command, {@code mail} sends
 *       mail).
 * </ul>
 *
 * <p>The file is read with {@link SafeXmlReader}, as decision models are (no document type
 * declarations, external entities or XInclude; a size limit). The policy runs inside the engine for
 * every deployment, by anyone (see {@link ModelPolicyEnginePlugin}).
 */
class ProcessModelPolicy {

  /** The default size limit of one process or case model: 4 MiB. */
  public static final long DEFAULT_MAX_SIZE = 4L * 1024 * 1024;

  private final SafeXmlReader reader;

  public ProcessModelPolicy(long maxSize) {
    this.reader = new SafeXmlReader("process model", maxSize);
  }

  public long maxSize() {
    return reader.maxSize();
  }

  /**
   * True when the engine reads {@code resourceName} as a process (BPMN) or case (CMMN) model. The
   * engine's rule is a case-sensitive {@code endsWith} of {@code bpmn20.xml}, {@code bpmn}, {@code
   * cmmn11.xml}, {@code cmmn10.xml} or {@code cmmn}; this covers all of them in any letter case.
   */
  public static boolean isProcessModel(String resourceName) {
    if (resourceName == null) {
      return false;
    }
    String name = resourceName.toLowerCase(Locale.ROOT);
    return name.endsWith("bpmn")
        || name.endsWith("bpmn20.xml")
        || name.endsWith("cmmn")
        || name.endsWith("cmmn10.xml")
        || name.endsWith("cmmn11.xml");
  }

  /**
   * Refuses a process or case model that carries code.
   *
   * @param resourceName the name shown in the reason
   * @throws ProcessModelRefusedException naming every problem found (up to ten)
   */
  public void check(String resourceName, byte[] content) {
    List<String> problems = problems(content);
    if (!problems.isEmpty()) {
      throw new ProcessModelRefusedException(resourceName, problems);
    }
  }

  /** The reasons why {@code content} may not be deployed; empty when it may. */
  public List<String> problems(byte[] content) {
    return reader.problems(content, ProcessModelPolicy::element);
  }

  private static void element(XMLStreamReader reader, int depth, List<String> problems) {
    String element = reader.getLocalName();
    String lowerElement = element.toLowerCase(Locale.ROOT);
    switch (lowerElement) {
      case "scripttask" -> problems.add(at(reader, element) + "script tasks are not allowed");
      case "script" -> problems.add(at(reader, element) + "scripts are not allowed");
      case "connector" -> problems.add(at(reader, element) + "connectors are not allowed");
      default -> {
        // looked at by its attributes below
      }
    }
    if (lowerElement.equals("constraint")) {
      String name = attribute(reader, "name");
      String config = attribute(reader, "config");
      if (name != null
          && name.trim().equalsIgnoreCase("validator")
          && (config == null || !isExpression(config))) {
        problems.add(
            at(reader, element)
                + "the form field validator '"
                + shown(config)
                + "' is not allowed; a validator must be an expression");
      }
    }
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      String attribute = reader.getAttributeLocalName(i);
      String lower = attribute.toLowerCase(Locale.ROOT);
      String value = reader.getAttributeValue(i);
      if (lower.endsWith("class")) {
        problems.add(
            at(reader, element)
                + "the class name '"
                + shown(value)
                + "' is not allowed ("
                + shown(attribute)
                + "); use an expression or a delegate expression");
      } else if (lower.equals("language") || lower.equals("scriptformat")) {
        problems.add(
            at(reader, element)
                + "the script language '"
                + shown(value)
                + "' is not allowed; process models may only use expressions");
      } else if (lower.equals("resource")) {
        problems.add(
            at(reader, element) + "the script resource '" + shown(value) + "' is not allowed");
      } else if (lower.equals("type")
          && isExtension(reader.getAttributeNamespace(i))
          && !"external".equalsIgnoreCase(value == null ? "" : value.trim())) {
        problems.add(
            at(reader, element)
                + "the task type '"
                + shown(value)
                + "' is not allowed; only 'external' is");
      }
    }
  }

  /** An attribute in a namespace other than none and the XML schema instance's (xsi:type). */
  private static boolean isExtension(String namespace) {
    return namespace != null
        && !namespace.isEmpty()
        && !XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(namespace);
  }

  private static String attribute(XMLStreamReader reader, String localName) {
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      if (reader.getAttributeLocalName(i).equalsIgnoreCase(localName)) {
        return reader.getAttributeValue(i);
      }
    }
    return null;
  }

  /** The engine's rule for an expression: it starts with ${ or #{ (see its StringUtil). */
  private static boolean isExpression(String value) {
    String trimmed = value.trim();
    return trimmed.startsWith("${") || trimmed.startsWith("#{");
  }
}
