package io.modelops.orchestrator.inventory;

import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.web.html.GovernanceLinks;
import io.modelops.orchestrator.web.html.Pages;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The model inventory for people: a server-rendered page and a CSV export, both with the same
 * filters ({@code riskTier}, {@code modelType}, {@code owner}, {@code stage}). Any authenticated
 * user may open them (signed in at /login, the users of Tasklist; scripts may use HTTP Basic).
 */
@Controller
@RequestMapping("/dashboard")
class DashboardController {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final DashboardService dashboards;
  private final Pages pages;
  private final GovernanceLinks links;

  public DashboardController(DashboardService dashboards, Pages pages, GovernanceLinks links) {
    this.dashboards = dashboards;
    this.pages = pages;
    this.links = links;
  }

  /** A list of the filter form. */
  record Filter(String label, String name, List<String> values, String selected) {}

  @GetMapping
  public ResponseEntity<String> dashboard(
      @Valid InventoryFilter filter, Authentication authentication) {
    List<String> groups =
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(a -> a.startsWith(Groups.AUTHORITY_PREFIX))
            .map(a -> a.substring(Groups.AUTHORITY_PREFIX.length()))
            .toList();
    Dashboard d = dashboards.dashboard(filter, authentication.getName(), groups);
    return Pages.response(pages.render("dashboard", variables(d, links)));
  }

  static Map<String, Object> variables(Dashboard d, GovernanceLinks links) {
    InventoryFilter f = d.filter();
    List<Filter> filters =
        List.of(
            new Filter(
                "Risk tier",
                "riskTier",
                Arrays.stream(RiskTier.values()).map(Enum::name).toList(),
                f.riskTier() == null ? null : f.riskTier().name()),
            new Filter(
                "Type",
                "modelType",
                Arrays.stream(ModelType.values()).map(Enum::name).toList(),
                f.modelType() == null ? null : f.modelType().name()),
            new Filter(
                "Stage",
                "stage",
                Arrays.stream(InventoryStage.values()).map(Enum::name).toList(),
                f.stage() == null ? null : f.stage().name()),
            new Filter("Owner", "owner", d.owners(), f.owner()));
    return Map.of(
        "d",
        d,
        "links",
        links,
        "filters",
        filters,
        "stages",
        List.of(InventoryStage.values()),
        "overdue",
        d.approvals().stream().filter(PendingApproval::overdue).toList(),
        "charts",
        DashboardCharts.of(d));
  }

  @GetMapping("/inventory.csv")
  public ResponseEntity<String> inventoryCsv(@Valid InventoryFilter filter) {
    return ResponseEntity.ok()
        .contentType(CSV)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("model-inventory.csv").build().toString())
        .body(InventoryCsv.write(dashboards.inventory(filter)));
  }
}
