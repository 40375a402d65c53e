package org.unodc.uponrequest.portal;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on the member-state portal, used as a focal point uses it: by labels and
 * buttons. Every page it checks goes through axe-core (WCAG 2.1 AA rules); screenshots go to
 * {@code target/screenshots/portal/} for people to look at.
 */
public final class PortalBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots", "portal");
  private static final Set<String> BLOCKING = Set.of("serious", "critical");

  private final String baseUrl;
  private final Path profile;
  private final ChromeDriverService service;
  private final WebDriver driver;
  private final WebDriverWait wait;

  public PortalBrowser(String baseUrl) {
    List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p)).map(Path::toString).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("The browser tests need Chromium and ChromeDriver; missing: " + missing
          + ". Install the Debian packages chromium and chromium-driver (bash .ci/run does).");
    }
    Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder").setLevel(Level.SEVERE);
    this.baseUrl = baseUrl;
    try {
      this.profile = Files.createTempDirectory("uponrequest-portal-");
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--lang=en-GB", "--user-data-dir=" + profile, "--window-size=1280,1000");
    this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 1000));
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100)); // Selenium polls every 500 ms
  }

  public WebDriverWait waiting() {
    return wait;
  }

  public WebDriver driver() {
    return driver;
  }

  void signIn(String user, String password) {
    signIn(user, password, "/portal/requests");
  }

  /** Signs in through the login form and waits for the page the user lands on. */
  public void signIn(String user, String password, String landing) {
    driver.manage().deleteAllCookies();
    driver.get(baseUrl + "/login");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.cssSelector("form#sign-in button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains(landing));
  }

  public void open(String path) {
    driver.get(baseUrl + path);
  }

  WebElement field(String label) {
    WebElement labelElement = driver.findElement(By.xpath("//label[normalize-space(.)=" + literal(label) + " or "
        + "starts-with(normalize-space(.), " + literal(label) + ")]"));
    return driver.findElement(By.id(labelElement.getAttribute("for")));
  }

  void type(String label, String text) {
    WebElement input = field(label);
    input.clear();
    input.sendKeys(text);
  }

  /** Ticks the checkbox or radio button whose label reads this. */
  void choose(String label) {
    WebElement choice = driver.findElement(By.xpath("//label[normalize-space(.)=" + literal(label) + "]"));
    WebElement input = driver.findElement(By.id(choice.getAttribute("for")));
    if (!input.isSelected()) {
      choice.click();
    }
  }

  /** Presses a button that sends a form and waits for the next page. */
  public void press(String button) {
    navigating(() -> driver.findElement(By.xpath("//button[normalize-space(.)=" + literal(button) + "]")).click());
  }

  /** Follows a link and waits for the page it opens. */
  public void follow(String link) {
    navigating(() -> driver.findElement(By.xpath("//a[normalize-space(.)=" + literal(link) + "]")).click());
  }

  /** Clicks, then waits for a new document: the mark set on the old one is gone and the new one has loaded. */
  private void navigating(Runnable click) {
    org.openqa.selenium.JavascriptExecutor script = (org.openqa.selenium.JavascriptExecutor) driver;
    script.executeScript("window.__oldPage = true;");
    click.run();
    wait.ignoring(org.openqa.selenium.WebDriverException.class).until(driver -> Boolean.TRUE.equals(script.executeScript(
        "return window.__oldPage === undefined && document.readyState === 'complete';")));
  }

  /** Text as an XPath string literal, whichever quotes it holds. */
  private static String literal(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    if (!text.contains("\"")) {
      return "\"" + text + "\"";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  String html(String attribute) {
    return driver.findElement(By.tagName("html")).getAttribute(attribute);
  }

  /** The serious and critical axe-core findings on the page, one line each; empty when there are none. */
  public List<String> accessibilityFindings() {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
    return results.getViolations().stream().filter(rule -> BLOCKING.contains(rule.getImpact()))
        .map(PortalBrowser::describe).toList();
  }

  private static String describe(Rule rule) {
    return rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
        + rule.getNodes().stream().limit(3).map(node -> String.valueOf(node.getTarget())).toList();
  }

  public Path screenshot(String name) {
    Path file = SCREENSHOTS.resolve(name + ".png");
    try {
      long height = (Long) ((org.openqa.selenium.JavascriptExecutor) driver)
          .executeScript("return Math.min(document.documentElement.scrollHeight, 6000)");
      driver.manage().window().setSize(new Dimension(1280, (int) Math.max(1000, height)));
      Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
          StandardCopyOption.REPLACE_EXISTING);
      driver.manage().window().setSize(new Dimension(1280, 1000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    driver.quit();
    service.stop();
  }
}
