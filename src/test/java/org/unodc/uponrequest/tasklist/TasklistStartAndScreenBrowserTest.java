package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.process.VariableValues;

/**
 * The real Camunda Tasklist in headless Chromium against the running application: HQ intake
 * files a request on a state's behalf through the start form (member states use the portal),
 * claims and accepts the screening task, and the engine is checked through its Java API after each step. Also checks the
 * UponRequest branding of all four webapps, and that every other staff task form renders with
 * its fields (photographed for review).
 * Screenshots: {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class TasklistStartAndScreenBrowserTest {

  private static final Logger LOG = LoggerFactory.getLogger(TasklistStartAndScreenBrowserTest.class);
  private static final String DEMO_PASSWORD = "demo";
  private static final String PROCESS_NAME = "Technical assistance upon request";
  private static final String REFERENCE_FORMAT = "TA-\\d{4}-\\d{5}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Value("${camunda.bpm.admin-user.id}")
  String adminUser;

  @Value("${camunda.bpm.admin-user.password}")
  String adminPassword;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  @Autowired
  FormService formService;

  @Autowired
  RepositoryService repositoryService;

  @Autowired
  ManagementService managementService;

  @Autowired
  SharedFilterPagesPlugin sharedFilterPages;

  private CamundaWebappBrowser browser;

  /** A picture of the page at the moment a test fails, before the browser closes. */
  @RegisterExtension
  final AfterTestExecutionCallback screenshotOnFailure = context -> {
    if (context.getExecutionException().isPresent() && browser != null) {
      browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
    }
  };

  @BeforeEach
  void openBrowser() {
    // fails, never skips, when Chromium or ChromeDriver is missing
    browser = new CamundaWebappBrowser("http://localhost:" + port);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void intakeFilesARequestOnAStatesBehalfThroughTheStartFormAndAcceptsItInTasklist() {
    String title = "Mutual legal assistance in terrorism cases " + UUID.randomUUID().toString().substring(0, 8);

    // HQ intake files on Kenya's behalf (member states file in the portal); it signs in once, on the product's page
    browser.openLoginPage("tasklist");
    browser.screenshot("01-tasklist-login");
    browser.logIn("tasklist", "intake", DEMO_PASSWORD);
    assertThat(browser.brandName()).isEqualTo("UNODC UponRequest Tasklist");
    assertThat(browser.visibleEndOfLifeBanners()).as("Camunda CE end-of-life banner").isEmpty();
    browser.screenshot("02-tasklist-intake");

    // Start process -> Technical assistance upon request: the Camunda Form renders
    browser.startProcessDialog();
    browser.screenshot("03-start-process-dialog");
    browser.chooseProcessToStart(PROCESS_NAME);
    assertThat(browser.label("Requesting Member State").isDisplayed()).isTrue();
    assertThat(browser.label("Title of the request").isDisplayed()).isTrue();
    assertThat(browser.label("Description of the assistance needed").isDisplayed()).isTrue();
    assertThat(browser.label("Name and title").isDisplayed()).isTrue();
    assertThat(browser.formTexts()).anySatisfy(text -> assertThat(text).contains("Request technical assistance from UNODC"));
    browser.screenshotOfWholeForm("04-start-form-empty");

    // every required field, as a ministry's letter gives them
    browser.search("Requesting Member State", "Keny", "Kenya");
    browser.type("Title of the request", title);
    browser.type("Description of the assistance needed",
        "Training for prosecutors and the central authority on drafting and executing mutual legal assistance "
            + "requests in terrorism cases, and a review of the draft extradition bill.");
    browser.pick("Terrorism prevention");
    browser.pick("Capacity building and training");
    browser.pick("High:");
    browser.type("Name and title", "Ms. Wanjiru Kamau, Head of International Cooperation, Office of the DPP");
    browser.type("Official e-mail address", "wanjiru.kamau@example.org");
    browser.screenshotOfWholeForm("05-start-form-filled");
    browser.startFromDialog();
    browser.screenshot("06-request-submitted");

    // the engine registered it: reference number as business key, waiting for screening
    ProcessInstance request = eventually(() -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).variableValueEquals(TITLE, title).singleResult());
    String reference = request.getBusinessKey();
    assertThat(reference).matches(REFERENCE_FORMAT);
    Map<String, Object> variables = runtimeService.getVariables(request.getId());
    assertThat(variables)
        .containsEntry(MEMBER_STATE, "KEN")
        .containsEntry(REFERENCE_NUMBER, reference)
        .containsEntry(URGENCY, "HIGH")
        .containsEntry(SUBMITTED_BY, "intake");
    assertThat(VariableValues.strings(variables.get(THEMATIC_AREAS))).containsExactly("TERRORISM");
    assertThat(VariableValues.strings(variables.get(ASSISTANCE_TYPES))).containsExactly("CAPACITY_BUILDING");
    assertThat(runtimeService.getActiveActivityIds(request.getId())).containsExactly(SCREEN_REQUEST);

    // the intake officer finds it among the group's tasks, by its reference number
    long listedBefore = sharedFilterPages.pages().answeredHere();
    browser.logIn("tasklist", "intake", DEMO_PASSWORD);
    browser.openFilter("My groups' tasks");
    browser.openTaskInList("Screen the request", reference);
    assertThat(sharedFilterPages.pages().answeredHere()).as("Tasklist's lists found from the tasks' indexes (ADR 0011)")
        .isGreaterThan(listedBefore);
    browser.screenshot("07-screen-request-opened");
    assertThat(browser.formTexts()).first().asString().contains(reference).contains(title).contains("Kenya");

    browser.claim();
    browser.pick("Accept");
    browser.screenshotOfWholeForm("08-screen-request-accept");
    browser.complete();
    browser.screenshot("09-screen-request-completed");

    eventually(() -> runtimeService.getActiveActivityIds(request.getId()).contains(REVIEW_PRIORITY) ? true : null);
    assertThat(runtimeService.getActiveActivityIds(request.getId())).containsExactly(REVIEW_PRIORITY);
    assertThat(runtimeService.getVariable(request.getId(), SCREENING_OUTCOME)).isEqualTo("ACCEPT");
  }

  @Test
  void aTaskLinkFromANotificationMailLeadsThroughSignInStraightToThatTask() {
    ProcessInstance pi = submit("Mutual legal assistance for asset recovery", "CORRUPTION");
    Task screening = task(pi, SCREEN_REQUEST);

    // signed out, the link shows the product's sign-in page first; Tasklist then opens on the task, not on its start
    browser.openTaskAs("intake", DEMO_PASSWORD, screening.getId());

    assertThat(browser.driver().getCurrentUrl()).contains("#/?task=" + screening.getId());
    assertThat(browser.formTexts()).first().asString().contains(pi.getBusinessKey());
  }

  @Test
  void logOutInTasklistEndsTheSessionEverywhereAndShowsTheProductSignInPage() {
    browser.logIn("tasklist", "intake", DEMO_PASSWORD);

    assertThat(browser.signOutInApp()).endsWith("/login");
    assertThat(browser.open("/camunda/app/cockpit/default/")).as("no webapp still open").endsWith("/login");
    assertThat(browser.open("/camunda/app/tasklist/default/")).endsWith("/login");
  }

  @Test
  void oneSignInOpensEveryWebappWithTheUponRequestBrandAndNoEndOfLifeBanner() {
    browser.openLoginPage("tasklist");
    assertThat(browser.loginAppName()).isEqualTo("UNODC UponRequest");
    browser.screenshot("branding-sign-in");

    browser.logIn("tasklist", adminUser, adminPassword);
    assertThat(browser.titleContaining("UponRequest")).isEqualTo("UNODC UponRequest Tasklist");
    assertThat(browser.visibleEndOfLifeBanners()).as("banner in Tasklist").isEmpty();
    browser.screenshot("branding-tasklist");

    for (var app : List.of(
        List.of("cockpit", "UNODC UponRequest Cockpit"),
        List.of("admin", "UNODC UponRequest Admin"),
        List.of("welcome", "UNODC UponRequest"))) {
      browser.openApp(app.get(0));
      assertThat(browser.brandName()).as(app.get(0) + " header").isEqualTo(app.get(1));
      // Cockpit adds the page, e.g. "UNODC UponRequest Cockpit | Dashboard"
      assertThat(browser.titleContaining("UponRequest")).as(app.get(0) + " title").startsWith(app.get(1));
      assertThat(browser.visibleEndOfLifeBanners()).as("banner in " + app.get(0)).isEmpty();
      browser.screenshot("branding-" + app.get(0));
    }
  }

  /**
   * Walks two requests through every other user task via the Java API and opens each task form in
   * Tasklist as its officer sees it once claimed: each must render, showing every field that no
   * condition hides (labels read from its forms/*.form). All forms are tried before the test fails,
   * naming each form that did not render and the fields it did not show. The pictures
   * (target/screenshots/forms/) are for people to review.
   */
  @Test
  void everyOtherTaskFormRendersWithItsFieldsInTasklist() {
    List<String> problems = new ArrayList<>();
    List<String> photographed = new ArrayList<>();

    // a request touching every specialist section; Kenya + piracy goes to the Counter Piracy Programme
    ProcessInstance pi = submit("Capacity of the coast guard and prosecutors against piracy and trafficking",
        "TERRORISM", "MONEY_LAUNDERING", "PIRACY", "TRAFFICKING_IN_PERSONS", "FIREARMS");
    complete(pi, SCREEN_REQUEST, Map.of(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY, "NORMAL"));

    photograph(pi, REVIEW_PRIORITY, "planner", "review-priority", problems, photographed);
    complete(pi, REVIEW_PRIORITY, Map.of(OVERRIDE_PRIORITY, false));

    photograph(pi, CONSULT_TERRORISM_PREVENTION, "specialist.terrorism", "consult-terrorism-prevention", problems, photographed);
    photograph(pi, CONSULT_MONEY_LAUNDERING, "specialist.aml", "consult-money-laundering", problems, photographed);
    photograph(pi, CONSULT_COUNTER_PIRACY, "specialist.piracy", "consult-counter-piracy", problems, photographed);
    photograph(pi, CONSULT_TRAFFICKING_SMUGGLING, "specialist.trafficking", "consult-trafficking-smuggling", problems, photographed);
    photograph(pi, CONSULT_FIREARMS, "specialist.firearms", "consult-firearms", problems, photographed);
    complete(pi, CONSULT_TERRORISM_PREVENTION, Map.of(TERRORISM_CONSULTATION, "SUPPORT",
        TERRORISM_CONSULTATION_NOTES, "In line with CTED's assessment.", CTED_CONSULTED, true));
    complete(pi, CONSULT_MONEY_LAUNDERING, Map.of(MONEY_LAUNDERING_CONSULTATION, "SUPPORT",
        MONEY_LAUNDERING_CONSULTATION_NOTES, "Fits the regional AML mentor programme."));
    complete(pi, CONSULT_COUNTER_PIRACY, Map.of(PIRACY_CONSULTATION, "SUPPORT",
        PIRACY_CONSULTATION_NOTES, "Builds on the Mombasa prosecution support."));
    complete(pi, CONSULT_TRAFFICKING_SMUGGLING, Map.of(TRAFFICKING_CONSULTATION, "SUPPORT_WITH_CONDITIONS",
        TRAFFICKING_CONSULTATION_NOTES, "Include victim identification at sea."));
    complete(pi, CONSULT_FIREARMS, Map.of(FIREARMS_CONSULTATION, "SUPPORT",
        FIREARMS_CONSULTATION_NOTES, "Add marking and record-keeping."));

    photograph(pi, CONFIRM_FUNDING, "planner", "confirm-funding", problems, photographed);
    complete(pi, CONFIRM_FUNDING, Map.of(FUNDING_DECISION, "FUNDED", FUNDING_SOURCE, "REGULAR_BUDGET",
        FUNDED_AMOUNT_USD, 180000));

    photograph(pi, DECIDE_ON_ASSIGNMENT, "office.nairobi", "decide-on-assignment", problems, photographed);
    complete(pi, DECIDE_ON_ASSIGNMENT, Map.of(OFFICE_DECISION, "ACCEPT"));

    photograph(pi, PLAN_DELIVERY, "office.nairobi", "plan-delivery", problems, photographed);
    complete(pi, PLAN_DELIVERY, Map.of(DELIVERY_ACTIVITIES, VariableValues.json(List.of(Map.of(
        ACTIVITY_TYPE, "CAPACITY_BUILDING", ACTIVITY_TITLE, "Joint training of coast guard officers and prosecutors",
        ACTIVITY_START_DATE, "2027-03-01", ACTIVITY_END_DATE, "2027-03-05", PLANNED_PARTICIPANTS, 30)))));

    photograph(pi, RECORD_ACTIVITY, "office.nairobi", "record-activity", problems, photographed);
    managementService.executeJob(managementService.createJobQuery()
        .processInstanceId(pi.getId()).activityId(PROGRESS_REPORT_DUE).singleResult().getId());
    photograph(pi, REPORT_PROGRESS, "office.nairobi", "report-progress", problems, photographed);
    complete(pi, REPORT_PROGRESS, Map.of(PROGRESS_SUMMARY, "Training prepared; venue booked.", PROGRESS_ISSUES, "None."));
    complete(pi, RECORD_ACTIVITY, Map.of(ACTUAL_PARTICIPANTS, 28, ACTIVITY_OUTCOME, "Training held as planned."));

    photograph(pi, WRITE_FINAL_REPORT, "office.nairobi", "write-final-report", problems, photographed);
    complete(pi, WRITE_FINAL_REPORT, Map.of(RESULTS_ACHIEVED, "28 officers and prosecutors trained.",
        OBSTACLES_ENCOUNTERED, "None of note.", LESSONS_LEARNED, "Joint sessions work."));

    complete(pi, GIVE_FEEDBACK, Map.of(SATISFACTION_RATING, 5, FEEDBACK_COMMENTS, "Timely and useful."));

    photograph(pi, CLOSE_REQUEST, "manager", "close-request", problems, photographed);

    // a second request: screening left past its due date, then a question to the member state
    ProcessInstance late = submit("Review of the national anti-corruption strategy", "CORRUPTION");
    managementService.executeJob(managementService.createJobQuery()
        .processInstanceId(late.getId()).activityId(SCREENING_OVERDUE).singleResult().getId());
    photograph(late, FOLLOW_UP_OVERDUE_SCREENING, "manager", "follow-up-overdue-screening", problems, photographed);
    complete(late, SCREEN_REQUEST, Map.of(SCREENING_OUTCOME, "CLARIFY",
        CLARIFICATION_QUESTION, "Which institutions would take part, and is the strategy already adopted?"));

    // a third request: the Terrorism Prevention Branch advises against, planning asks for a revision
    ProcessInstance advised = submit("Training on the new counter-terrorism law", "TERRORISM");
    complete(advised, SCREEN_REQUEST, Map.of(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY, "NORMAL"));
    complete(advised, REVIEW_PRIORITY, Map.of(OVERRIDE_PRIORITY, false));
    complete(advised, CONSULT_TERRORISM_PREVENTION, Map.of(TERRORISM_CONSULTATION, "NOT_SUPPORTED",
        TERRORISM_CONSULTATION_NOTES, "The law is being rewritten; training now would be premature.", CTED_CONSULTED, true));
    photograph(advised, DECIDE_ON_NEGATIVE_ADVICE, "planner", "decide-on-negative-advice", problems, photographed);
    complete(advised, DECIDE_ON_NEGATIVE_ADVICE, Map.of(ADVICE_DECISION, "REVISE",
        REVISION_REQUEST, "Limit the request to the central authority until the new law is adopted."));

    // a fourth: a regional request of Kenya and Uganda; Uganda's focal point confirms in its own participation
    ProcessInstance regional = formService.submitStartForm(
        repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).latestVersion().singleResult().getId(),
        KenyaRequests.startForm("Regional witness protection network", List.of("CAPACITY_BUILDING"), "CORRUPTION")
            .putValueTyped(CO_REQUESTING_STATES, VariableValues.json(List.of("UGA"))));
    complete(regional, SCREEN_REQUEST, Map.of(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY, "NORMAL"));
    ProcessInstance participation = runtimeService.createProcessInstanceQuery().superProcessInstanceId(regional.getId())
        .singleResult();
    assertThat(participation).as("Uganda's participation (confirmed in the portal, PortalBrowserTest)").isNotNull();

    LOG.info("Task forms photographed in {}", CamundaWebappBrowser.SCREENSHOTS.resolve("forms").toAbsolutePath());
    assertThat(problems).as("task forms that did not render in Tasklist with their fields (pictures in %s)",
        CamundaWebappBrowser.SCREENSHOTS.resolve("forms")).isEmpty();
    // member states fill in their forms in the portal (rendered there, PortalFormsTest and PortalBrowserTest);
    // the withdrawal's form belongs to a message
    assertThat(photographed).as("every staff task form but the two the test above fills in")
        .containsExactlyInAnyOrderElementsOf(taskFormsOtherThan("request-submission", "screen-request", "withdraw-request",
            "give-feedback", "provide-clarification", "revise-request", "confirm-participation",
            // the implementation report's forms: ReportTasklistBrowserTest works them in Tasklist
            "report-period", "review-report"));
  }

  // --- helpers ------------------------------------------------------------------------------------

  /**
   * Opens the task's form in Tasklist as the user it is claimed for and photographs it; a form that
   * does not render, or does not show one of its fields, is added to the problems.
   */
  private void photograph(ProcessInstance pi, String activityId, String user, String formId, List<String> problems,
      List<String> photographed) {
    Task task = task(pi, activityId);
    assertThat(formRef(task)).as("formRef of %s", activityId).isEqualTo(formId);
    taskService.claim(task.getId(), user); // the form as its officer fills it, not greyed out as before claiming
    photographed.add(formId);
    try {
      browser.openTaskAs(user, DEMO_PASSWORD, task.getId());
      List<String> missing = browser.labelsNotShown(alwaysShownLabels(formId), Duration.ofSeconds(5));
      browser.screenshotOfWholeForm("forms/" + formId);
      if (!missing.isEmpty()) {
        problems.add(formId + ": fields not shown: " + missing);
      }
    } catch (RuntimeException | AssertionError e) {
      // collected, not swallowed: the test asserts at the end that no form had a problem, naming them all
      LOG.warn("Task form {} did not render in Tasklist", formId, e);
      problems.add(formId + ": did not render: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      browser.screenshot("forms/" + formId + "-NOT-RENDERED");
    }
  }

  private String formRef(Task task) {
    Task withKeys = taskService.createTaskQuery().taskId(task.getId()).initializeFormKeys().singleResult();
    return withKeys.getCamundaFormRef() == null ? null : withKeys.getCamundaFormRef().getKey();
  }

  /**
   * The labels of the fields in forms/{formId}.form that every officer sees: all but those a
   * condition may hide (or that sit in a group a condition may hide); the fields of a dynamic list
   * only if the list starts with an item.
   */
  private static List<String> alwaysShownLabels(String formId) {
    try (InputStream in = TasklistStartAndScreenBrowserTest.class.getClassLoader()
        .getResourceAsStream("forms/" + formId + ".form")) {
      assertThat(in).as("forms/%s.form on the classpath", formId).isNotNull();
      List<String> labels = new ArrayList<>();
      collectAlwaysShownLabels(JSON.readTree(in), labels);
      assertThat(labels).as("fields of forms/%s.form", formId).isNotEmpty();
      return labels;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collectAlwaysShownLabels(JsonNode container, List<String> labels) {
    for (JsonNode component : container.path("components")) {
      if (component.path("conditional").hasNonNull("hide")) {
        continue;
      }
      String label = component.path("type").asText().equals("datetime")
          ? component.path("dateLabel").asText(component.path("label").asText(""))
          : component.path("label").asText("");
      if (!label.isBlank()) {
        labels.add(label.trim());
      }
      boolean itemsShown = !component.path("type").asText().equals("dynamiclist")
          || component.path("defaultRepetitions").asInt(0) > 0;
      if (itemsShown) {
        collectAlwaysShownLabels(component, labels);
      }
    }
  }

  /** The form ids of forms/ except the given ones. */
  private static List<String> taskFormsOtherThan(String... excluded) {
    try (Stream<Path> files = Files.list(Path.of(TasklistStartAndScreenBrowserTest.class.getClassLoader()
        .getResource("forms").toURI()))) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".form"))
          .map(name -> name.substring(0, name.length() - ".form".length()))
          .filter(id -> !List.of(excluded).contains(id))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private ProcessInstance submit(String title, String... thematicAreas) {
    return requests().submit(title, List.of("CAPACITY_BUILDING", "ADVISORY_SERVICES"), thematicAreas);
  }

  private Task task(ProcessInstance pi, String activityId) {
    return requests().task(pi, activityId);
  }

  private KenyaRequests requests() {
    return new KenyaRequests(repositoryService, formService, taskService);
  }

  private void complete(ProcessInstance pi, String activityId, Map<String, Object> variables) {
    taskService.complete(task(pi, activityId).getId(), variables);
  }

  /** Polls the engine until the browser's last request has been processed (a value other than null). */
  private <T> T eventually(java.util.function.Supplier<T> query) {
    return new WebDriverWait(browser.driver(), Duration.ofSeconds(15), CamundaWebappBrowser.POLL)
        .withMessage("the engine did not reach the expected state")
        .until(driver -> query.get());
  }
}
