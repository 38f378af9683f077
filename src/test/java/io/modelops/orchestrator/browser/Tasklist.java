package io.modelops.orchestrator.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Camunda Tasklist as a reviewer sees it: login, filters, the task list and the Camunda Form of the
 * selected task. Locates elements by visible text, form component ids and stable attributes.
 */
public final class Tasklist {

  private static final By FILTERS = By.cssSelector(".task-filters .task-filter");
  private static final By FORM = By.cssSelector("[cam-tasklist-task] form.fjs-form");
  private static final By CLAIM = By.cssSelector("[cam-tasklist-task] button.claim");
  private static final By DISABLED_FORM = By.cssSelector("[cam-tasklist-task] .disabled-form");
  private static final By COMPLETE =
      By.xpath(
          "//div[@cam-tasklist-task]//div[contains(@class,'form-actions')]"
              + "//button[normalize-space(.)='Complete']");
  private static final By ERROR_NOTIFICATION = By.cssSelector(".page-notifications .alert-danger");

  private final Browser browser;
  private final String baseUrl;

  public Tasklist(Browser browser, int port) {
    this.browser = browser;
    this.baseUrl = "http://localhost:" + port + "/camunda/app/tasklist/";
  }

  /** Logs in with the webapps' login form (see {@link WebappLogin}) and waits for the filters. */
  public Tasklist login(String user, String password) {
    WebappLogin.login(browser, baseUrl, user, password, FILTERS, "Tasklist shows the filters");
    return this;
  }

  /** Opens a filter by its name, e.g. "My group tasks". */
  public Tasklist openFilter(String name) {
    By link =
        By.xpath(
            "//div[contains(@class,'task-filter')]//a[normalize-space(text()[1])='" + name + "']");
    browser.click(browser.visible(link));
    browser.until(
        "filter '" + name + "' is active",
        ExpectedConditions.visibilityOfElementLocated(
            By.xpath(
                "//div[contains(@class,'task-filter') and contains(@class,'active')]"
                    + "//a[normalize-space(text()[1])='"
                    + name
                    + "']")));
    return this;
  }

  /** The link of a task in the current filter's list. */
  public WebElement taskInList(String taskId) {
    return browser.until(
        "task " + taskId + " is listed",
        ExpectedConditions.visibilityOfElementLocated(taskLink(taskId)));
  }

  /** Selects a task in the list and waits until its form is rendered. */
  public Tasklist openTask(String taskId) {
    browser.until(
        "task " + taskId + " is open",
        d -> {
          if (!d.getCurrentUrl().contains("task=" + taskId)) {
            browser.click(d.findElement(taskLink(taskId)));
          }
          return d.getCurrentUrl().contains("task=" + taskId);
        });
    browser.until("the task form is rendered", ExpectedConditions.visibilityOfElementLocated(FORM));
    return this;
  }

  private static By taskLink(String taskId) {
    return By.cssSelector(".tasks-list a[href$='task=" + taskId + "']");
  }

  /** Claims the open task unless it is already assigned to the current user. */
  public Tasklist claimIfNeeded() {
    List<WebElement> claim = browser.driver().findElements(CLAIM);
    if (!claim.isEmpty() && claim.get(0).isDisplayed()) {
      browser.click(claim.get(0));
      browser.until("the task is claimed", ExpectedConditions.invisibilityOfElementLocated(CLAIM));
    }
    browser.until(
        "the form is editable", ExpectedConditions.invisibilityOfElementLocated(DISABLED_FORM));
    browser.until("the task form is rendered", ExpectedConditions.visibilityOfElementLocated(FORM));
    return this;
  }

  /** Presses "Claim" on the open task, without waiting for the claim to succeed. */
  public Tasklist pressClaim() {
    browser.click(browser.visible(CLAIM));
    return this;
  }

  /** The input of a form component, by its id in the form file (e.g. "Field_ModelName"). */
  public WebElement field(String componentId) {
    return browser.visible(
        By.cssSelector("[cam-tasklist-task] form.fjs-form [id$='-" + componentId + "']"));
  }

  /** The visible labels of the form's components, without the required-field asterisk. */
  public List<String> labels() {
    browser.visible(FORM);
    return browser
        .driver()
        .findElements(By.cssSelector("[cam-tasklist-task] form.fjs-form .fjs-form-field-label"))
        .stream()
        .filter(WebElement::isDisplayed)
        .map(l -> l.getText().replaceAll("\\*$", "").strip())
        .toList();
  }

  /** Chooses an option of a radio group by its visible label, e.g. "Approve". */
  public Tasklist choose(String componentId, String option) {
    WebElement label =
        browser.visible(
            By.xpath(
                "//div[@cam-tasklist-task]//form[contains(@class,'fjs-form')]"
                    + "//label[.//input[@type='radio' and contains(@id,'-"
                    + componentId
                    + "-')]"
                    + " and normalize-space(.)='"
                    + option
                    + "']"));
    WebElement radio = label.findElement(By.cssSelector("input[type='radio']"));
    browser.click(radio);
    browser.until(
        "'" + option + "' is chosen", ExpectedConditions.elementSelectionStateToBe(radio, true));
    return this;
  }

  public Tasklist type(String componentId, String text) {
    WebElement field = field(componentId);
    browser.type(field, text);
    browser.until("the field holds the text", d -> text.equals(Browser.value(field)));
    return this;
  }

  /** Scrolls the form so that the component is at the top of the task pane. */
  public Tasklist scrollTo(String componentId) {
    browser.script(
        "arguments[0].closest('.fjs-form-field').scrollIntoView({block: 'start'});",
        field(componentId));
    return this;
  }

  /** Clicks "Complete" (with the keyboard: the page footer may cover the button). */
  public Tasklist complete() {
    browser.press(browser.visible(COMPLETE));
    return this;
  }

  /** The validation message the form shows below a component. */
  public String validationMessage(String componentId) {
    WebElement field = field(componentId);
    WebElement container =
        field.findElement(By.xpath("ancestor::div[contains(@class,'fjs-form-field')][1]"));
    return browser
        .until(
            "a validation message below " + componentId,
            ExpectedConditions.visibilityOfNestedElementsLocatedBy(
                container, By.cssSelector(".fjs-form-field-error")))
        .get(0)
        .getText();
  }

  /** The text of the first error notification Tasklist shows. */
  public String errorNotification() {
    return browser
        .until(
            "an error notification",
            ExpectedConditions.visibilityOfElementLocated(ERROR_NOTIFICATION))
        .getText();
  }

  /** Waits until the task pane no longer shows the task, as after completing it. */
  public Tasklist awaitTaskClosed(String taskId) {
    browser.until(
        "task " + taskId + " is closed", d -> !d.getCurrentUrl().contains("task=" + taskId));
    browser.until(
        "task " + taskId + " left the list",
        ExpectedConditions.invisibilityOfElementLocated(taskLink(taskId)));
    return this;
  }
}
