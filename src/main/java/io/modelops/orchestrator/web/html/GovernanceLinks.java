package io.modelops.orchestrator.web.html;

import java.util.Locale;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** Links from reports and the inventory into Tasklist, Cockpit and the reports themselves. */
@Component
public class GovernanceLinks {

  private final String webapps;

  public GovernanceLinks(CamundaBpmProperties camunda) {
    this.webapps = camunda.getWebapp().getApplicationPath();
  }

  /**
   * An external URL a page may link to (a model card, say): only http and https, never {@code
   * javascript:} or {@code data:}; null otherwise. Links to our own pages come from the methods of
   * this class, with every path segment encoded.
   */
  public static String safeExternalUrl(String url) {
    if (url == null) {
      return null;
    }
    String lower = url.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://") ? url.trim() : null;
  }

  /** Tasklist's start page. */
  public String tasklist() {
    return webapps + "/app/tasklist/default/";
  }

  /** Cockpit's start page. */
  public String cockpit() {
    return webapps + "/app/cockpit/default/";
  }

  /** The task in Tasklist. */
  public String tasklistTask(String taskId) {
    return webapps + "/app/tasklist/default/#/?task=" + UriUtils.encodeQueryParam(taskId, "UTF-8");
  }

  /** The process instance in Cockpit. */
  public String cockpitInstance(String processInstanceId) {
    return webapps
        + "/app/cockpit/default/#/process-instance/"
        + UriUtils.encodePathSegment(processInstanceId, "UTF-8");
  }

  /**
   * The report of a version for a person signed in to the dashboard, {@code html} (printable) or
   * {@code json}.
   */
  public String report(String model, String version, String format) {
    return "/dashboard/models/"
        + UriUtils.encodePathSegment(model, "UTF-8")
        + "/versions/"
        + UriUtils.encodePathSegment(version, "UTF-8")
        + "/report?format="
        + format;
  }

  /** The PDF of the report of a version, for a person signed in to the dashboard. */
  public String reportPdf(String model, String version) {
    return "/dashboard/models/"
        + UriUtils.encodePathSegment(model, "UTF-8")
        + "/versions/"
        + UriUtils.encodePathSegment(version, "UTF-8")
        + "/report.pdf";
  }
}
