package io.modelops.orchestrator.inventory;

import static io.modelops.orchestrator.web.html.HtmlPage.headerRow;

import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.web.html.GovernanceLinks;
import io.modelops.orchestrator.web.html.HtmlBuilder;
import io.modelops.orchestrator.web.html.HtmlPage;
import io.modelops.orchestrator.web.html.ReportTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** The inventory dashboard as an HTML page; every value from the database is escaped. */
@Component
class DashboardHtml {

  private final GovernanceLinks links;

  public DashboardHtml(GovernanceLinks links) {
    this.links = links;
  }

  public String render(Dashboard d) {
    return HtmlPage.document(
        "Model inventory",
        html -> {
          html.element("h1", "Model inventory");
          html.element(
              "p",
              "Generated " + ReportTime.format(d.generatedAt()) + " for " + d.user(),
              "class",
              "meta");
          html.open("p", "class", "no-print")
              .link("/dashboard/inventory.csv" + d.filter().queryString(), "Export CSV")
              .text(" · ")
              .link(links.tasklist(), "Tasklist")
              .text(" · ")
              .link(links.cockpit(), "Cockpit")
              .text(" · ")
              .link("/logout", "Sign out")
              .close("p");
          filters(html, d);
          summary(html, d);
          pending(html, d);
          overdue(html, d);
          for (InventoryStage stage : InventoryStage.values()) {
            versions(html, stage, d.versionsIn(stage), d);
          }
          alerts(html, d.alerts());
          interventions(html, d.interventions());
        });
  }

  private static void filters(HtmlBuilder html, Dashboard d) {
    InventoryFilter f = d.filter();
    html.open("form", "class", "filters no-print", "method", "get", "action", "/dashboard");
    select(
        html,
        "Risk tier",
        "riskTier",
        Arrays.stream(RiskTier.values()).map(Enum::name).toList(),
        f.riskTier() == null ? null : f.riskTier().name());
    select(
        html,
        "Type",
        "modelType",
        Arrays.stream(ModelType.values()).map(Enum::name).toList(),
        f.modelType() == null ? null : f.modelType().name());
    select(
        html,
        "Stage",
        "stage",
        Arrays.stream(InventoryStage.values()).map(Enum::name).toList(),
        f.stage() == null ? null : f.stage().name());
    select(html, "Owner", "owner", d.owners(), f.owner());
    html.open("button", "type", "submit").text("Filter").close("button");
    if (!f.isEmpty()) {
      html.link("/dashboard", "Clear filters");
    }
    html.close("form");
  }

  private static void select(
      HtmlBuilder html, String label, String name, List<String> values, String selected) {
    html.open("label").text(label).open("select", "name", name);
    html.element("option", "all", "value", "");
    for (String value : values) {
      html.element(
          "option",
          value,
          "value",
          value,
          "selected",
          value.equalsIgnoreCase(Objects.toString(selected, "")) ? "selected" : null);
    }
    html.close("select").close("label");
  }

  private static void summary(HtmlBuilder html, Dashboard d) {
    Dashboard.Summary s = d.summary();
    html.open("section", "id", "summary").open("div", "class", "cards");
    card(html, "Models", s.models());
    card(html, "Versions", s.versions());
    for (Map.Entry<InventoryStage, Long> stage : s.byStage().entrySet()) {
      card(html, stage.getKey().label(), stage.getValue());
    }
    card(html, "Pending approvals", s.pendingApprovals());
    card(html, "Overdue approvals", s.overdueApprovals());
    card(html, "Recent rollbacks and stops", s.interventions());
    html.close("div").close("section");
  }

  private static void card(HtmlBuilder html, String label, long value) {
    html.open("div", "class", "card").element("b", value).text(label).close("div");
  }

  private void pending(HtmlBuilder html, Dashboard d) {
    html.open("section", "id", "pending").element("h2", "Pending approvals");
    html.element(
        "p",
        d.allApprovalsVisible()
            ? "All open reviews and release decisions (you are in camunda-admin or ml-ops)."
            : "Open tasks of your groups; for other groups only their number is shown.",
        "class",
        "meta");
    approvalTable(html, d.approvals());
    if (!d.otherApprovals().isEmpty()) {
      html.element("h3", "Waiting for other groups");
      html.open("table");
      headerRow(html, "Group", "Open tasks");
      html.open("tbody");
      d.otherApprovals().forEach((group, count) -> HtmlPage.row(html, group, count));
      html.close("tbody").close("table");
    }
    html.close("section");
  }

  private void overdue(HtmlBuilder html, Dashboard d) {
    html.open("section", "id", "overdue").element("h2", "Overdue approvals");
    html.element(
        "p",
        "Reviews past the deadline of the approval policy (their reminder has been sent or is due).",
        "class",
        "meta");
    approvalTable(html, d.approvals().stream().filter(PendingApproval::overdue).toList());
    if (d.otherOverdueApprovals() > 0) {
      html.element("p", d.otherOverdueApprovals() + " more overdue for other groups.");
    }
    html.close("section");
  }

  private void approvalTable(HtmlBuilder html, List<PendingApproval> approvals) {
    if (approvals.isEmpty()) {
      html.element("p", "None.");
      return;
    }
    html.open("table");
    headerRow(
        html, "Task", "Model", "Version", "Group", "Assignee", "Created", "Deadline", "Lifecycle");
    html.open("tbody");
    for (PendingApproval a : approvals) {
      html.open("tr");
      html.open("td").link(links.tasklistTask(a.taskId()), a.taskName()).close("td");
      html.element("td", a.model());
      html.element("td", a.version());
      html.element("td", a.groupLabel());
      html.element("td", a.assignee());
      html.element("td", ReportTime.format(a.createdAt()));
      html.element(
          "td",
          a.deadline() != null
              ? ReportTime.format(a.deadline()) + (a.overdue() ? " (passed)" : "")
              : a.overdue() ? "passed" : "—",
          "class",
          a.overdue() ? "overdue" : null);
      html.open("td").link(links.cockpitInstance(a.processInstanceId()), "Cockpit").close("td");
      html.close("tr");
    }
    html.close("tbody").close("table");
  }

  private void versions(
      HtmlBuilder html, InventoryStage stage, List<InventoryRow> rows, Dashboard d) {
    html.open("section", "id", "stage-" + stage.name().toLowerCase(Locale.ROOT));
    html.element("h2", stage.label() + " (" + rows.size() + ")");
    if (rows.isEmpty()) {
      html.element("p", "None.").close("section");
      return;
    }
    html.open("table");
    headerRow(
        html,
        "Model",
        "Version",
        "Risk tier",
        "Type",
        "Owner",
        "Status",
        "Stage",
        "Health",
        "Registered by",
        "Registered",
        "Links");
    html.open("tbody");
    for (InventoryRow v : rows) {
      html.open("tr");
      html.element("td", v.model());
      html.element("td", v.version());
      html.element("td", v.riskTier());
      html.element("td", v.modelType());
      html.element("td", v.owner());
      html.element("td", v.status());
      html.element("td", v.stage());
      var health = d.healthOf(v);
      html.element(
          "td",
          health == null ? "" : health.name(),
          "class",
          health == null ? "" : "health-" + health.name().toLowerCase(Locale.ROOT));
      html.element("td", v.registeredBy());
      html.element("td", ReportTime.format(v.registeredAt()));
      html.open("td").link(links.report(v.model(), v.version(), "html"), "Report");
      if (v.processInstanceId() != null) {
        html.text(" · ").link(links.cockpitInstance(v.processInstanceId()), "Cockpit");
      }
      html.close("td").close("tr");
    }
    html.close("tbody").close("table").close("section");
  }

  private static void alerts(
      HtmlBuilder html,
      List<io.modelops.orchestrator.monitoring.MonitoringRepository.RecentAlert> alerts) {
    html.open("section", "id", "alerts").element("h2", "Recent alerts");
    if (alerts.isEmpty()) {
      html.element("p", "None.").close("section");
      return;
    }
    html.open("table");
    headerRow(html, "Opened", "Model", "Version", "Cause", "Status", "Detail");
    html.open("tbody");
    for (var a : alerts) {
      html.open("tr");
      html.element("td", ReportTime.format(a.openedAt()));
      html.element("td", a.model());
      html.element("td", a.version());
      html.element("td", a.cause());
      html.element("td", a.status());
      html.element("td", a.detail());
      html.close("tr");
    }
    html.close("tbody").close("table").close("section");
  }

  private static void interventions(HtmlBuilder html, List<Intervention> interventions) {
    html.open("section", "id", "interventions").element("h2", "Recent rollbacks and stops");
    if (interventions.isEmpty()) {
      html.element("p", "None.").close("section");
      return;
    }
    html.open("table");
    headerRow(
        html, "At", "Model", "Version", "Stage", "Action", "Actor", "Reason", "Target reference");
    html.open("tbody");
    for (Intervention i : interventions) {
      html.open("tr");
      html.element("td", ReportTime.format(i.occurredAt()));
      html.element("td", i.model());
      html.element("td", i.version());
      html.element("td", i.stage());
      html.element("td", i.action());
      html.element("td", i.actor());
      html.element("td", i.message());
      html.element("td", i.targetReference(), "class", "mono");
      html.close("tr");
    }
    html.close("tbody").close("table").close("section");
  }
}
