package io.modelops.orchestrator.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelops.orchestrator.support.ForeignSite;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cross-site request forgery in a real browser: a user is logged into the dashboard, then opens a
 * page of another origin that posts to the orchestrator's APIs with the browser's credentials.
 * Nothing the page sends may change anything.
 */
@BrowserTest
@IntegrationTest
class CrossSiteBrowserIT {

  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final Duration SETTLE = Duration.ofSeconds(2);

  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;

  @LocalServerPort int port;

  private ForeignSite attacker;
  private ModelReleases releases;
  private String app;

  @BeforeEach
  void setUp() {
    attacker = new ForeignSite();
    releases = new ModelReleases(port, managementService);
    app = "http://localhost:" + port;
  }

  @AfterEach
  void tearDown() {
    attacker.close();
  }

  @Test
  void pagesOfAnotherOriginCannotUseTheUsersLogin(Browser browser) {
    // given: a model with two production releases (a rollback would switch back) and a version
    // in canary, whose canary window timer would promote it when executed
    String run = System.nanoTime() % 100_000 + "-" + RUNS.incrementAndGet();
    String rolled = "csrf-rollback-" + run;
    releases.toProduction(rolled, ModelReleases.registration(rolled, "1.0.0"));
    releases.toProduction(rolled, ModelReleases.registration(rolled, "1.1.0"));
    String canary = "csrf-canary-" + run;
    releases.register(canary, ModelReleases.registration(canary, "1.0.0"));
    releases.awaitStage(canary, "1.0.0", "CANARY");
    Job timer = releases.canaryTimer(canary);
    String deployment = "cross-site-" + run;

    // and: an administrator (who may do all of it) is signed in to the dashboard
    InventoryDashboard dashboard = new InventoryDashboard(browser, port).login("admin", "admin");

    // and: the API never asks the browser for Basic credentials, so it cannot keep any, not even
    // those typed into the address
    browser.open(app + "/actuator/health"); // a page of this origin without a content policy
    @SuppressWarnings("unchecked")
    java.util.List<Object> answer =
        (java.util.List<Object>)
            browser.script(
                "return fetch('/api/models').then(r => [r.status, r.headers.get('WWW-Authenticate')]);");
    assertThat(answer).containsExactly(401L, null);
    browser.open("http://admin:admin@localhost:" + port + "/api/models");
    assertThat(browser.driver().getPageSource()).contains("401").doesNotContain("\"name\"");

    // when: a page of another origin auto-submits forms to the engine and the API
    submit(
        browser,
        "/job",
        form(app + "/engine-rest/job/" + timer.getId() + "/execute", null, Map.of()),
        () -> managementService.createJobQuery().jobId(timer.getId()).count() == 0);
    String jobAnswer = browser.driver().getPageSource();
    submit(
        browser,
        "/rollback",
        form(app + "/api/models/" + rolled + "/rollback", null, Map.of("reason", "cross-site")),
        () -> rolledBack(rolled));
    String rollbackAnswer = browser.driver().getPageSource();
    // a text/plain form whose body reads as JSON: {"reason":"cross-site","x":"="}
    submit(
        browser,
        "/rollback-json",
        form(
            app + "/api/models/" + rolled + "/rollback",
            "text/plain",
            Map.of("{\"reason\":\"cross-site\",\"x\":\"", "\"}")),
        () -> rolledBack(rolled));

    // then: the job did not run, the model was not rolled back
    assertUnchanged(timer, rolled, deployment);
    assertThat(jobAnswer).contains("403").contains("X-Requested-By");
    assertThat(rollbackAnswer).contains("403").contains("X-Requested-By");

    // when: the page sends the same with fetch in no-cors mode, with the user's credentials, and
    // tries to deploy a process over multipart
    browser.open(attacker.serve("/fetch", fetches(timer.getId(), rolled, deployment)));
    browser.until("the page has sent its requests", ExpectedConditions.titleIs("sent"));

    // then: nothing changed either
    assertUnchanged(timer, rolled, deployment);

    // and: the administrator is still signed in, and signs out with the page's own form
    browser.open(app + "/dashboard");
    dashboard.logout();
    browser.open(app + "/dashboard");
    browser.until("the sign-in page is shown", ExpectedConditions.urlContains("/login"));
  }

  private void assertUnchanged(Job timer, String rolled, String deployment) {
    await()
        .during(SETTLE)
        .atMost(SETTLE.multipliedBy(3))
        .untilAsserted(
            () -> {
              assertThat(managementService.createJobQuery().jobId(timer.getId()).count())
                  .as("the canary timer job is still there (it did not run)")
                  .isEqualTo(1);
              assertThat(releases.version(rolled, "1.1.0").path("status").asText())
                  .as("the model was not rolled back")
                  .isEqualTo("IN_PRODUCTION");
              assertThat(
                      repositoryService.createDeploymentQuery().deploymentName(deployment).count())
                  .as("nothing was deployed")
                  .isZero();
            });
  }

  private boolean rolledBack(String model) {
    return !"IN_PRODUCTION".equals(releases.version(model, "1.1.0").path("status").asText());
  }

  /**
   * Opens the foreign page, which submits its form at once; waits for the answer page, or for the
   * effect of the request (an answer without content, 204, leaves the browser on the page).
   */
  private void submit(Browser browser, String path, String html, BooleanSupplier effect) {
    browser.open(attacker.serve(path, html));
    browser.until(
        "the form was submitted to the orchestrator",
        d -> d.getCurrentUrl().startsWith(app) || effect.getAsBoolean());
    browser.until(
        "the orchestrator answered",
        d -> "complete".equals(browser.script("return document.readyState;")));
  }

  private static String form(String action, String enctype, Map<String, String> fields) {
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html><html><body><form method=\"post\" action=\"")
            .append(action)
            .append('"');
    if (enctype != null) {
      html.append(" enctype=\"").append(enctype).append('"');
    }
    html.append('>');
    fields.forEach(
        (name, value) ->
            html.append("<input type=\"hidden\" name='")
                .append(name)
                .append("' value='")
                .append(value)
                .append("'>"));
    return html.append("</form><script>document.forms[0].submit();</script></body></html>")
        .toString();
  }

  private String fetches(String jobId, String rolled, String deployment) {
    String bpmn =
        "<definitions xmlns=\\\"http://www.omg.org/spec/BPMN/20100524/MODEL\\\""
            + " xmlns:camunda=\\\"http://camunda.org/schema/1.0/bpmn\\\""
            + " targetNamespace=\\\"x\\\"><process id=\\\"crossSiteProbe\\\" isExecutable=\\\"true\\\""
            + " camunda:historyTimeToLive=\\\"1\\\"><startEvent id=\\\"s\\\"/></process></definitions>";
    return "<!DOCTYPE html><html><head><title>sending</title></head><body><script>\n"
        + "const send = (url, body) => fetch(url, {mode: 'no-cors', method: 'POST',"
        + " credentials: 'include', body: body}).catch(e => null);\n"
        + "const deployment = new FormData();\n"
        + "deployment.append('deployment-name', '"
        + deployment
        + "');\n"
        + "deployment.append('data', new Blob([\""
        + bpmn
        + "\"]), 'probe.bpmn');\n"
        + "Promise.all([\n"
        + "  send('"
        + app
        + "/engine-rest/job/"
        + jobId
        + "/execute', ''),\n"
        + "  send('"
        + app
        + "/api/models/"
        + rolled
        + "/rollback', '{\"reason\":\"cross-site\"}'),\n"
        + "  send('"
        + app
        + "/engine-rest/deployment/create', deployment)\n"
        + "]).then(() => { document.title = 'sent'; });\n"
        + "</script></body></html>";
  }
}
