package io.modelops.orchestrator.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Camunda Cockpit as an operator sees it: login, the process definitions, a definition's diagram
 * and instances, an instance's incidents and the retry of a failed job. Locates elements by visible
 * text, BPMN element ids and the classes of Cockpit's templates.
 */
public final class Cockpit {

  private static final By DASHBOARD = By.cssSelector(".ctn-view.dashboard");
  private static final By RUNNING_INSTANCES_OF_VERSION =
      By.cssSelector(".process-information .running-instances strong.current-version");
  private static final By INSTANCE_LINKS =
      By.cssSelector("table.process-instances td.instance-id a");
  private static final By INCIDENT_ROWS = By.cssSelector("table.incidents-tab tbody tr");
  private static final By DIALOG = By.cssSelector(".modal-dialog");

  private final Browser browser;
  private final String baseUrl;

  public Cockpit(Browser browser, int port) {
    this.browser = browser;
    this.baseUrl = "http://localhost:" + port + "/camunda/app/cockpit/default/";
  }

  /** An incident as the incidents tab lists it. */
  public record Incident(String message, String activity) {}

  /** Logs in with the webapps' login form (see {@link WebappLogin}) and waits for the dashboard. */
  public Cockpit login(String user, String password) {
    WebappLogin.login(browser, baseUrl, user, password, DASHBOARD, "Cockpit shows its dashboard");
    return this;
  }

  /**
   * Opens "Processes" from the navigation and there the process definition with the key, and waits
   * until its diagram is drawn.
   */
  public Cockpit openProcessDefinition(String key) {
    browser.click(
        browser.visible(
            By.xpath("//a[contains(@href,'#/processes') and normalize-space(.)='Processes']")));
    WebElement definition =
        browser.until(
            "process definition " + key + " is listed",
            ExpectedConditions.elementToBeClickable(
                By.xpath(
                    "//td[contains(@class,'key')]//a[starts-with(@href,'#/process-definition/')"
                        + " and normalize-space(.)='"
                        + key
                        + "']")));
    browser.click(definition);
    browser.until(
        "the definition page of " + key + " is open",
        d -> d.getCurrentUrl().contains("#/process-definition/"));
    awaitDiagram();
    return this;
  }

  /** The shape of a BPMN element in the diagram, once bpmn-js has drawn it. */
  public WebElement shape(String elementId) {
    return browser.until(
        "the diagram shows " + elementId,
        ExpectedConditions.visibilityOfElementLocated(shapeLocator(elementId)));
  }

  /** The label of a BPMN element as drawn in the diagram, its lines joined by spaces. */
  public String label(String elementId) {
    return (String)
        browser.script(
            "return Array.from(arguments[0].querySelectorAll('.djs-visual text tspan'))"
                + ".map(t => t.textContent.trim()).join(' ');",
            shape(elementId));
  }

  /** The incident count Cockpit draws on a BPMN element (0 when it shows none). */
  public int incidentBadge(String elementId) {
    By badge =
        By.cssSelector(".djs-overlays[data-container-id='" + elementId + "'] .instance-incidents");
    List<WebElement> badges = browser.driver().findElements(badge);
    if (badges.isEmpty() || !badges.get(0).isDisplayed()) {
      return 0;
    }
    return Integer.parseInt(badges.get(0).getText().strip());
  }

  /** Waits until Cockpit draws an incident badge on the BPMN element; returns its count. */
  public int awaitIncidentBadge(String elementId) {
    return browser.until(
        "an incident badge on " + elementId,
        d -> {
          int count = incidentBadge(elementId);
          return count > 0 ? count : null;
        });
  }

  /** "Instances Running" of the current version, from the definition page's sidebar. */
  public int runningInstancesOfVersion() {
    WebElement count = browser.visible(RUNNING_INSTANCES_OF_VERSION);
    browser.until("the running instances are counted", d -> !count.getText().isBlank());
    return Integer.parseInt(count.getText().strip());
  }

  /** Ids of the process instances the definition page lists (newest first, first page). */
  public List<String> listedInstances() {
    browser.until(
        "the definition page lists process instances",
        ExpectedConditions.visibilityOfElementLocated(INSTANCE_LINKS));
    return browser.driver().findElements(INSTANCE_LINKS).stream()
        .map(a -> a.getText().strip())
        .toList();
  }

  /** Opens a process instance from the definition page's list and waits for its diagram. */
  public Cockpit openInstance(String instanceId) {
    browser.click(
        browser.until(
            "instance " + instanceId + " is listed",
            ExpectedConditions.elementToBeClickable(
                By.xpath(
                    "//table[contains(@class,'process-instances')]//td[contains(@class,'instance-id')]"
                        + "//a[normalize-space(.)='"
                        + instanceId
                        + "']"))));
    browser.until(
        "instance " + instanceId + " is open",
        d -> d.getCurrentUrl().contains("#/process-instance/" + instanceId));
    awaitDiagram();
    return this;
  }

  /** Selects a tab of the page's bottom pane by its label, e.g. "Incidents". */
  public Cockpit openTab(String label) {
    By tab =
        By.xpath(
            "//div[contains(@class,'ctn-tabbed')]//ul[contains(@class,'nav-tabs')]"
                + "//li/a[normalize-space(.)='"
                + label
                + "']");
    browser.click(browser.visible(tab));
    browser.until(
        "tab '" + label + "' is selected",
        ExpectedConditions.visibilityOfElementLocated(
            By.xpath(
                "//div[contains(@class,'ctn-tabbed')]//ul[contains(@class,'nav-tabs')]"
                    + "//li[contains(@class,'active')]/a[normalize-space(.)='"
                    + label
                    + "']")));
    return this;
  }

  /** The incidents the open incidents tab lists, once it lists at least one. */
  public List<Incident> incidents() {
    browser.until(
        "the incidents tab lists an incident",
        ExpectedConditions.visibilityOfElementLocated(INCIDENT_ROWS));
    return browser.driver().findElements(INCIDENT_ROWS).stream()
        .map(
            row ->
                new Incident(
                    row.findElement(By.cssSelector("td.message")).getText().strip(),
                    row.findElement(By.cssSelector("td.activity")).getText().strip()))
        .toList();
  }

  /**
   * Retries the failed job of the incident on the activity: the retry button of its row, then in
   * the dialog "Set due date" (now, so the job runs at once) and "Retry". Waits until Cockpit
   * confirms and closes the dialog.
   */
  public Cockpit retryIncident(String activityName) {
    WebElement row =
        browser.visible(
            By.xpath(
                "//table[contains(@class,'incidents-tab')]//tr[td[contains(@class,'activity')"
                    + " and contains(normalize-space(.),'"
                    + activityName
                    + "')]]"));
    browser.click(
        row.findElement(
            By.xpath(
                ".//td[contains(@class,'action')]"
                    + "//a[.//span[contains(@class,'glyphicon-repeat')]]")));
    WebElement dialog = browser.visible(DIALOG);
    browser.until(
        "the retry dialog asks to increment the retries",
        ExpectedConditions.textToBePresentInElement(dialog, "Increment Number of Retries"));
    WebElement setDueDate =
        dialog.findElement(By.cssSelector("input[type='radio'][value='dueDate']"));
    browser.click(setDueDate);
    browser.until(
        "'Set due date' is chosen", ExpectedConditions.elementSelectionStateToBe(setDueDate, true));
    browser.click(
        dialog.findElement(
            By.xpath(
                ".//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Retry']")));
    browser.until(
        "Cockpit confirms the retry",
        ExpectedConditions.textToBePresentInElement(dialog, "has been incremented successfully"));
    browser.click(
        dialog.findElement(
            By.xpath(".//div[contains(@class,'modal-footer')]//button[normalize-space(.)='OK']")));
    browser.until(
        "the retry dialog is closed", ExpectedConditions.invisibilityOfElementLocated(DIALOG));
    return this;
  }

  /**
   * Tries to edit a variable in the open instance's "Variables" tab: the edit button of its row,
   * the new value, and the save button. Returns false when Cockpit offers no edit button.
   */
  public boolean tryEditVariable(String name, String value) {
    WebElement row =
        browser.visible(
            By.xpath(
                "//div[contains(@class,'ctn-tabbed')]//table//tr[td[contains(@class,'name')"
                    + " and normalize-space(.)='"
                    + name
                    + "']]"));
    List<WebElement> edit =
        row.findElements(
            By.xpath(
                ".//*[contains(@class,'glyphicon-pencil')]/ancestor-or-self::*[self::a or self::button][1]"));
    if (edit.isEmpty() || !edit.get(0).isDisplayed()) {
      return false;
    }
    browser.click(edit.get(0));
    WebElement input =
        browser.until(
            "the value of " + name + " is editable",
            d -> {
              List<WebElement> inputs =
                  d.findElements(
                      By.xpath(
                          "//div[contains(@class,'ctn-tabbed')]//table//tr[.//input[@type='text'"
                              + " or not(@type)] and .//*[contains(@class,'glyphicon-ok')]]"
                              + "//td[contains(@class,'value')]//input"));
              return inputs.isEmpty() ? null : inputs.get(0);
            });
    input.clear();
    input.sendKeys(value);
    browser.click(
        browser.visible(
            By.xpath(
                "//div[contains(@class,'ctn-tabbed')]//table//*[contains(@class,'glyphicon-ok')]"
                    + "/ancestor-or-self::*[self::a or self::button][1]")));
    return true;
  }

  /** The text of the first error notification Cockpit shows. */
  public String errorNotification() {
    return browser
        .until(
            "an error notification",
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".page-notifications .alert-danger, .notifications .alert-danger")))
        .getText();
  }

  /** Opens a process instance's page directly and waits for its diagram. */
  public Cockpit openInstanceById(String instanceId) {
    browser.open(baseUrl + "#/process-instance/" + instanceId + "/runtime");
    awaitDiagram();
    return this;
  }

  private void awaitDiagram() {
    browser.until(
        "the BPMN diagram is drawn",
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".djs-container svg g.djs-element.djs-shape")));
  }

  private static By shapeLocator(String elementId) {
    return By.cssSelector(
        ".djs-container svg g.djs-element.djs-shape[data-element-id='" + elementId + "']");
  }
}
