package org.unodc.uponrequest.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A focal point of Kenya in real headless Chromium: signs in, files a request through the
 * rendered form (a mistake first), finds it in the list, opens its page with the diagram,
 * answers a question from intake, withdraws a second request, and reads the portal in French
 * and in Arabic (right to left). Every page passes axe-core's WCAG 2.1 AA rules without a
 * serious or critical finding; screenshots are in target/screenshots/portal/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserTest {

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;

  private PortalBrowser browser;
  /** Accessibility findings of every page looked at, by page: asserted empty at the end of each test. */
  private final List<String> findings = new ArrayList<>();

  @BeforeAll
  void startBrowser() {
    identityService.deleteUserInfo("ken.focal", "locale");
    browser = new PortalBrowser("http://localhost:" + port);
    browser.signIn("ken.focal", "demo");
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
    identityService.deleteUserInfo("ken.focal", "locale");
  }

  @Test
  void aFocalPointFilesFindsFollowsAnswersAndWithdrawsInItsLanguage() {
    browser.open("/portal/requests?lang=en");
    look("01-my-requests-empty");

    String first = file("Forensic accounting for asset recovery", conceptNote());
    assertThat(browser.text()).contains("Your request was received", first, "concept-note.pdf");
    look("03-request-page");
    assertThat(browser.driver().findElements(By.cssSelector(".diagram svg[role=img]"))).hasSize(1);

    browser.follow("My requests");
    assertThat(browser.text()).contains(first, "Forensic accounting for asset recovery");
    look("04-my-requests");

    // HQ intake asks a question (in Tasklist; here through the engine), and the state answers it in the portal
    String screening = taskService.createTaskQuery().processInstanceBusinessKey(first)
        .taskDefinitionKey("Activity_ScreenRequest").singleResult().getId();
    taskService.complete(screening, Map.of("screeningOutcome", "CLARIFY",
        "clarificationQuestion", "Which institutions would send officers to the training?"));
    browser.open("/portal/requests/" + first);
    browser.follow("Answer UNODC's question about the request");
    assertThat(browser.text()).contains("Which institutions would send officers to the training?");
    look("05-answer-question");
    browser.type("Your answer", "The Asset Recovery Agency and the Office of the Director of Public Prosecutions.");
    browser.press("Send");
    assertThat(browser.text()).contains("Your answer was sent to UNODC.", "Your State answered UNODC's question");

    String second = file("Prison management reform", null);
    browser.follow("Withdraw this request");
    look("06-withdrawal");
    browser.type("Why does your State withdraw the request?", "Covered by a bilateral programme.");
    browser.choose("I confirm that my State withdraws this request");
    browser.press("Withdraw the request");
    assertThat(browser.text()).contains("The request was withdrawn.", "Withdrawn", "Covered by a bilateral programme.");

    switchTo("Français", "fr");
    assertThat(browser.html("lang")).isEqualTo("fr");
    assertThat(browser.html("dir")).isEqualTo("ltr");
    look("07-request-page-fr");
    browser.open("/portal/requests");
    look("08-my-requests-fr");

    switchTo("العربية", "ar");
    assertThat(browser.html("lang")).isEqualTo("ar");
    assertThat(browser.html("dir")).isEqualTo("rtl");
    look("09-my-requests-ar");
    browser.open("/portal/requests/" + second);
    look("10-request-page-ar");
    browser.open("/portal/requests/new");
    look("11-new-request-ar");
    switchTo("English", "en");

    assertThat(findings).as("serious or critical accessibility findings (axe-core, WCAG 2.1 AA)").isEmpty();
  }

  /** A PDF on disk, to attach as a browser does. */
  private static java.nio.file.Path conceptNote() {
    try {
      java.nio.file.Path note = java.nio.file.Files.createTempDirectory("portal-upload").resolve("concept-note.pdf");
      java.nio.file.Files.write(note, org.unodc.uponrequest.documents.SampleFiles.pdf());
      return note;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Files a request through the portal's form, once with a mistake, and returns its reference. */
  private String file(String title, java.nio.file.Path document) {
    browser.follow("New request");
    look("02-new-request");
    browser.type("Title of the request", title);
    browser.press("Submit the request");
    assertThat(browser.driver().getTitle()).startsWith("Error:");
    assertThat(browser.text()).contains("Description of the assistance needed");
    look("02b-new-request-with-errors");
    browser.type("Description of the assistance needed",
        "Training of financial investigators in tracing and recovering the proceeds of corruption.");
    browser.choose("Corruption");
    browser.choose("Capacity building and training");
    browser.choose("Normal: needed within the usual planning cycle");
    browser.type("Estimated budget (US$)", "180000");
    browser.type("Name and title", "Wanjiru Kamau, Director of Legal Affairs");
    browser.type("Official e-mail address", "wanjiru.kamau@example.org");
    if (document != null) {
      browser.field("A document to go with it (optional)").sendKeys(document.toAbsolutePath().toString());
    }
    browser.press("Submit the request");
    String url = browser.driver().getCurrentUrl();
    assertThat(url).as(browser.text()).matches(".*/portal/requests/TA-\\d{4}-\\d{5}");
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private void switchTo(String language, String code) {
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("language"))).selectByVisibleText(language);
    browser.driver().findElement(By.cssSelector("form.language-switch button")).click();
    // the page reloads in the new language: an element read while it does is stale, read it again
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(driver -> code.equals(browser.html("lang")));
  }

  private void look(String name) {
    browser.screenshot(name);
    browser.accessibilityFindings().forEach(finding -> findings.add(name + ": " + finding));
  }
}
