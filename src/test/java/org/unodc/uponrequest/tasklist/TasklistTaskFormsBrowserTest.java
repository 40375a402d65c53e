package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.process.Deadlines;
import org.unodc.uponrequest.process.VariableValues;

/**
 * The task forms with the riskiest widgets and server-side checks, filled and completed in the
 * real Camunda Tasklist (headless Chromium) by the officer each task is for: a conditional radio
 * group, a select, a checkbox the server insists on, a conditional donor field, a dynamic list
 * with date pickers, and a form fed by a multi-instance task listener. Between the tasks the
 * request is moved on through the Java API only where no browser step is wanted (submission and
 * screening, which {@link TasklistStartAndScreenBrowserTest} covers). What the process received
 * is read back through the engine API. Screenshots: {@code target/screenshots/forms-submitted/}.
 *
 * <p>Plan-delivery needs "Save" before "Complete" in Camunda 7.24's Tasklist, and its form says so;
 * see {@link #planDeliveryRefusesAnActivityEndingBeforeItStarts()}.
 *
 * <p>Same Spring set-up as {@link TasklistStartAndScreenBrowserTest}, so both share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class TasklistTaskFormsBrowserTest {

  private static final String DEMO_PASSWORD = "demo";
  private static final String SHOTS = "forms-submitted/";
  private static final String ACTIVITIES = "Planned activities";
  private static final Duration SHORT = Duration.ofSeconds(2);

  @LocalServerPort
  int port;

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
  HistoryService historyService;

  @Autowired
  Deadlines deadlines;

  private CamundaWebappBrowser browser;

  /** A picture of the page at the moment a test fails, before the browser closes. */
  @RegisterExtension
  final AfterTestExecutionCallback screenshotOnFailure = context -> {
    if (context.getExecutionException().isPresent() && browser != null) {
      browser.screenshot(SHOTS + "FAILED-" + context.getRequiredTestMethod().getName());
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

  /**
   * One request of Kenya on terrorism prevention (so the Terrorism Prevention Branch is consulted),
   * from the priority review to the first recorded activity, every task completed in Tasklist.
   */
  @Test
  void officersCompleteTheTaskFormsInTasklistAndTheProcessReceivesWhatTheyEntered() {
    String title = "Prosecution of terrorism financing " + UUID.randomUUID().toString().substring(0, 8);
    ProcessInstance pi = submit(title, "TERRORISM");
    String id = pi.getId();
    taskService.complete(task(pi, SCREEN_REQUEST).getId(), Map.of(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY, "NORMAL"));
    assertThat(runtimeService.getActiveActivityIds(id)).containsExactly(REVIEW_PRIORITY);

    // 1. strategic planning overrides the assessed band (conditional radio group and justification)
    String assessed = (String) runtimeService.getVariable(id, PRIORITY_BAND);
    String band = "LOW".equals(assessed) ? "HIGH" : "LOW";
    String justification = "The central authority has a fixed window before the new law takes effect.";
    openClaimed(pi, REVIEW_PRIORITY, "planner");
    assertThat(browser.isShown("Priority band to apply")).as("band choice before ticking the override").isFalse();
    browser.tick("Override the assessed priority band");
    browser.pick(band.charAt(0) + band.substring(1).toLowerCase()); // "High" or "Low"
    browser.type("Justification for the override", justification);
    browser.screenshotOfWholeForm(SHOTS + "1-review-priority");
    browser.complete();

    eventually(() -> runtimeService.getActiveActivityIds(id).contains(CONSULT_TERRORISM_PREVENTION));
    assertThat(runtimeService.getVariables(id))
        .containsEntry(PRIORITY_BAND, band)
        .containsEntry(ASSESSED_PRIORITY_BAND, assessed)
        .containsEntry(PRIORITY_OVERRIDDEN, true)
        .containsEntry(OVERRIDE_PRIORITY, true)
        .containsEntry(OVERRIDE_JUSTIFICATION, justification);
    assertThat(runtimeService.getActiveActivityIds(id)).containsExactly(CONSULT_TERRORISM_PREVENTION);

    // 2. the Terrorism Prevention Branch advises (select, and the CTED checkbox the server requires)
    openClaimed(pi, CONSULT_TERRORISM_PREVENTION, "specialist.terrorism");
    browser.select("Position of the section", "Support: the section supports the request as submitted");
    browser.type("Advice and conditions", "Builds on the regional CTED-assessed programme for East Africa.");
    browser.tick("CTED consulted as required by GA 64/179 para 21");
    browser.screenshotOfWholeForm(SHOTS + "2-consult-terrorism-prevention");
    browser.complete();

    eventually(() -> runtimeService.getActiveActivityIds(id).contains(CONFIRM_FUNDING));
    assertThat(runtimeService.getVariable(id, TERRORISM_CONSULTATION)).isEqualTo("SUPPORT");
    assertThat(runtimeService.getVariable(id, CTED_CONSULTED)).isInstanceOf(Boolean.class).isEqualTo(true);
    assertThat(runtimeService.getVariable(id, TERRORISM_CONSULTATION_NOTES))
        .isEqualTo("Builds on the regional CTED-assessed programme for East Africa.");

    // 3. strategic planning confirms earmarked funding: the donor field appears only for earmarked funds
    openClaimed(pi, CONFIRM_FUNDING, "planner");
    assertThat(browser.formTexts()).first().asString().contains("Terrorism Prevention Branch: SUPPORT (CTED consulted)");
    assertThat(String.join("\n", browser.formTexts())).as("first look").doesNotContain("Last look");
    browser.pick("Funded:");
    browser.select("Source of funds", "United Nations regular budget");
    assertThat(browser.isShown("Donor")).as("donor field for the regular budget").isFalse();
    browser.select("Source of funds", "Special-purpose (earmarked) voluntary contributions");
    assertThat(browser.isShown("Donor")).as("donor field for earmarked funds").isTrue();
    browser.type("Donor", "Government of Norway");
    browser.type("Amount secured (US$)", "150000");
    browser.screenshotOfWholeForm(SHOTS + "3-confirm-funding");
    browser.complete();

    eventually(() -> runtimeService.getActiveActivityIds(id).contains(DECIDE_ON_ASSIGNMENT));
    assertThat(runtimeService.getActiveActivityIds(id)).containsExactly(DECIDE_ON_ASSIGNMENT);
    assertThat(runtimeService.getVariables(id))
        .containsEntry(FUNDING_DECISION, "FUNDED")
        .containsEntry(FUNDING_SOURCE, "EARMARKED")
        .containsEntry(FUNDING_SOURCE_LABEL, "Special-purpose (earmarked) voluntary contributions")
        .containsEntry(DONOR, "Government of Norway");
    assertThat(runtimeService.getVariable(id, FUNDED_AMOUNT_USD))
        .isInstanceOfSatisfying(Number.class, amount -> assertThat(amount.longValue()).isEqualTo(150_000L));

    // 4. the regional office accepts the assignment
    openClaimed(pi, DECIDE_ON_ASSIGNMENT, "office.nairobi");
    assertThat(browser.formTexts()).first().asString()
        .contains("donor Government of Norway").contains("US$ 150000 confirmed");
    browser.pick("Accept:");
    browser.screenshotOfWholeForm(SHOTS + "4-decide-on-assignment");
    browser.complete();

    eventually(() -> runtimeService.getActiveActivityIds(id).contains(PLAN_DELIVERY));
    assertThat(runtimeService.getVariable(id, OFFICE_DECISION)).isEqualTo("ACCEPT");

    // 5. the office plans two activities in the dynamic list, with the date pickers and "Add new"
    openClaimed(pi, PLAN_DELIVERY, "office.nairobi");
    browser.select("Type of activity", 1, "Capacity building and training");
    browser.type("Activity title", 1, "Workshop for prosecutors on terrorism financing cases");
    browser.typeDate("Start date", 1, LocalDate.of(2027, 3, 5));
    browser.typeDate("End date", 1, LocalDate.of(2027, 3, 9));
    browser.type("Planned participants", 1, "30");
    browser.addListItem(ACTIVITIES);
    browser.select("Type of activity", 2, "Legislative assistance");
    browser.type("Activity title", 2, "Review of the draft counter-terrorism financing bill");
    browser.typeDate("Start date", 2, LocalDate.of(2027, 4, 12));
    browser.typeDate("End date", 2, LocalDate.of(2027, 4, 12));
    browser.type("Planned participants", 2, "8");
    browser.screenshotOfWholeForm(SHOTS + "5-plan-delivery");
    browser.save(); // as the form tells officers (Tasklist defect, see planDeliveryRefusesAnActivityEndingBeforeItStarts)
    browser.complete();

    eventually(() -> runtimeService.getActiveActivityIds(id).contains(RECORD_ACTIVITY));
    assertThat(runtimeService.getActiveActivityIds(id)).containsExactly(RECORD_ACTIVITY);
    TypedValue plan = runtimeService.getVariableTyped(id, DELIVERY_ACTIVITIES);
    assertThat(plan.getType().getName()).isEqualTo("json");
    List<Map<String, Object>> activities = VariableValues.objects(plan.getValue());
    assertThat(activities).hasSize(2);
    assertThat(activities.get(0))
        .containsEntry(ACTIVITY_TYPE, "CAPACITY_BUILDING")
        .containsEntry(ACTIVITY_TITLE, "Workshop for prosecutors on terrorism financing cases")
        .containsEntry(ACTIVITY_START_DATE, "2027-03-05")
        .containsEntry(ACTIVITY_END_DATE, "2027-03-09")
        .containsEntry(PLANNED_PARTICIPANTS, 30);
    assertThat(activities.get(1))
        .containsEntry(ACTIVITY_TYPE, "LEGISLATIVE_ASSISTANCE")
        .containsEntry(ACTIVITY_TITLE, "Review of the draft counter-terrorism financing bill")
        .containsEntry(ACTIVITY_START_DATE, "2027-04-12")
        .containsEntry(ACTIVITY_END_DATE, "2027-04-12")
        .containsEntry(PLANNED_PARTICIPANTS, 8);

    // 6. the office records the first activity, which its form shows from the plan
    openClaimed(pi, RECORD_ACTIVITY, "office.nairobi");
    assertThat(browser.formTexts()).first().asString()
        .contains("Activity: Workshop for prosecutors on terrorism financing cases")
        .contains("Capacity building and training")
        .contains("2027-03-05 to 2027-03-09");
    browser.type("Number of participants", "27");
    browser.type("Outcome of the activity", "Workshop held; 27 prosecutors and investigators trained on financial evidence.");
    browser.screenshotOfWholeForm(SHOTS + "6-record-activity");
    browser.complete();

    eventually(() -> !VariableValues.objects(runtimeService.getVariable(id, ACTIVITY_RECORDS)).isEmpty());
    List<Map<String, Object>> records = VariableValues.objects(runtimeService.getVariable(id, ACTIVITY_RECORDS));
    assertThat(records).hasSize(1);
    assertThat(records.get(0))
        .containsEntry(ACTIVITY_TITLE, "Workshop for prosecutors on terrorism financing cases")
        .containsEntry(ACTIVITY_TYPE, "CAPACITY_BUILDING")
        .containsEntry(ACTUAL_PARTICIPANTS, 27)
        .containsEntry(ACTIVITY_OUTCOME, "Workshop held; 27 prosecutors and investigators trained on financial evidence.")
        .containsEntry("recordedBy", "office.nairobi");
    // the second planned activity is next
    assertThat(runtimeService.getActiveActivityIds(id)).containsExactly(RECORD_ACTIVITY);
    assertThat(taskService.getVariable(task(pi, RECORD_ACTIVITY).getId(), ACTIVITY_TITLE))
        .isEqualTo("Review of the draft counter-terrorism financing bill");
  }

  /**
   * The delivery plan refuses an activity that ends before it starts: the form shows the error and
   * Tasklist does not let it be completed, so nothing reaches the engine; corrected, it goes through.
   *
   * <p>Also pins a defect of Camunda 7.24's Tasklist: the first change to a field inside a dynamic
   * list disables "Complete" for good, valid or not (form-js leaves an empty entry for the field in
   * its errors, bpmn-io/form-js#1494, fixed in form-js 1.21.3; Tasklist counts the entries). "Save"
   * has form-js check the whole form, which clears it, so the plan-delivery form tells officers to
   * click Save, then Complete. Should the pinning assertion fail after an upgrade, the defect is
   * fixed: drop that sentence from forms/plan-delivery.form and the Save steps here.
   */
  @Test
  void planDeliveryRefusesAnActivityEndingBeforeItStarts() {
    ProcessInstance pi = submit("Asset recovery training " + UUID.randomUUID().toString().substring(0, 8), "CORRUPTION");
    String id = pi.getId();
    taskService.complete(task(pi, SCREEN_REQUEST).getId(), Map.of(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY, "NORMAL"));
    taskService.complete(task(pi, REVIEW_PRIORITY).getId(), Map.of(OVERRIDE_PRIORITY, false));
    taskService.complete(task(pi, CONFIRM_FUNDING).getId(), Map.of(
        FUNDING_DECISION, "FUNDED", FUNDING_SOURCE, "REGULAR_BUDGET", FUNDED_AMOUNT_USD, 90000));
    taskService.complete(task(pi, DECIDE_ON_ASSIGNMENT).getId(), Map.of(OFFICE_DECISION, "ACCEPT"));

    openClaimed(pi, PLAN_DELIVERY, "office.nairobi");
    assertThat(browser.completeEnabledWithin(SHORT)).as("Complete before anything is entered").isTrue();
    browser.select("Type of activity", 1, "Capacity building and training");
    browser.awaitFieldErrors("Type of activity", 1);
    assertThat(browser.completeDisabledWithin(SHORT))
        .as("Camunda 7.24 Tasklist defect: Complete disabled after a valid change in a dynamic list")
        .isTrue();

    browser.type("Activity title", 1, "Workshop on financial investigations and asset recovery");
    browser.type("Planned participants", 1, "25");
    browser.typeDate("Start date", 1, LocalDate.of(2027, 5, 10));
    browser.typeDate("End date", 1, LocalDate.of(2027, 5, 7));
    browser.awaitFieldErrors("End date", 1, "Field must have minimum value of 2027-05-10.");
    browser.save(); // form-js checks the whole form: the error stays, and so does the disabled Complete
    browser.awaitFieldErrors("End date", 1, "Field must have minimum value of 2027-05-10.");
    assertThat(browser.completeEnabledWithin(SHORT)).as("Complete with an end date before the start date").isFalse();
    browser.screenshotOfWholeForm(SHOTS + "plan-delivery-end-before-start");
    assertThat(task(pi, PLAN_DELIVERY)).as("plan-delivery still open").isNotNull();
    assertThat(runtimeService.getVariable(id, DELIVERY_ACTIVITIES)).isNull();

    browser.typeDate("End date", 1, LocalDate.of(2027, 5, 12));
    browser.awaitFieldErrors("End date", 1);
    browser.save();
    assertThat(browser.completeEnabledWithin(SHORT)).as("Complete once corrected and saved").isTrue();
    browser.screenshotOfWholeForm(SHOTS + "plan-delivery-corrected");
    browser.complete();

    eventually(() -> runtimeService.getActiveActivityIds(id).contains(RECORD_ACTIVITY));
    assertThat(VariableValues.objects(runtimeService.getVariable(id, DELIVERY_ACTIVITIES))).singleElement()
        .satisfies(activity -> assertThat(activity)
            .containsEntry(ACTIVITY_START_DATE, "2027-05-10")
            .containsEntry(ACTIVITY_END_DATE, "2027-05-12"));
  }

  /**
   * At the last re-check the funding pipeline allows, "Confirm the funding source" tells the planner
   * that "Pipeline" now closes the request; chosen in Tasklist, it does (ADR 0009).
   */
  @Test
  void atTheLastReCheckThePlannerIsToldThatPipelineNowClosesTheRequest() {
    ProcessInstance pi = submit("Asset declaration system " + UUID.randomUUID().toString().substring(0, 8), "CORRUPTION");
    String id = pi.getId();
    taskService.complete(task(pi, SCREEN_REQUEST).getId(), Map.of(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY, "NORMAL"));
    taskService.complete(task(pi, REVIEW_PRIORITY).getId(), Map.of(OVERRIDE_PRIORITY, false));
    int rechecks = deadlines.maxFundingRechecks();
    for (int look = 1; look <= rechecks; look++) {
      taskService.complete(task(pi, CONFIRM_FUNDING).getId(), Map.of(FUNDING_DECISION, "PIPELINE"));
      managementService.executeJob(managementService.createJobQuery().processInstanceId(id)
          .activityId(FUNDING_RECHECK_DUE).singleResult().getId());
    }

    openClaimed(pi, CONFIRM_FUNDING, "planner");
    assertThat(String.join("\n", browser.formTexts())).contains("Last look:")
        .contains("looked at again " + rechecks + " times").contains("closes the request as unfunded");
    browser.pick("Pipeline:");
    browser.screenshotOfWholeForm(SHOTS + "confirm-funding-last-look");
    browser.complete();

    eventually(() -> historyService.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count() == 1);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(id).variableName(OUTCOME)
        .singleResult().getValue()).isEqualTo("CLOSED_UNFUNDED");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(id)
        .activityId(END_CLOSED_UNFUNDED_NO_RECHECK).count()).isEqualTo(1);
  }

  // --- helpers ------------------------------------------------------------------------------------

  /** Opens the task by its link as the officer (signing in if another was) and claims it in Tasklist. */
  private void openClaimed(ProcessInstance pi, String activityId, String user) {
    Task task = task(pi, activityId);
    assertThat(task.getAssignee()).as("assignee of " + activityId + " before claiming").isNull();
    browser.openTaskAs(user, DEMO_PASSWORD, task.getId());
    browser.claim();
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(user);
  }

  private ProcessInstance submit(String title, String... thematicAreas) {
    return requests().submit(title, List.of("CAPACITY_BUILDING", "LEGISLATIVE_ASSISTANCE"), thematicAreas);
  }

  private Task task(ProcessInstance pi, String activityId) {
    return requests().task(pi, activityId);
  }

  private KenyaRequests requests() {
    return new KenyaRequests(repositoryService, formService, taskService);
  }

  /** Polls the engine until the browser's last request has been processed. */
  private void eventually(Supplier<Boolean> condition) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15), CamundaWebappBrowser.POLL)
        .withMessage("the engine did not reach the expected state")
        .until(driver -> condition.get());
  }
}
