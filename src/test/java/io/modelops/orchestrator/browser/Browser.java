package io.modelops.orchestrator.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for one test, driven by ChromeDriver.
 *
 * <p>Both binaries come from the operating system (Debian: {@code apt-get install -y chromium
 * chromium-driver}); nothing is downloaded at test time. Their paths default to {@code
 * /usr/bin/chromium} and {@code /usr/bin/chromedriver} and can be changed with the system
 * properties {@code modelops.test.chromium} and {@code modelops.test.chromedriver}. When either is
 * missing, each test of a {@link BrowserTest} class is reported as skipped, with an install hint.
 *
 * <p>Every test that uses a browser leaves a screenshot of its last page in {@code
 * target/screenshots/<test>.png}, whether it passed or failed. Files the page downloads land in
 * {@code target/downloads/<test>/}, without a prompt.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM =
      Path.of(System.getProperty("modelops.test.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER =
      Path.of(System.getProperty("modelops.test.chromedriver", "/usr/bin/chromedriver"));
  public static final String INSTALL_HINT =
      "Browser tests need Chromium and ChromeDriver at "
          + CHROMIUM
          + " and "
          + CHROMEDRIVER
          + ". On Debian or Ubuntu: apt-get install -y chromium chromium-driver";
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  public static final Path DOWNLOADS = Path.of("target", "downloads");
  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** Longest wait for a webapp to load (Cockpit's plugins take seconds on 2 busy cores). */
  public static final Duration PAGE_LOAD = Duration.ofSeconds(60);

  private static final Duration POLLING = Duration.ofMillis(100);

  private final String name;
  private final Path profile;
  private final Path downloads;
  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final WebDriverWait wait;

  private Browser(String name) {
    this.name = name;
    try {
      this.profile = Files.createTempDirectory("chromium-profile-");
      this.downloads = DOWNLOADS.resolve(name).toAbsolutePath();
      deleteRecursively(downloads);
      Files.createDirectories(downloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory", downloads.toString(),
            "download.prompt_for_download", false,
            "download.directory_upgrade", true));
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=1400,1000");
    this.service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    this.driver = new ChromeDriver(service, options);
    this.driver.manage().timeouts().pageLoadTimeout(TIMEOUT);
    this.wait = new WebDriverWait(driver, TIMEOUT, POLLING);
  }

  /** Whether the Chromium and ChromeDriver binaries are installed. */
  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Where the files this browser downloads are saved (empty when the test starts). */
  public Path downloads() {
    return downloads;
  }

  /**
   * Resizes the window so that the page gets a viewport of the given size (for screenshots of a
   * known size).
   */
  public void viewport(int width, int height) {
    for (int attempt = 0; attempt < 3; attempt++) {
      long innerWidth = (Long) script("return window.innerWidth;");
      long innerHeight = (Long) script("return window.innerHeight;");
      if (innerWidth == width && innerHeight == height) {
        return;
      }
      Dimension window = driver.manage().window().getSize();
      driver
          .manage()
          .window()
          .setSize(
              new Dimension(
                  window.getWidth() + width - (int) innerWidth,
                  window.getHeight() + height - (int) innerHeight));
    }
  }

  /** Reloads the current page from the server. */
  public void reload() {
    driver.navigate().refresh();
  }

  /** Waits up to {@link #TIMEOUT} until the condition holds; returns its value. */
  public <T> T until(ExpectedCondition<T> condition) {
    return wait.until(condition);
  }

  /**
   * Like {@link #until(String, ExpectedCondition)} with a longer wait, for the first load of a
   * webapp's scripts in a cold browser on a busy machine.
   */
  public <T> T untilLoaded(String description, ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, PAGE_LOAD, POLLING).withMessage(description).until(condition);
  }

  /** Like {@link #until(ExpectedCondition)}; a timeout names what was awaited. */
  public <T> T until(String description, ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, TIMEOUT, POLLING).withMessage(description).until(condition);
  }

  public WebElement visible(By locator) {
    return until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** Scrolls the element to the middle of its scroll container and clicks it. */
  public void click(WebElement element) {
    scrollToCenter(element);
    until(ExpectedConditions.elementToBeClickable(element)).click();
  }

  /**
   * Activates a button with the keyboard (focus, then Enter). For buttons at the bottom edge of a
   * scroll container, which a page footer may cover.
   */
  public void press(WebElement button) {
    scrollToCenter(button);
    until(ExpectedConditions.elementToBeClickable(button));
    focus(button);
    new Actions(driver).sendKeys(Keys.ENTER).perform();
  }

  /** Types text into a field with the keyboard. */
  public void type(WebElement field, String text) {
    scrollToCenter(field);
    field.sendKeys(text);
  }

  /**
   * Enters text into a field the way an input method does (trusted {@code beforeinput} and {@code
   * input} events, no key events).
   */
  public void insertText(WebElement field, String text) {
    focus(field);
    driver.executeCdpCommand("Input.insertText", Map.of("text", text));
  }

  /** Moves the focus to the element, again if the page takes it elsewhere meanwhile. */
  private void focus(WebElement element) {
    until(
        "the element has the focus",
        d -> {
          if (!element.equals(d.switchTo().activeElement())) {
            script("arguments[0].focus();", element);
          }
          return element.equals(d.switchTo().activeElement());
        });
  }

  /** The current value of a form field, as the user sees it. */
  public static String value(WebElement field) {
    return field.getDomProperty("value");
  }

  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void scrollToCenter(WebElement element) {
    script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
  }

  /** Saves a screenshot as {@code target/screenshots/<test>-<suffix>.png}. */
  public Path screenshot(String suffix) {
    return saveScreenshot(name + "-" + suffix);
  }

  private Path saveScreenshot(String fileName) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(fileName + ".png");
      return Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteRecursively(profile);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a leftover temporary profile is harmless
    }
  }

  /** File name of a test's screenshot: class, method and, for parameterized tests, arguments. */
  static String testName(ExtensionContext context) {
    String name =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + context.getRequiredTestMethod().getName();
    String display = context.getDisplayName();
    boolean invocation = context.getParent().map(p -> p.getTestMethod().isPresent()).orElse(false);
    if (invocation) {
      name += "-" + display;
    }
    return name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-+$", "");
  }

  /**
   * Skips the tests when Chromium is missing, hands each test method that asks for one a fresh
   * {@link Browser}, and takes its screenshot after the test, passed or failed.
   */
  static final class Extension
      implements BeforeEachCallback, ParameterResolver, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(Browser.class);

    @Override
    public void beforeEach(ExtensionContext context) {
      assumeTrue(available(), INSTALL_HINT);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      assumeTrue(available(), INSTALL_HINT);
      return context
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(
              Session.class, k -> new Session(new Browser(testName(context))), Session.class)
          .browser();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
      Optional.ofNullable(context.getStore(NAMESPACE).get(Session.class, Session.class))
          .ifPresent(session -> session.browser().saveScreenshot(testName(context)));
    }
  }

  /** Closes the browser when the test's extension context closes. */
  private record Session(Browser browser) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      browser.close();
    }
  }
}
