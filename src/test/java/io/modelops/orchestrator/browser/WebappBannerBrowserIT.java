package io.modelops.orchestrator.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist and Cockpit show no "migrate to Camunda 8" banner (the Community Edition's, hidden by
 * the webapps' user-styles.css), and the navigation bar sits at the top of the page.
 */
@BrowserTest
@IntegrationTest
class WebappBannerBrowserIT {

  private static final By BANNER = By.cssSelector("[cam-widget-header] .ce-eol-banner");
  private static final By NAVBAR = By.cssSelector("[cam-widget-header] .navbar-brand");

  @LocalServerPort int port;

  @Test
  void tasklistShowsNoMigrationBanner(Browser browser) {
    new Tasklist(browser, port).login("victor", "victor");

    assertNoBanner(browser);
  }

  @Test
  void cockpitShowsNoMigrationBanner(Browser browser) {
    new Cockpit(browser, port).login("oscar", "oscar").openProcessDefinition(ModelLifecycle.KEY);

    assertNoBanner(browser);
  }

  private static void assertNoBanner(Browser browser) {
    assertThat(browser.driver().findElements(BANNER)).noneMatch(WebElement::isDisplayed);
    assertThat(browser.driver().findElement(By.tagName("body")).getText())
        .doesNotContainIgnoringCase("migrate to Camunda 8");
    // the header starts at the top: no empty strip where the banner was
    assertThat(browser.visible(NAVBAR).getRect().getY()).isLessThan(20);
  }
}
