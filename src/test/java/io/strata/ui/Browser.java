package io.strata.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, signed in to
 * the console through the real Keycloak login page.
 */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final WebDriverWait wait;
  private final String base;

  private Browser(ChromeDriver driver, String base) {
    this.driver = driver;
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** A fresh browser (no cookies) that signs {@code user} in and lands on the console. */
  static Browser signIn(String base, String user, String password) throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1600,1000",
        "--user-data-dir=" + Files.createTempDirectory("strata-chromium-"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
    Browser browser = new Browser(new ChromeDriver(service, options), base);
    try {
      browser.driver.get(browser.base + "/ui/");
      browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
      browser.driver.findElement(By.id("username")).sendKeys(user);
      browser.driver.findElement(By.id("password")).sendKeys(password);
      browser.driver.findElement(By.id("kc-login")).click();
      browser.waitFor("#signed-in-user");
      return browser;
    } catch (RuntimeException e) {
      browser.close();
      throw e;
    }
  }

  void open(String path) {
    driver.get(base + path);
  }

  WebElement waitFor(String css) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  boolean present(String css) {
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  void type(String fieldCss, String text) {
    WebElement input = waitFor(fieldCss + " input");
    input.clear();
    input.sendKeys(text);
  }

  void click(String css) {
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    // Brought to the middle first, as a user scrolls to it: a control below the fold or inside a
    // dialog's own scrolled content would otherwise take the click on whatever covers it.
    js("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element);
    element.click();
  }

  /**
   * The texts of the shown cells of grid {@code gridCss}, in document order (the grid keeps the
   * cells of rows it no longer shows, hidden, for reuse).
   */
  @SuppressWarnings("unchecked")
  List<String> cells(String gridCss) {
    return (List<String>) ((JavascriptExecutor) driver).executeScript(
        "return Array.from(document.querySelectorAll(arguments[0] + ' vaadin-grid-cell-content'))"
            + ".filter(e => e.getClientRects().length > 0)"
            + ".map(e => e.textContent.trim()).filter(t => t.length > 0)", gridCss);
  }

  /** Waits until a cell of {@code gridCss} reads {@code text} exactly. */
  void awaitCell(String gridCss, String text) {
    wait.until(d -> cells(gridCss).contains(text));
  }

  void awaitUrlContains(String part) {
    wait.until(ExpectedConditions.urlContains(part));
  }

  void until(java.util.function.Supplier<Boolean> condition) {
    wait.until(d -> condition.get());
  }

  /** Saves a screenshot as {@code target/screenshots/<name>.png} and returns its path. */
  Path screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Runs {@code script}, which ends by calling its last argument with the result. */
  Object asyncJs(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /** Resizes the window, so that a view can be checked at a given width. */
  void resize(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }

  /** Makes the page's clock read in {@code zoneId} (an IANA id), as a browser set to it would. */
  void timeZone(String zoneId) {
    driver.executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", zoneId));
  }

  /** Whether the first element matching {@code css} is shown and wholly within the viewport. */
  boolean inViewport(String css) {
    return Boolean.TRUE.equals(js("const e = document.querySelector(arguments[0]);"
        + " if (!e || e.getClientRects().length === 0) return false;"
        + " const r = e.getBoundingClientRect();"
        + " return r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0"
        + " && r.right <= window.innerWidth && r.bottom <= window.innerHeight;", css));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
