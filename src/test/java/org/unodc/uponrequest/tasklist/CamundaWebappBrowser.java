package org.unodc.uponrequest.tasklist;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
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
 * Headless Chromium driving Camunda's own webapps (login form, Tasklist, Camunda Forms rendered
 * by form-js) the way an officer does: by visible labels and buttons, with explicit waits only.
 * Screenshots go to {@code target/screenshots/} for people to review.
 */
final class CamundaWebappBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Dimension WINDOW = new Dimension(1400, 1000);

  /** Selenium warns on every start that it has no DevTools binding for this Chromium; nothing here uses DevTools. */
  private static final Logger CDP_VERSION_LOGGER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  private static final By LOGIN_FORM = By.cssSelector("form[name=signinForm]");
  private static final By BRAND_NAME = By.cssSelector("[cam-widget-header] .navbar-brand .brand-name");
  private static final By EOL_BANNER = By.cssSelector(".ce-eol-banner");
  private static final By FORM_JS = By.cssSelector(".fjs-form");
  private static final By MODAL = By.cssSelector(".modal-dialog");

  private final String baseUrl;
  private final Path profile;
  private final ChromeDriverService service;
  private final WebDriver driver;
  private final WebDriverWait wait;
  private String loggedInUser;

  CamundaWebappBrowser(String baseUrl) {
    CDP_VERSION_LOGGER.setLevel(Level.SEVERE);
    this.baseUrl = baseUrl;
    try {
      this.profile = Files.createTempDirectory("uponrequest-chromium-");
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight());
    this.service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(WINDOW);
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  WebDriver driver() {
    return driver;
  }

  WebDriverWait await() {
    return wait;
  }

  // --- login and branding ----------------------------------------------------------------

  /** Opens an app's login page in a fresh session (no cookies of an earlier user). */
  void openLoginPage(String app) {
    if (driver.getCurrentUrl().startsWith(baseUrl)) {
      driver.manage().deleteAllCookies();
    }
    loggedInUser = null;
    driver.get(baseUrl + "/camunda/app/" + app + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(LOGIN_FORM));
  }

  /** Logs in through Camunda's own login form and waits for the app's header to show the brand. */
  void logIn(String app, String user, String password) {
    openLoginPage(app);
    WebElement form = driver.findElement(LOGIN_FORM);
    form.findElement(By.cssSelector("input[ng-model=username]")).sendKeys(user);
    form.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(password);
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.withMessage(() -> "login of " + user + " to " + app + " did not complete; page says: " + notifications())
        .until(ExpectedConditions.visibilityOfElementLocated(BRAND_NAME));
    if ("tasklist".equals(app)) {
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".start-process-action")));
    }
    loggedInUser = user;
  }

  /** Logs in to Tasklist unless this user is already logged in. */
  void logInToTasklist(String user, String password) {
    if (!user.equals(loggedInUser)) {
      logIn("tasklist", user, password);
    }
  }

  /** Opens another app of the same session, e.g. "cockpit", "admin", "welcome". */
  void openApp(String app) {
    driver.get(baseUrl + "/camunda/app/" + app + "/default/");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(BRAND_NAME, "UponRequest"));
  }

  String brandName() {
    return driver.findElement(BRAND_NAME).getText().trim();
  }

  String loginAppName() {
    return driver.findElement(By.cssSelector(".login-header .app-name")).getText().trim();
  }

  /** Waits for the document title, which the header sets from the configured vendor and app name. */
  String titleContaining(String text) {
    wait.until(ExpectedConditions.titleContains(text));
    return driver.getTitle();
  }

  /** The Community Edition end-of-life banners on the page that a person can see. */
  List<WebElement> visibleEndOfLifeBanners() {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[cam-widget-header] .navbar-header")));
    return driver.findElements(EOL_BANNER).stream().filter(WebElement::isDisplayed).toList();
  }

  // --- Tasklist ----------------------------------------------------------------------------

  /** Header "Start process", then the process by its name; waits for its Camunda Form. */
  void startProcessDialog() {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-dialog .processes")));
    // Bootstrap slides the dialog in (translate -25% to 0 in 0.3 s); wait for it to stand still
    wait.until(d -> List.of("none", "matrix(1, 0, 0, 1, 0, 0)").contains(((JavascriptExecutor) d).executeScript(
        "return getComputedStyle(document.querySelector('.modal-dialog')).transform;")));
  }

  void chooseProcessToStart(String processName) {
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'modal-dialog')]//ul[contains(@class,'processes')]//a[normalize-space()="
            + xpathLiteral(processName) + "]"))).click();
    waitForForm();
  }

  /** Clicks the dialog's "Start" and waits until the dialog has closed. */
  void startFromDialog() {
    driver.findElement(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']")).click();
    wait.withMessage(() -> "the start dialog did not close; it says: " + notifications())
        .until(ExpectedConditions.invisibilityOfElementLocated(MODAL));
  }

  void openFilter(String name) {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[contains(normalize-space(.), "
            + xpathLiteral(name) + ")]"))).click();
  }

  /** Clicks the task of the given name whose list card shows the given variable value (e.g. the reference). */
  void openTaskInList(String taskName, String shownValue) {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
            + "[.//span[contains(@class,'variable-value')][normalize-space()=" + xpathLiteral(shownValue) + "]]"
            + "//h4[contains(@class,'task')]/a[normalize-space()=" + xpathLiteral(taskName) + "]"))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[cam-tasklist-task] h2.task"), taskName));
    waitForForm();
  }

  /** Opens a task's page directly (as a link from a notification e-mail would). */
  void openTask(String taskId) {
    driver.get(baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId);
    waitForForm();
  }

  void claim() {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[cam-tasklist-task] button.claim"))).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[cam-tasklist-task] button.claim")));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-tasklist-task] .assignee")));
    waitForForm();
  }

  /** Clicks "Complete" once form-js accepts the input, and waits for the task to leave the page. */
  void complete() {
    By button = By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Complete']");
    WebElement complete = wait.withMessage(() -> "Complete stays disabled; form errors: " + formErrors())
        .until(ExpectedConditions.elementToBeClickable(button));
    clickInView(complete);
    wait.withMessage(() -> "the task was not completed; page says: " + notifications())
        .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[cam-tasklist-task] .fjs-form")));
  }

  /**
   * Scrolls an element to the middle of its scrolling pane first: Tasklist's fixed footer and
   * toasts cover the bottom of the task pane, where the form's buttons are.
   */
  void clickInView(WebElement element) {
    scrollIntoView(element);
    element.click();
  }

  private void scrollIntoView(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
  }

  // --- Camunda Forms (form-js) -----------------------------------------------------------------

  /** Waits for form-js to render a form; fails fast with Tasklist's message if the form cannot load. */
  void waitForForm() {
    wait.withMessage(() -> "no Camunda Form rendered; page says: " + notifications())
        .until(d -> !d.findElements(FORM_JS).isEmpty() && d.findElement(FORM_JS).isDisplayed()
            || !visibleFormFailures().isEmpty());
    if (!visibleFormFailures().isEmpty()) {
      throw new AssertionError("Tasklist could not render the form: " + visibleFormFailures());
    }
  }

  private List<String> visibleFormFailures() {
    return driver.findElements(By.cssSelector(".alert-danger")).stream()
        .filter(WebElement::isDisplayed).map(WebElement::getText).filter(t -> !t.isBlank()).toList();
  }

  /** The label of a form field, by its visible text (without the required asterisk). */
  WebElement label(String text) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//form[contains(@class,'fjs-form')]//label[contains(@class,'fjs-form-field-label')][@for]"
            + "[normalize-space(text()[1])=" + xpathLiteral(text) + "]")));
  }

  /** The input, textarea or select input a label belongs to. */
  WebElement field(String labelText) {
    return driver.findElement(By.id(label(labelText).getAttribute("for")));
  }

  void type(String labelText, String value) {
    WebElement field = field(labelText);
    scrollIntoView(field);
    field.clear();
    field.sendKeys(value);
  }

  /** A searchable select: types part of the option, then picks the option from form-js's drop-down. */
  void search(String labelText, String typed, String option) {
    WebElement input = field(labelText);
    clickInView(input);
    input.sendKeys(typed);
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'fjs-dropdownlist')]/div[contains(@class,'fjs-dropdownlist-item')][normalize-space()="
            + xpathLiteral(option) + "]"))).click();
    wait.until(ExpectedConditions.attributeToBe(input, "value", option));
  }

  /** Ticks a checklist option or chooses a radio option by the start of its visible label. */
  void pick(String optionLabelStart) {
    WebElement label = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//form[contains(@class,'fjs-form')]//div[contains(@class,'fjs-form-field-checklist') or contains(@class,'fjs-form-field-radio')]"
            + "//label[starts-with(normalize-space(), " + xpathLiteral(optionLabelStart) + ")]")));
    WebElement input = driver.findElement(By.id(label.getAttribute("for")));
    if (!input.isSelected()) {
      clickInView(label);
    }
    wait.until(ExpectedConditions.elementToBeSelected(input));
  }

  /** The rendered text blocks of the form (form-js "text" components, Markdown and templating applied). */
  List<String> formTexts() {
    return driver.findElements(By.cssSelector(".fjs-form .fjs-form-field-text")).stream()
        .map(WebElement::getText).toList();
  }

  private String formErrors() {
    return driver.findElements(By.cssSelector(".fjs-form-field-error")).stream()
        .filter(WebElement::isDisplayed).map(WebElement::getText).toList().toString();
  }

  private String notifications() {
    return driver.findElements(By.cssSelector(".notifications .alert, .page-notifications .alert, .alert-danger")).stream()
        .filter(WebElement::isDisplayed).map(e -> e.getText().replace('\n', ' ')).toList().toString();
  }

  // --- screenshots -------------------------------------------------------------------------------

  /** The browser window as a person sees it. */
  Path screenshot(String name) {
    Path target = SCREENSHOTS.resolve(name + ".png");
    try {
      Files.createDirectories(target.getParent());
      File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /**
   * The whole rendered form in one picture: the window is made tall enough for the scrolling
   * pane (Tasklist's task pane or the start dialog) to show the form to its end, then restored.
   */
  Path screenshotOfWholeForm(String name) {
    WebElement form = driver.findElement(FORM_JS);
    long hidden = (Long) ((JavascriptExecutor) driver).executeScript(
        "var hidden = document.documentElement.scrollHeight - window.innerHeight;"
            + "for (var e = arguments[0]; e && e !== document.documentElement; e = e.parentElement) {"
            + "  var overflow = getComputedStyle(e).overflowY;"
            + "  if ((overflow === 'auto' || overflow === 'scroll') && e.scrollHeight > e.clientHeight) {"
            + "    hidden = Math.max(hidden, e.scrollHeight - e.clientHeight);"
            + "  }"
            + "}"
            + "return Math.max(0, Math.ceil(hidden));",
        form);
    if (hidden == 0) {
      return screenshot(name);
    }
    int height = (int) Math.min(WINDOW.getHeight() + hidden + 40, 12_000);
    driver.manage().window().setSize(new Dimension(WINDOW.getWidth(), height));
    try {
      wait.until(d -> ((Long) ((JavascriptExecutor) d).executeScript("return window.outerHeight;")) >= height - 5);
      return screenshot(name);
    } finally {
      driver.manage().window().setSize(WINDOW);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary browser profile; the OS cleans /tmp
    }
  }

  /** An XPath string literal for any text, apostrophes included ("My groups' tasks"). */
  static String xpathLiteral(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    if (!text.contains("\"")) {
      return "\"" + text + "\"";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }
}
