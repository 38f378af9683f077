package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.evidence.AttachmentView;
import io.modelops.orchestrator.evidence.Attachments;
import io.modelops.orchestrator.findings.FindingView;
import io.modelops.orchestrator.findings.FindingsRegister;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Puts the evidence a reviewer needs at the top of "Review model version" and "Approve production
 * release" ("create" task listener): the registration's description, intended use, limitations and
 * lineage, a link to the HTML model report, the attachments (kind, file, size, SHA-256, download
 * link) and the findings (severity, title, status, due, owner), all read from the catalog, the
 * evidence store and the findings register, never from process variables. It is one task-local
 * variable, {@code reviewEvidence}, in Markdown, shown by the form's text component: everything a
 * person wrote is escaped, so it reads as text (no Markdown, no HTML, no links of its own); the
 * only links are the orchestrator's own paths. Like every variable of a lifecycle, nobody can
 * change it (see the security guide).
 */
@Component("reviewEvidenceListener")
public class ReviewEvidenceListener implements TaskListener {

  private final CatalogRepository catalog;
  private final Attachments attachments;
  private final FindingsRegister findings;

  public ReviewEvidenceListener(
      CatalogRepository catalog, Attachments attachments, FindingsRegister findings) {
    this.catalog = catalog;
    this.attachments = attachments;
    this.findings = findings;
  }

  @Override
  public void notify(DelegateTask task) {
    ModelVersion version = catalog.requireVersionOfLifecycle(task.getProcessInstanceId());
    ModelLifecycle.REVIEW_EVIDENCE.setLocal(
        task, markdown(version, attachments.of(version), findings.ofVersion(version.id())));
  }

  static String markdown(ModelVersion v, List<AttachmentView> attached, List<FindingView> raised) {
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
