package io.modelops.orchestrator.browser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The inventory dashboard ({@code /dashboard}) as a reader sees it: summary cards, the versions by
 * stage, the filter form and the CSV export link.
 */
public final class InventoryDashboard {

  private static final By TITLE = By.xpath("//h1[normalize-space(.)='Model inventory']");
  private static final By CARDS = By.cssSelector("#summary .card");
  private static final By FILTER =
      By.xpath("//form[contains(@class,'filters')]//button[normalize-space(.)='Filter']");
  private static final By EXPORT_CSV = By.linkText("Export CSV");
  private static final By USERNAME = By.cssSelector("form input[name='username']");
  private static final By PASSWORD = By.cssSelector("form input[name='password']");
  private static final By SIGN_IN = By.cssSelector("form button[type='submit']");

  private final Browser browser;
  private final int port;

  public InventoryDashboard(Browser browser, int port) {
    this.browser = browser;
    this.port = port;
  }

  /** A version row of one of the stage tables. */
  public record Row(String model, String version, String riskTier, String owner, String status) {}

  /**
   * Opens the dashboard, which sends the browser to the sign-in page; signs in there as the user
   * and waits until the browser is back on the dashboard.
   */
  public InventoryDashboard login(String user, String password) {
    browser.open("http://localhost:" + port + "/dashboard");
    browser.until("the sign-in page is shown", ExpectedConditions.urlContains("/login"));
    browser.type(browser.visible(USERNAME), user);
    browser.type(browser.visible(PASSWORD), password);
    browser.click(browser.visible(SIGN_IN));
    browser.until("the dashboard is shown", ExpectedConditions.visibilityOfElementLocated(TITLE));
    return this;
  }

  /** Signs out through the confirmation page; waits for the sign-in page. */
  public void logout() {
    browser.click(browser.visible(By.linkText("Sign out")));
    browser.click(browser.visible(By.cssSelector("form[action$='/logout'] button[type='submit']")));
    browser.until("the sign-in page is shown", ExpectedConditions.urlContains("/login?logout"));
  }

  /** The summary cards: label → number, in page order (e.g. "Versions" → 5). */
  public Map<String, Long> summary() {
    Map<String, Long> cards = new LinkedHashMap<>();
    for (WebElement card : browser.driver().findElements(CARDS)) {
      String number = card.findElement(By.tagName("b")).getText().strip();
      String label = card.getText().strip().substring(number.length()).strip();
      cards.put(label, Long.parseLong(number));
    }
    return cards;
  }

  /** The heading of a stage's section, e.g. "Canary (1)"; the stage as in {@code ?stage=}. */
  public String stageHeading(String stage) {
    return browser
        .visible(By.cssSelector("#stage-" + stage.toLowerCase(Locale.ROOT) + " h2"))
        .getText()
        .strip();
  }

  /** The versions listed in a stage's section. */
  @SuppressWarnings("unchecked")
  public List<Row> versionsIn(String stage) {
    // one round trip for the whole table: the unfiltered inventory may list many versions
    List<List<String>> cells =
        (List<List<String>>)
            browser.script(
                "return Array.from(document.querySelectorAll(arguments[0]))"
                    + ".map(tr => Array.from(tr.cells).map(td => td.innerText.trim()));",
                "#stage-" + stage.toLowerCase(Locale.ROOT) + " table tbody tr");
    return cells.stream()
        .map(td -> new Row(td.get(0), td.get(1), td.get(2), td.get(4), td.get(5)))
        .toList();
  }

  /** The versions listed in all stage sections. */
  public List<Row> versions() {
    return Stream.of("PRODUCTION", "CANARY", "STAGING", "IN_REVIEW", "OTHER")
        .flatMap(stage -> versionsIn(stage).stream())
        .toList();
  }

  /** Chooses a value in one of the filter form's lists, e.g. ("Risk tier", "HIGH"). */
  public InventoryDashboard choose(String label, String value) {
    WebElement select =
        browser.visible(
            By.xpath(
                "//form[contains(@class,'filters')]//label[normalize-space(text()[1])='"
                    + label
                    + "']/select"));
    new Select(select).selectByVisibleText(value);
    browser.until(
        "'" + value + "' is chosen for " + label,
        d -> value.equals(new Select(select).getFirstSelectedOption().getText()));
    return this;
  }

  /** Submits the filter form and waits for the filtered page. */
  public InventoryDashboard filter() {
    WebElement page = browser.driver().findElement(By.tagName("html"));
    browser.click(browser.visible(FILTER));
    browser.until("the filtered dashboard is loaded", ExpectedConditions.stalenessOf(page));
    browser.until("the dashboard is shown", ExpectedConditions.visibilityOfElementLocated(TITLE));
    return this;
  }

  /** The address of the "Export CSV" link. */
  public String exportLink() {
    return browser.visible(EXPORT_CSV).getDomAttribute("href");
  }

  /** Clicks "Export CSV"; the browser downloads the file into {@link Browser#downloads()}. */
  public InventoryDashboard exportCsv() {
    browser.click(browser.visible(EXPORT_CSV));
    return this;
  }
}
