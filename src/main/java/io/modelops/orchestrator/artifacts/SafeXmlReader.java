package io.modelops.orchestrator.artifacts;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a model file (DMN, BPMN, CMMN) for a policy, safely: at most a given number of bytes, with
 * a parser that does not process document type declarations, external entities or XInclude, and
 * refuses a file that has any. Every element is handed to the policy's {@link Visitor}; the
 * problems found (up to ten) are returned with line and element.
 */
final class SafeXmlReader {

  /** What a policy looks at while the file is read. */
  interface Visitor {

    /**
     * Called at the start of every element; {@code depth} is 1 for the root element.
     *
     * @param problems where to add a reason (see {@link SafeXmlReader#at})
     */
    void element(XMLStreamReader reader, int depth, List<String> problems);

    /** Called once the whole file has been read without a structural problem. */
    default void end(List<String> problems) {}
  }

  static final int MAX_PROBLEMS = 10;
  private static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";

  private final String what;
  private final long maxSize;
  private final XMLInputFactory xml;

  /**
   * @param what what the file is, as shown in reasons ("decision model", "process model")
   */
  SafeXmlReader(String what, long maxSize) {
    if (maxSize <= 0) {
      throw new IllegalArgumentException("The size limit of " + what + "s must be positive");
    }
    this.what = what;
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

  long maxSize() {
    return maxSize;
  }

  /** The reasons why {@code content} may not be deployed; empty when it may. */
  List<String> problems(byte[] content, Visitor visitor) {
    List<String> problems = new ArrayList<>();
    if (content == null || content.length == 0) {
      problems.add("the " + what + " is empty");
      return problems;
    }
    if (content.length > maxSize) {
      problems.add(
          "the " + what + " has " + content.length + " bytes; at most " + maxSize + " are allowed");
      return problems;
    }
    XMLStreamReader reader = null;
    boolean structural = false;
    try {
      reader = xml.createXMLStreamReader(new ByteArrayInputStream(content));
      int depth = 0;
      while (reader.hasNext() && problems.size() < MAX_PROBLEMS) {
        int event = reader.next();
        switch (event) {
          case XMLStreamConstants.DTD -> {
            structural = true;
            problems.add(at(reader, null) + "a DOCTYPE (document type declaration) is not allowed");
          }
          case XMLStreamConstants.ENTITY_REFERENCE -> {
            structural = true;
            problems.add(
                at(reader, null)
                    + "the entity reference '"
                    + shown(reader.getLocalName())
                    + "' is not allowed");
          }
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            if (XINCLUDE_NS.equals(reader.getNamespaceURI())) {
              structural = true;
              problems.add(at(reader, reader.getLocalName()) + "XInclude is not allowed");
            }
            visitor.element(reader, depth, problems);
          }
          case XMLStreamConstants.END_ELEMENT -> depth--;
          default -> {
            // text, comments, processing instructions: data
          }
        }
      }
    } catch (XMLStreamException | RuntimeException e) {
      structural = true;
      // first: what the file's other reasons say may only be a consequence of it
      problems.add(
          0,
          "the "
              + what
              + " is not well-formed XML"
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
    if (!structural && problems.size() < MAX_PROBLEMS) {
      visitor.end(problems);
    }
    return problems;
  }

  /** "line 12, element script: " for the reader's position, or "" when it has none. */
  static String at(XMLStreamReader reader, String element) {
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
  static String shown(String value) {
    if (value == null) {
      return "";
    }
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 80 ? printable : printable.substring(0, 80) + "…";
  }
}
