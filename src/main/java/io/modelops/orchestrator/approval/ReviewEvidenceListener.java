package io.modelops.orchestrator.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.RegistrationRequest.Field;
import io.modelops.orchestrator.catalog.RegistrationRequest.Signature;
import io.modelops.orchestrator.evidence.AttachmentView;
import io.modelops.orchestrator.evidence.Attachments;
import io.modelops.orchestrator.findings.FindingView;
import io.modelops.orchestrator.findings.FindingsRegister;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.validation.ValidationCheck;
import io.modelops.orchestrator.validation.ValidationReport;
import io.modelops.orchestrator.validation.ValidationReportRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Puts the evidence a reviewer needs at the top of "Review model version" and "Approve production
 * release" ("create" task listener): the registration's description, intended use, limitations and
 * lineage, a link to the HTML model report, the signature against the champion (inputs and outputs
 * added, removed or of another type than in the version in production), the metrics against their
 * gates as the latest validation run saw them (computed by the independent evaluation or declared),
 * the attachments (kind, file, size, SHA-256, download link) and the findings (severity, title,
 * status, due, owner), all read from the catalog, the evidence store and the findings register,
 * never from process variables. It is one task-local variable, {@code reviewEvidence}, in Markdown,
 * shown by the form's text component: everything a person wrote is escaped, so it reads as text (no
 * Markdown, no HTML, no links of its own); the only links are the orchestrator's own paths. Like
 * every variable of a lifecycle, nobody can change it (see the security guide).
 */
@Component("reviewEvidenceListener")
public class ReviewEvidenceListener implements TaskListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CatalogRepository catalog;
  private final ValidationReportRepository validationReports;
  private final Attachments attachments;
  private final FindingsRegister findings;

  public ReviewEvidenceListener(
      CatalogRepository catalog,
      ValidationReportRepository validationReports,
      Attachments attachments,
      FindingsRegister findings) {
    this.catalog = catalog;
    this.validationReports = validationReports;
    this.attachments = attachments;
    this.findings = findings;
  }

  @Override
  public void notify(DelegateTask task) {
    ModelVersion version = catalog.requireVersionOfLifecycle(task.getProcessInstanceId());
    ModelVersion champion = catalog.findChampion(version.modelId(), version.id()).orElse(null);
    ModelLifecycle.REVIEW_EVIDENCE.setLocal(
        task,
        markdown(
            version,
            champion,
            validationReports.findLatest(version.id()).orElse(null),
            attachments.of(version),
            findings.ofVersion(version.id())));
  }

  static String markdown(
      ModelVersion v,
      ModelVersion champion,
      ValidationReport validation,
      List<AttachmentView> attached,
      List<FindingView> raised) {
    StringBuilder md = new StringBuilder();
    md.append("[Open the full model report](")
        .append(reportHref(v.modelName(), v.version()))
        .append(")\n\n");
    md.append("**Description:** ").append(text(v.description())).append("\n\n");
    md.append("**Intended use:** ").append(text(v.intendedUse())).append("\n\n");
    md.append("**Limitations:** ").append(text(v.limitations())).append("\n\n");
    md.append("**Lineage:** source commit ")
        .append(text(v.sourceCommit()))
        .append(" · training data ")
        .append(text(v.trainingDataRef()))
        .append(" · run ")
        .append(text(v.runId()))
        .append("\n\n");
    signatureChange(md, v, champion);
    metricsAgainstGates(md, validation);
    md.append("**Attachments**\n\n");
    if (attached.isEmpty()) {
      md.append("none\n\n");
    } else {
      md.append("| Kind | File | Size | SHA-256 |\n|---|---|---|---|\n");
      for (AttachmentView a : attached) {
        md.append("| ")
            .append(a.kind())
            .append(" | [")
            .append(text(a.fileName()))
            .append("](")
            .append(Attachments.pageHref(v.modelName(), v.version(), a.id()))
            .append(") | ")
            .append(a.size())
            .append(" bytes | `")
            .append(text(a.sha256()))
            .append("` |\n");
      }
      md.append('\n');
    }
    md.append("**Findings**\n\n");
    if (raised.isEmpty()) {
      md.append("none\n");
    } else {
      md.append("| Severity | Title | Status | Due | Owner |\n|---|---|---|---|---|\n");
      for (FindingView f : raised) {
        md.append("| ")
            .append(f.severity())
            .append(" | ")
            .append(text(f.title()))
            .append(" | ")
            .append(f.status())
            .append(f.overdue() ? " (overdue)" : "")
            .append(" | ")
            .append(f.dueDate())
            .append(" | ")
            .append(text(f.owner()))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  /**
   * The version's signature against the champion's, from the catalog: every input and output added,
   * removed or of another type.
   */
  private static void signatureChange(StringBuilder md, ModelVersion v, ModelVersion champion) {
    md.append("**Signature against the champion**\n\n");
    if (champion == null) {
      md.append("first version: no champion\n\n");
      return;
    }
    String against = "champion " + text(champion.version()) + " (in production)";
    Signature candidate = signature(v.signatureJson());
    Signature current = signature(champion.signatureJson());
    if (candidate == null || current == null) {
      md.append("not comparable with ")
          .append(against)
          .append(": ")
          .append(candidate == null ? "this version" : "the champion")
          .append(" declares no signature\n\n");
      return;
    }
    List<String[]> changes = new ArrayList<>();
    compare("input", fields(current.inputs()), fields(candidate.inputs()), changes);
    compare("output", fields(current.outputs()), fields(candidate.outputs()), changes);
    if (changes.isEmpty()) {
      md.append("unchanged against ").append(against).append("\n\n");
      return;
    }
    md.append("Against ").append(against).append(":\n\n");
    md.append("| Change | Field | Champion | This version |\n|---|---|---|---|\n");
    for (String[] change : changes) {
      md.append("| ")
          .append(change[0])
          .append(" | ")
          .append(text(change[1]))
          .append(" | ")
          .append(change[2] == null ? "" : text(change[2]))
          .append(" | ")
          .append(change[3] == null ? "" : text(change[3]))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void compare(
      String kind, Map<String, String> before, Map<String, String> after, List<String[]> changes) {
    before.forEach(
        (name, type) -> {
          String now = after.get(name);
          if (now == null) {
            changes.add(new String[] {kind + " removed", name, type, null});
          } else if (!now.equalsIgnoreCase(type)) {
            changes.add(new String[] {kind + " type changed", name, type, now});
          }
        });
    after.forEach(
        (name, type) -> {
          if (!before.containsKey(name)) {
            changes.add(new String[] {kind + " added", name, null, type});
          }
        });
  }

  private static Map<String, String> fields(List<Field> fields) {
    Map<String, String> byName = new LinkedHashMap<>();
    if (fields != null) {
      fields.forEach(f -> byName.put(f.name(), f.type()));
    }
    return byName;
  }

  private static Signature signature(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(json, Signature.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * The metric gates of the latest validation run: each gate's observed value (computed by the
   * independent evaluation or declared by the registrant) against its threshold, the comparison
   * with the champion, and whether the declared metrics match the computed ones.
   */
  private static void metricsAgainstGates(StringBuilder md, ValidationReport validation) {
    md.append("**Metrics against the gates**\n\n");
    if (validation == null) {
      md.append("no validation run yet\n\n");
      return;
    }
    md.append(
        validation.independentlyEvaluated()
            ? "Computed by the independent evaluation; declared values are compared with them.\n\n"
            : "Declared by the registrant: no independent evaluation.\n\n");
    List<ValidationCheck> gates =
        validation.checks().stream()
            .filter(
                c ->
                    c.name().startsWith("metric:")
                        || c.name().startsWith("champion:")
                        || c.name().equals("declared-metrics-match"))
            .toList();
    if (gates.isEmpty()) {
      md.append("no metric gate applies\n\n");
      return;
    }
    md.append("| Check | Result | Gate | Observed |\n|---|---|---|---|\n");
    for (ValidationCheck c : gates) {
      md.append("| ")
          .append(text(c.name()))
          .append(" | ")
          .append(c.status())
          .append(" | ")
          .append(c.threshold() == null ? "" : text(c.threshold()))
          .append(" | ")
          .append(c.observed() == null ? "" : text(c.observed()))
          .append(" |\n");
    }
    md.append('\n');
  }

  /** The HTML model report of the version (see {@code report/ModelReportPageController}). */
  static String reportHref(String model, String version) {
    return "/dashboard/models/"
        + UriUtils.encodePathSegment(model, "UTF-8")
        + "/versions/"
        + UriUtils.encodePathSegment(version, "UTF-8")
        + "/report";
  }

  /**
   * What a person wrote, as plain text in Markdown: HTML's and Markdown's special characters
   * escaped, line breaks and table separators neutralised; "not given" when empty.
   */
  static String text(String value) {
    if (value == null || value.isBlank()) {
      return "*not given*";
    }
    StringBuilder out = new StringBuilder();
    for (char c : value.strip().toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '|' -> out.append("&#124;");
        case '\r', '\n', '\t' -> out.append(' ');
        case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '.', '!', '~', ':' ->
            out.append('\\').append(c);
        default -> out.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return out.toString();
  }
}
