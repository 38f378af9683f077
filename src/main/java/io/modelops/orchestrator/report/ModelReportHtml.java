package io.modelops.orchestrator.report;

import static io.modelops.orchestrator.web.html.HtmlPage.headerRow;
import static io.modelops.orchestrator.web.html.HtmlPage.row;

import io.modelops.orchestrator.catalog.ModelVersionView;
import io.modelops.orchestrator.deployment.StageEvent;
import io.modelops.orchestrator.evidence.AttachmentView;
import io.modelops.orchestrator.evidence.Attachments;
import io.modelops.orchestrator.report.ModelReport.Activity;
import io.modelops.orchestrator.report.ModelReport.Incident;
import io.modelops.orchestrator.report.ModelReport.LifecycleInstance;
import io.modelops.orchestrator.report.ModelReport.MetricSeries;
import io.modelops.orchestrator.report.ModelReport.ModelCard;
import io.modelops.orchestrator.report.ModelReport.Requirement;
import io.modelops.orchestrator.validation.ValidationCheck;
import io.modelops.orchestrator.web.html.GovernanceLinks;
import io.modelops.orchestrator.web.html.HtmlBuilder;
import io.modelops.orchestrator.web.html.HtmlPage;
import io.modelops.orchestrator.web.html.ReportTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** The model report as a printable HTML page; every value from the report is escaped. */
@Component
class ModelReportHtml {

  private final GovernanceLinks links;

  public ModelReportHtml(GovernanceLinks links) {
    this.links = links;
  }

  public String render(ModelReport report) {
    String title = "Model report: " + report.model() + " " + report.version();
    return HtmlPage.document(
        title,
        html -> {
          html.element("h1", title);
          html.element(
              "p",
              "Status "
                  + report.status()
                  + ", stage "
                  + report.stage()
                  + (report.statusReason() == null ? "" : " (" + report.statusReason() + ")"),
              "class",
              "meta");
          html.element(
              "p",
              "Generated "
                  + ReportTime.format(report.generatedAt())
                  + " for "
                  + report.generatedBy()
                  + " · version id "
                  + report.id(),
              "class",
              "meta");
          html.open("p", "class", "no-print")
              .link("/dashboard", "Model inventory")
              .text(" · ")
              .link(links.report(report.model(), report.version(), "json"), "JSON")
              .close("p");
          modelCard(html, report.modelCard());
          lineage(html, report.lineage());
          validation(html, report.validation());
          approvals(html, report.approvals());
          attachments(html, report);
          findings(html, report.findings());
          stageHistory(html, report.stageHistory());
          interventions(html, report.interventions());
          lifecycle(html, report);
          monitoring(html, report.monitoring());
          compliance(html, report.compliance());
        });
  }

  private void modelCard(HtmlBuilder html, ModelCard card) {
    html.element("h2", "Model card");
    html.open("dl");
    entry(html, "Description", card.description());
    entry(html, "Intended use", card.intendedUse());
    entry(html, "Limitations", card.limitations());
    entry(
        html,
        "Owner",
        card.owner() + (card.ownerEmail() == null ? "" : " <" + card.ownerEmail() + ">"));
    entry(html, "Risk tier", card.riskTier());
    entry(html, "Model type", card.modelType());
    entry(html, "Framework", card.framework());
    entry(html, "Artifact", card.artifactUri());
    html.element("dt", "Model card");
    html.open("dd");
    String url = HtmlBuilder.safeExternalUrl(card.modelCardUri());
    if (url != null) {
      html.link(url, url);
    } else {
      html.text(orNone(card.modelCardUri()));
    }
    html.close("dd");
    entry(html, "Deployment target", card.deploymentTarget());
    entry(
        html, "Registered", card.registeredBy() + " at " + ReportTime.format(card.registeredAt()));
    html.close("dl");
    if (card.metrics() != null && !card.metrics().isEmpty()) {
      html.element("h3", "Declared metrics");
      html.open("table");
      headerRow(html, "Metric", "Value");
      html.open("tbody");
      for (Map.Entry<String, Double> metric : card.metrics().entrySet()) {
        row(html, metric.getKey(), metric.getValue());
      }
      html.close("tbody").close("table");
    }
  }

  private static void lineage(HtmlBuilder html, ModelVersionView.Lineage lineage) {
    html.element("h2", "Lineage");
    html.open("dl");
    entry(html, "Source commit", lineage == null ? null : lineage.sourceCommit());
    entry(html, "Training data", lineage == null ? null : lineage.trainingDataRef());
    entry(html, "Run id", lineage == null ? null : lineage.runId());
    html.close("dl");
  }

  private static void validation(HtmlBuilder html, ModelVersionView.Validation validation) {
    html.element("h2", "Validation evidence");
    if (validation == null) {
      html.element("p", "Not validated yet.");
      return;
    }
    html.element(
        "p",
        (validation.passed() ? "Passed" : "Failed")
            + " at "
            + ReportTime.format(validation.validatedAt())
            + "; "
            + (validation.comparedWithChampion() == null
                ? "no champion in production to compare with"
                : "compared with champion " + validation.comparedWithChampion()));
    html.open("table");
    headerRow(html, "Check", "Status", "Observed", "Threshold", "Message");
    html.open("tbody");
    for (ValidationCheck check : validation.checks()) {
      html.open("tr");
      html.element("td", check.name(), "class", "mono nowrap");
      html.element("td", check.status(), "class", check.status().name());
      html.element("td", check.observed());
      html.element("td", check.threshold());
      html.element("td", check.message());
      html.close("tr");
    }
    html.close("tbody").close("table");
  }

  private static void approvals(HtmlBuilder html, List<ModelVersionView.ApprovalView> approvals) {
    html.element("h2", "Reviews and decisions");
    if (approvals.isEmpty()) {
      html.element("p", "No decision recorded yet.");
      return;
    }
    html.open("table");
    headerRow(html, "Step", "Group", "Decision", "By", "At", "Comment", "Evidence hash (SHA-256)");
    html.open("tbody");
    for (ModelVersionView.ApprovalView a : approvals) {
      html.open("tr");
      html.element("td", a.step());
      html.element("td", a.reviewGroup());
      html.element("td", a.decision(), "class", a.decision());
      html.element("td", a.decidedBy());
      html.element("td", ReportTime.format(a.decidedAt()));
      html.element("td", a.comment());
      html.element("td", a.evidenceHash(), "class", "mono");
      html.close("tr");
    }
    html.close("tbody").close("table");
  }

  private static void attachments(HtmlBuilder html, ModelReport report) {
    html.element("h2", "Evidence attachments");
    if (report.attachments() == null || report.attachments().isEmpty()) {
      html.element("p", "No attachment.");
      return;
    }
    html.open("table");
    headerRow(html, "Kind", "Title", "File", "Type", "Bytes", "By", "At", "SHA-256");
    html.open("tbody");
    for (AttachmentView a : report.attachments()) {
      html.open("tr");
      html.element("td", a.kind());
      html.element("td", a.title());
      html.open("td")
          .link(Attachments.pageHref(report.model(), report.version(), a.id()), a.fileName())
          .close("td");
      html.element("td", a.mediaType());
      html.element("td", a.size());
      html.element("td", a.uploadedBy());
      html.element("td", ReportTime.format(a.uploadedAt()));
      html.element("td", a.sha256(), "class", "mono");
      html.close("tr");
    }
    html.close("tbody").close("table");
  }

  private static void findings(
      HtmlBuilder html, List<io.modelops.orchestrator.findings.FindingView> findings) {
    html.element("h2", "Findings");
    if (findings == null || findings.isEmpty()) {
      html.element("p", "No findings raised.");
      return;
    }
    html.open("table");
    headerRow(
        html, "Severity", "Title", "Status", "Owner", "Due", "Raised by", "Blocks release", "Last");
    html.open("tbody");
    for (io.modelops.orchestrator.findings.FindingView f : findings) {
      html.open("tr");
      html.element("td", f.severity().name());
      html.element("td", f.title());
      html.element(
          "td",
          f.status().name()
              + (f.riskAcceptedUntil() == null ? "" : " until " + f.riskAcceptedUntil())
              + (f.overdue() ? " (overdue)" : ""));
      html.element("td", f.owner());
      html.element("td", f.dueDate().toString());
      html.element("td", f.raisedBy());
      html.element("td", f.blocksRelease() ? "yes" : "no");
      html.element(
          "td",
          f.history().isEmpty()
              ? ""
              : f.history().get(f.history().size() - 1).actor()
                  + ": "
                  + Objects.toString(f.history().get(f.history().size() - 1).text(), ""));
      html.close("tr");
    }
    html.close("tbody").close("table");
  }

  private static void stageHistory(HtmlBuilder html, List<StageEvent> events) {
    html.element("h2", "Stage history");
    if (events.isEmpty()) {
      html.element("p", "Never deployed.");
      return;
    }
    html.open("table");
    headerRow(html, "At", "Stage", "Action", "Traffic %", "Actor", "Target reference", "Message");
    html.open("tbody");
    for (StageEvent e : events) {
      html.open("tr");
      html.element("td", ReportTime.format(e.occurredAt()));
      html.element("td", e.stage());
      html.element("td", e.action());
      html.element("td", e.trafficPercent());
      html.element("td", e.actor());
      html.element("td", e.targetReference(), "class", "mono");
      html.element("td", e.message());
      html.close("tr");
    }
    html.close("tbody").close("table");
  }

  private static void interventions(
      HtmlBuilder html, List<ModelReport.Intervention> interventions) {
    html.open("section", "id", "interventions").element("h2", "Interventions");
    if (interventions == null || interventions.isEmpty()) {
      html.element("p", "None.").close("section");
      return;
    }
    html.open("table");
    headerRow(html, "At", "Actor", "Action", "Operation", "Reason", "Instance", "Audit #");
    html.open("tbody");
    for (ModelReport.Intervention i : interventions) {
      html.open("tr");
      html.element("td", ReportTime.format(i.occurredAt()));
      html.element("td", i.actor());
      html.element("td", i.action());
      html.element("td", i.operation());
      html.element("td", i.reason());
      html.element("td", i.processInstanceId(), "class", "mono");
      html.element("td", i.auditSeq());
      html.close("tr");
    }
    html.close("tbody").close("table").close("section");
  }

  private void lifecycle(HtmlBuilder html, ModelReport report) {
    html.element("h2", "Lifecycle (engine history)");
    html.open("table");
    headerRow(html, "Instance", "State", "Started by", "Started", "Ended", "History kept (days)");
    html.open("tbody");
    for (LifecycleInstance i : report.lifecycleInstances()) {
      html.open("tr");
      html.open("td", "class", "mono").link(links.cockpitInstance(i.id()), i.id()).close("td");
      html.element("td", i.state());
      html.element("td", i.startedBy());
      html.element("td", ReportTime.format(i.startedAt()));
      html.element("td", ReportTime.format(i.endedAt()));
      html.element(
          "td", i.historyTimeToLiveDays() == null ? "no limit" : i.historyTimeToLiveDays());
      html.close("tr");
    }
    html.close("tbody").close("table");

    html.element("h3", "Incidents");
    if (report.incidents().isEmpty()) {
      html.element("p", "No incidents.");
    } else {
      html.open("table");
      headerRow(html, "Created", "Ended", "State", "Activity", "Type", "Message");
      html.open("tbody");
      for (Incident i : report.incidents()) {
        html.open("tr");
        html.element("td", ReportTime.format(i.createdAt()));
        html.element("td", ReportTime.format(i.endedAt()));
        html.element("td", i.state(), "class", i.state());
        html.element("td", i.activityId());
        html.element("td", i.type());
        html.element("td", i.message());
        html.close("tr");
      }
      html.close("tbody").close("table");
    }

    html.element("h3", "Activities");
    html.open("table");
    headerRow(html, "Activity", "Type", "Started", "Ended", "Assignee", "Decided by");
    html.open("tbody");
    for (Activity a : report.activities()) {
      row(
          html,
          a.activityName() == null ? a.activityId() : a.activityName(),
          a.activityType(),
          ReportTime.format(a.startedAt()),
          a.canceled()
              ? "canceled " + ReportTime.format(a.endedAt())
              : ReportTime.format(a.endedAt()),
          a.assignee(),
          a.completedBy());
    }
    html.close("tbody").close("table");
  }

  private static void monitoring(HtmlBuilder html, ModelReport.Monitoring monitoring) {
    html.element("h2", "Monitoring");
    html.element(
        "p",
        monitoring.metricPoints()
            + " metric points"
            + (monitoring.latestObservedAt() == null
                ? ""
                : ", from "
                    + ReportTime.format(monitoring.firstObservedAt())
                    + " to "
                    + ReportTime.format(monitoring.latestObservedAt())));
    if (!monitoring.metrics().isEmpty()) {
      html.open("table");
      headerRow(html, "Metric", "Points", "First", "Latest");
      html.open("tbody");
      for (MetricSeries s : monitoring.metrics()) {
        row(
            html,
            s.name(),
            s.points(),
            ReportTime.format(s.firstObservedAt()),
            ReportTime.format(s.latestObservedAt()));
      }
      html.close("tbody").close("table");
    }
    html.element(
        "p",
        (monitoring.referenceProfile()
                ? "Reference profile registered; "
                : "No reference profile; ")
            + monitoring.featureWindows()
            + " feature windows; "
            + monitoring.evaluations()
            + " health evaluations"
            + (monitoring.latestHealth() == null
                ? ""
                : "; latest "
                    + ReportTime.format(monitoring.latestHealth().evaluatedAt())
                    + ": "
                    + monitoring.latestHealth().status()
                    + (monitoring.latestHealth().action() == null
                        ? ""
                        : ", action " + monitoring.latestHealth().action())));
    if (!monitoring.drift().isEmpty()) {
      html.open("table");
      headerRow(html, "Feature", "Method", "Score", "Threshold", "Drift");
      html.open("tbody");
      for (var f : monitoring.drift()) {
        row(
            html,
            f.feature(),
            f.method(),
            io.modelops.orchestrator.web.html.Readable.number(f.score()),
            io.modelops.orchestrator.web.html.Readable.limit(f.threshold()),
            f.drifted() ? "yes" : "no");
      }
      html.close("tbody").close("table");
    }
    if (!monitoring.alerts().isEmpty()) {
      html.open("table");
      headerRow(html, "Alert", "Status", "Opened", "Closed / accepted until", "Detail");
      html.open("tbody");
      for (var a : monitoring.alerts()) {
        row(
            html,
            a.cause(),
            a.status(),
            ReportTime.format(a.openedAt()),
            ReportTime.format(a.closedAt() != null ? a.closedAt() : a.acceptedUntil()),
            a.detail());
      }
      html.close("tbody").close("table");
    }
    html.element("p", monitoring.note(), "class", "note");
  }

  private static void compliance(HtmlBuilder html, List<Requirement> requirements) {
    html.element("h2", "Regulatory mapping: SR 11-7 and EU AI Act");
    html.element(
        "p",
        "Which evidence in this report answers each requirement, and whether it is present for this"
            + " version. The mapping states what was recorded; it is not a legal assessment.",
        "class",
        "meta");
    html.open("table");
    headerRow(html, "Framework", "Reference", "Requirement", "Evidence in this report", "Status");
    html.open("tbody");
    for (Requirement r : requirements) {
      html.open("tr", "id", r.id());
      html.element("td", r.framework());
      html.element("td", r.reference());
      html.element("td", r.title());
      html.element("td", r.evidence());
      html.element(
          "td",
          r.status().name().replace('_', ' ').toLowerCase(Locale.ROOT),
          "class",
          r.status().name());
      html.close("tr");
    }
    html.close("tbody").close("table");
  }

  private static void entry(HtmlBuilder html, String term, Object value) {
    html.element("dt", term).element("dd", orNone(value));
  }

  private static String orNone(Object value) {
    return value == null || value.toString().isBlank() ? "—" : value.toString();
  }
}
