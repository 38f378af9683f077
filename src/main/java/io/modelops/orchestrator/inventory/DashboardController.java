package io.modelops.orchestrator.inventory;

import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.web.html.HtmlPage;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
  private final DashboardHtml html;

  public DashboardController(DashboardService dashboards, DashboardHtml html) {
    this.dashboards = dashboards;
    this.html = html;
  }

  @GetMapping
  public ResponseEntity<String> dashboard(
      @Valid InventoryFilter filter, Authentication authentication) {
    List<String> groups =
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(a -> a.startsWith(Groups.AUTHORITY_PREFIX))
            .map(a -> a.substring(Groups.AUTHORITY_PREFIX.length()))
            .toList();
    return HtmlPage.response(
        html.render(dashboards.dashboard(filter, authentication.getName(), groups)));
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
