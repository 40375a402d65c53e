package org.unodc.uponrequest.tasklist;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
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
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** How often a wait looks again; Selenium's 500 ms added a quarter second on average to every wait. */
  static final Duration POLL = Duration.ofMillis(100);

  /**
   * form-js hands typed text to the form 300 ms after the last key. A change to another field within
   * that time re-renders the form from the state that does not have the text yet, and the text is
   * gone (seen with a number field followed at once by a textarea). People are slower than that;
   * the browser here waits this long after typing before it touches the form again.
   */
  private static final long TYPING_SETTLES_MILLIS = 400;

  /** Selenium warns on every start that it has no DevTools binding for this Chromium; nothing here uses DevTools. */
  private static final Logger CDP_VERSION_LOGGER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  private static final By LOGIN_FORM = By.id("sign-in"); // the product's sign-in page (single sign-on)
  private static final By BRAND_NAME = By.cssSelector("[cam-widget-header] .navbar-brand .brand-name");
  private static final By EOL_BANNER = By.cssSelector(".ce-eol-banner");
  private static final By FORM_JS = By.cssSelector(".fjs-form");
  private static final By MODAL = By.cssSelector(".modal-dialog");
  private static final By COMPLETE = By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Complete']");

  private final String baseUrl;
  private final Path profile;
  private final ChromeDriverService service;
  private final WebDriver driver;
  private final WebDriverWait wait;
  private String loggedInUser;
  private long lastKeystroke;

  /**
   * Starts headless Chromium.
   *
   * @throws IllegalStateException when Chromium or ChromeDriver is not installed: the browser
   *     tests fail then, they never skip, so a CI machine without a browser cannot pass
   */
  CamundaWebappBrowser(String baseUrl) {
    requireInstalled(CHROMIUM, CHROMEDRIVER);
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
    this.wait = new WebDriverWait(driver, TIMEOUT, POLL);
  }

  /** Fails with what to install when one of the programs (Chromium, ChromeDriver) is missing. */
  static void requireInstalled(Path... programs) {
    List<String> missing = Stream.of(programs)
        .filter(program -> !Files.isExecutable(program))
        .map(Path::toString)
        .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("The browser tests need Chromium and ChromeDriver, but " + String.join(" and ", missing)
          + (missing.size() == 1 ? " is" : " are") + " missing or not executable. Install the Debian packages chromium and "
          + "chromium-driver (bash .ci/run does) and run the tests again.");
    }
  }

  WebDriver driver() {
    return driver;
  }

  WebDriverWait await() {
    return wait;
  }

  /**
   * A wait that explains its timeout with this message. A new one each time: withMessage changes
   * the wait it is called on, and the shared one would go on blaming later timeouts on it.
   */
  private FluentWait<WebDriver> waitSaying(Supplier<String> message) {
    return new WebDriverWait(driver, TIMEOUT, POLL).withMessage(message);
  }

  // --- login and branding ----------------------------------------------------------------

  /**
   * Opens an app in a fresh session (no cookies of an earlier user): the product's sign-in page
   * appears in its place.
   */
  void openLoginPage(String app) {
    if (driver.getCurrentUrl().startsWith(baseUrl)) {
      driver.manage().deleteAllCookies();
    }
    loggedInUser = null;
    driver.get(baseUrl + "/camunda/app/" + app + "/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(LOGIN_FORM));
  }

  /**
   * Signs in on the product's page and waits for the app's header: the app opens without a
   * second login (single sign-on).
   */
  void logIn(String app, String user, String password) {
    openLoginPage(app);
    submitSignIn(user, password);
    waitSaying(() -> "login of " + user + " to " + app + " did not complete; page says: " + notifications())
        .until(ExpectedConditions.visibilityOfElementLocated(BRAND_NAME));
    if ("tasklist".equals(app)) {
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".start-process-action")));
    }
    loggedInUser = user;
  }

  /** Signs out with the webapp's own "Log out" (user menu in the header) and returns where the browser lands. */
  String signOutInApp() {
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//span[contains(@class,'glyphicon-user')]/ancestor::a[1]"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)='Log out']"))).click();
    wait.until(driver -> driver.getCurrentUrl().contains("/login"));
    loggedInUser = null;
    return driver.getCurrentUrl();
  }

  /** Opens an address of the application and returns where the browser ends up. */
  String open(String path) {
    driver.get(baseUrl + path);
    return driver.getCurrentUrl();
  }

  private void submitSignIn(String user, String password) {
    WebElement form = driver.findElement(LOGIN_FORM);
    form.findElement(By.id("username")).sendKeys(user);
    form.findElement(By.id("password")).sendKeys(password);
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /**
   * Opens a task as this user the way the link in a notification mail does: when someone else (or
   * nobody) is signed in, the link leads through the product's sign-in page straight to the task,
   * without Tasklist's start page in between.
   */
  void openTaskAs(String user, String password, String taskId) {
    if (user.equals(loggedInUser)) {
      openTask(taskId);
      return;
    }
    if (driver.getCurrentUrl().startsWith(baseUrl)) {
      driver.manage().deleteAllCookies();
    }
    loggedInUser = null;
    driver.get("about:blank"); // else a link differing only after '#' would not load the page again
    driver.get(taskAddress(taskId));
    wait.until(ExpectedConditions.visibilityOfElementLocated(LOGIN_FORM));
    submitSignIn(user, password);
    waitSaying(() -> "sign-in of " + user + " did not lead to the task " + taskId + "; the browser is at "
        + driver.getCurrentUrl() + "; page says: " + notifications())
        .until(ExpectedConditions.urlContains("#/?task=" + taskId));
    waitForForm();
    loggedInUser = user;
  }

  /** The address of a task in Tasklist, as notification mails link to it. */
  String taskAddress(String taskId) {
    return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
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

  /** The brand line of the product's sign-in page. */
  String loginAppName() {
    return driver.findElement(By.cssSelector(".login-card .brand")).getText().trim();
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
    waitSaying(() -> "the start dialog did not close; it says: " + notifications())
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

  /**
   * Opens a task's page by its address (as a link from a notification e-mail would). When Tasklist
   * is already loaded only the part after '#' changes, so Tasklist stays and shows the task without
   * loading again (about 3 s each on two cores); the form of a task shown before must then go
   * first, or the wait would find the old one.
   */
  void openTask(String taskId) {
    String route = "/?task=" + taskId;
    String current = driver.getCurrentUrl();
    if (current.endsWith("#" + route) || current.contains("#" + route + "&")) { // Tasklist adds its list's state
      driver.navigate().refresh();
    } else if (current.startsWith(baseUrl + "/camunda/app/tasklist/default/")) {
      List<WebElement> shownBefore = driver.findElements(FORM_JS);
      // after sign-in the address carries "?continue" before '#'; only the part after '#' may change
      ((JavascriptExecutor) driver).executeScript("window.location.hash = arguments[0];", route);
      if (!shownBefore.isEmpty()) {
        waitSaying(() -> "the form of the task shown before stays on the page")
            .until(ExpectedConditions.stalenessOf(shownBefore.get(0)));
      }
    } else {
      driver.get(taskAddress(taskId));
    }
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
    letTypingSettle();
    WebElement complete = waitSaying(() -> "Complete stays disabled; form errors: " + formErrors())
        .until(ExpectedConditions.elementToBeClickable(COMPLETE));
    clickInView(complete);
    waitSaying(() -> "the task was not completed; page says: " + notifications())
        .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[cam-tasklist-task] .fjs-form")));
  }

  /**
   * Scrolls an element to the middle of its scrolling pane first: Tasklist's fixed footer and
   * toasts cover the bottom of the task pane, where the form's buttons are.
   */
  void clickInView(WebElement element) {
    // a toast or a pane still settling after a resize can lie over the element for a moment
    waitSaying(() -> "something stays over " + element + "; page says: " + notifications())
        .ignoring(ElementClickInterceptedException.class)
        .until(d -> {
          scrollIntoView(element);
          element.click();
          return true;
        });
  }

  private void scrollIntoView(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
  }

  // --- Camunda Forms (form-js) -----------------------------------------------------------------

  /** Waits for form-js to render a form; fails fast with Tasklist's message if the form cannot load. */
  void waitForForm() {
    waitSaying(() -> "no Camunda Form rendered; page says: " + notifications())
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
    return label(text, 1);
  }

  /**
   * The n-th (from 1) label of a form field with this text: a dynamic list repeats the labels of
   * its fields in every item, so n is the item.
   */
  WebElement label(String text, int n) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("(" + fieldLabels(text) + "[@for])[" + n + "]")));
  }

  /** Labels of fields and of groups (a radio group's label points to no input). */
  private static String fieldLabels(String text) {
    return "//form[contains(@class,'fjs-form')]//label[contains(@class,'fjs-form-field-label')]"
        + "[normalize-space(text()[1])=" + xpathLiteral(text) + "]";
  }

  /** Whether a field with this label is shown (form-js leaves fields hidden by a condition out of the page). */
  boolean isShown(String labelText) {
    return driver.findElements(By.xpath(fieldLabels(labelText))).stream().anyMatch(WebElement::isDisplayed);
  }

  /**
   * Of these labels, those that no field (or radio group, checklist or dynamic list) of the form
   * shows within the time given; empty when all are shown.
   */
  List<String> labelsNotShown(List<String> labels, Duration within) {
    try {
      new WebDriverWait(driver, within, POLL)
          .ignoring(StaleElementReferenceException.class) // form-js re-rendered between finding and asking
          .until(d -> labelsNotShown(labels).isEmpty());
      return List.of();
    } catch (TimeoutException e) {
      return labelsNotShown(labels);
    }
  }

  private List<String> labelsNotShown(List<String> labels) {
    return labels.stream()
        .filter(text -> driver.findElements(By.xpath("//form[contains(@class,'fjs-form')]//label[normalize-space(text()[1])="
            + xpathLiteral(text) + "]")).stream().noneMatch(WebElement::isDisplayed))
        .toList();
  }

  /** The input, textarea or select input a label belongs to. */
  WebElement field(String labelText) {
    return field(labelText, 1);
  }

  WebElement field(String labelText, int n) {
    return driver.findElement(By.id(label(labelText, n).getAttribute("for")));
  }

  void type(String labelText, String value) {
    type(labelText, 1, value);
  }

  /**
   * Types over whatever the field holds, as a person does (select all, type). Not clear(): that
   * fires a change to an empty value even on an empty field, which form-js reports as "Field is
   * required".
   */
  void type(String labelText, int n, String value) {
    WebElement field = field(labelText, n);
    scrollIntoView(field);
    letTypingSettle();
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
    lastKeystroke = System.currentTimeMillis();
  }

  /** Waits until form-js has taken the text typed last (see {@link #TYPING_SETTLES_MILLIS}). */
  private void letTypingSettle() {
    long wait = lastKeystroke + TYPING_SETTLES_MILLIS - System.currentTimeMillis();
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Ticks a single checkbox field by its label. */
  void tick(String labelText) {
    letTypingSettle();
    WebElement box = field(labelText);
    if (!box.isSelected()) {
      clickInView(box);
    }
    wait.until(ExpectedConditions.elementToBeSelected(box));
  }

  /** A plain (not searchable) select: opens form-js's drop-down and picks the option by its label. */
  void select(String labelText, String option) {
    select(labelText, 1, option);
  }

  void select(String labelText, int n, String option) {
    letTypingSettle();
    // form-js shows the choice in a div next to a hidden input, which is what the label points to
    WebElement input = field(labelText, n);
    WebElement display = driver.findElement(By.id(input.getAttribute("id") + "-display"));
    if (input.equals(driver.switchTo().activeElement())) {
      // form-js 1.8.7 does not reopen a select that kept the focus after a choice: Tab away first, as a person must
      new Actions(driver).sendKeys(Keys.TAB).perform();
    }
    clickInView(display);
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'fjs-select-anchor')]//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()="
            + xpathLiteral(option) + "]"))).click();
    wait.until(ExpectedConditions.textToBePresentInElement(display, option));
  }

  /**
   * Types a date into a form-js date picker the way a person does, in the format the field shows
   * as its placeholder (the browser's locale, e.g. mm/dd/yyyy), and confirms it with Enter, on
   * which the picker parses it and closes.
   */
  void typeDate(String labelText, int n, LocalDate date) {
    letTypingSettle();
    WebElement input = field(labelText, n);
    String format = input.getAttribute("placeholder");
    if (format == null || !format.contains("yyyy") || !format.contains("mm") || !format.contains("dd")) {
      throw new AssertionError("no date format in the placeholder of " + labelText + ": " + format);
    }
    String typed = format.replace("yyyy", String.format("%04d", date.getYear()))
        .replace("mm", String.format("%02d", date.getMonthValue()))
        .replace("dd", String.format("%02d", date.getDayOfMonth()));
    clickInView(input);
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), typed, Keys.ENTER);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fjs-form .flatpickr-calendar.open")));
  }

  /** Adds an item to a dynamic list ("Add new" under the list with this label). */
  void addListItem(String listLabel) {
    letTypingSettle();
    By items = By.xpath(dynamicList(listLabel) + "//div[contains(@class,'fjs-repeat-row-container')]");
    int before = driver.findElements(items).size();
    clickInView(driver.findElement(By.xpath(dynamicList(listLabel)
        + "//button[contains(@class,'fjs-repeat-render-add')][normalize-space()='Add new']")));
    wait.until(ExpectedConditions.numberOfElementsToBe(items, before + 1));
  }

  private static String dynamicList(String listLabel) {
    return "//form[contains(@class,'fjs-form')]//div[contains(@class,'fjs-form-field-dynamiclist')]"
        + "[label[normalize-space()=" + xpathLiteral(listLabel) + "]]";
  }

  /** A searchable select: types part of the option, then picks the option from form-js's drop-down. */
  void search(String labelText, String typed, String option) {
    letTypingSettle();
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
    letTypingSettle();
    WebElement label = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//form[contains(@class,'fjs-form')]//div[contains(@class,'fjs-form-field-checklist') or contains(@class,'fjs-form-field-radio')]"
            + "//label[starts-with(normalize-space(), " + xpathLiteral(optionLabelStart) + ")]")));
    WebElement input = driver.findElement(By.id(label.getAttribute("for")));
    if (!input.isSelected()) {
      clickInView(label);
    }
    wait.until(ExpectedConditions.elementToBeSelected(input));
  }

  /** Waits until the n-th field with this label shows exactly these validation messages (none: no error). */
  void awaitFieldErrors(String labelText, int n, String... messages) {
    List<String> expected = List.of(messages);
    waitSaying(() -> labelText + " " + n + " should show the errors " + expected + " but shows " + fieldErrors(labelText, n))
        .until(d -> fieldErrors(labelText, n).equals(expected));
  }

  private List<String> fieldErrors(String labelText, int n) {
    return label(labelText, n)
        .findElements(By.xpath("ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' fjs-form-field ')][1]"
            + "//div[contains(@class,'fjs-form-field-error')]//li"))
        .stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
  }

  /**
   * Whether Tasklist enables "Complete" within the time given. It disables the button while form-js
   * reports errors and updates it after every change, so a false answer takes the whole timeout.
   */
  boolean completeEnabledWithin(Duration timeout) {
    return completeStateWithin(true, timeout);
  }

  /** Whether Tasklist disables "Complete" within the time given, as it does while form-js reports errors. */
  boolean completeDisabledWithin(Duration timeout) {
    return completeStateWithin(false, timeout);
  }

  private boolean completeStateWithin(boolean enabled, Duration timeout) {
    try {
      new WebDriverWait(driver, timeout, POLL).until(d -> d.findElement(COMPLETE).isEnabled() == enabled);
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }

  /** Clicks the form's "Save", which keeps the input in the browser and has form-js check the whole form. */
  void save() {
    letTypingSettle();
    clickInView(wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Save']"))));
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
