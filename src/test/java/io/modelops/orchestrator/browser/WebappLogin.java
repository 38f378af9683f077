package io.modelops.orchestrator.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The login form that Tasklist, Cockpit and Admin share.
 *
 * <p>Headless Chromium does not deliver synthesized key and mouse events to a document that has
 * shown the Camunda webapps' login page (the events are dropped before they reach the page, and the
 * document stays that way after the login). The credentials are therefore entered like an input
 * method does and the form is submitted from the page; the reload then gives a fresh document in
 * which every later step uses real clicks and keystrokes.
 */
final class WebappLogin {

  private static final By USERNAME =
      By.cssSelector("form[name='signinForm'] input[ng-model='username']");
  private static final By PASSWORD =
      By.cssSelector("form[name='signinForm'] input[ng-model='password']");
  private static final By LOG_IN = By.cssSelector("form[name='signinForm'] button[type='submit']");

  /**
   * Opens the webapp at {@code url}, logs in and reloads it with the new session.
   *
   * @param ready what the webapp shows once the user is logged in
   * @param description what {@code ready} is, for timeout messages
   */
  static void login(
      Browser browser, String url, String user, String password, By ready, String description) {
    browser.open(url);
    browser.visible(USERNAME);
    browser.visible(PASSWORD);
    // The page moves the focus to the user name field once it is ready; enter again what lands
    // elsewhere until both fields hold their value.
    browser.until(
        "the login form holds the credentials",
        d -> fill(browser, USERNAME, user) & fill(browser, PASSWORD, password));
    browser.script("arguments[0].click();", browser.visible(LOG_IN));
    browser.untilLoaded(
        description + " after login", ExpectedConditions.visibilityOfElementLocated(ready));
    // Now and then Cockpit's reloaded document never finishes booting (its spinner stays): a
    // person would reload again, and so does the test, at most three times.
    for (int attempt = 1; ; attempt++) {
      browser.reload();
      try {
        browser.until(description, ExpectedConditions.visibilityOfElementLocated(ready));
        return;
      } catch (org.openqa.selenium.TimeoutException stuck) {
        if (attempt == 3) {
          throw stuck;
        }
      }
    }
  }

  private static boolean fill(Browser browser, By locator, String text) {
    WebElement field = browser.driver().findElement(locator);
    if (text.equals(Browser.value(field))) {
      return true;
    }
    browser.script(
        "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        field);
    browser.insertText(field, text);
    return text.equals(Browser.value(field));
  }

  private WebappLogin() {}
}
