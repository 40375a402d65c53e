package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.reporting.ReportProcess;

/**
 * The implementation report as a manager works it in the real Tasklist: "Start process", the
 * period's form, then the review's form (sent back once with a comment, then approved), and the
 * published report at /manager/reports. The managers' pages pass axe-core's WCAG 2.1 A and AA
 * rules without any finding. Screenshots: {@code target/screenshots/reports/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class ReportTasklistBrowserTest {

  private static final String PROCESS_NAME = "Annual implementation report";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService managementService;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void aManagerStartsTheReportInTasklistSendsItBackApprovesItAndReadsItAtManagerReports() {
    int year = LocalDate.now(ZoneOffset.UTC).getYear() - 1;
    threeRequestsOf(year);
    try (CamundaWebappBrowser browser = new CamundaWebappBrowser("http://localhost:" + port)) {
      browser.logInToTasklist("manager", "demo");
      browser.startProcessDialog();
      browser.chooseProcessToStart(PROCESS_NAME);
      browser.typeDate("First day of the period", 1, LocalDate.of(year, 1, 1));
      browser.typeDate("Last day of the period", 1, LocalDate.of(year, 12, 31));
      browser.screenshotOfWholeForm("reports/tasklist-start-report");
      browser.startFromDialog();
      ProcessInstance report = browser.await().until(d -> runtimeService.createProcessInstanceQuery()
          .processDefinitionKey(ReportProcess.PROCESS_KEY).singleResult());
      runJob(report); // the job executor's part: compile the figures

      browser.openTask(reviewTask(report).getId());
      browser.claim();
      assertThat(browser.driver().findElement(By.cssSelector(".fjs-form")).getText())
          .contains("Implementation report " + year, "Open the draft report", "Received: 3");
      browser.pick("Send back");
      browser.type("What should change", "Two final reports are still being written.");
      browser.screenshotOfWholeForm("reports/tasklist-review-send-back");
      browser.complete();
      runJob(report); // compiled again

      browser.openTask(reviewTask(report).getId());
      browser.claim();
      assertThat(browser.driver().findElement(By.cssSelector(".fjs-form")).getText())
          .contains("Compiled again after it was sent back with: Two final reports are still being written.");
      assertThat(browser.isShown("What should change")).as("a new review starts with an empty decision").isFalse();
      browser.pick("Approve");
      browser.complete();
      runJob(report); // publish

      browser.open("/manager/reports");
      assertThat(browser.driver().getTitle()).isEqualTo("Implementation reports · UponRequest");
      assertThat(axe(browser)).as("axe-core findings on /manager/reports").isEmpty();
      wholePage(browser, "reports/manager-reports");

      long id = jdbc.queryForObject("SELECT ID_ FROM UR_REPORT WHERE PROC_INST_ID_ = ?", Long.class, report.getId());
      browser.driver().findElement(By.cssSelector("a[href='/manager/reports/" + id + "']")).click();
      browser.await().until(d -> d.getTitle().equals("Implementation report " + year));
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Implementation report " + year);
      assertThat(browser.driver().findElement(By.tagName("body")).getText())
          .contains("Turnover of trained staff", "Approved by", "manager", "Download the PDF");
      assertThat(axe(browser)).as("axe-core findings on the report's page").isEmpty();
      wholePage(browser, "reports/manager-report");
    } finally {
      ClockUtil.reset();
    }
  }

  /** A completed request with its obstacles, a withdrawn one and a declined one, all in the given year. */
  private void threeRequestsOf(int year) {
    KenyaRequests kenya = new KenyaRequests(repositoryService, formService, taskService);
    at(year, 3, 1);
    ProcessInstance done = kenya.submit("Mentoring prosecutors on corruption cases", List.of("CAPACITY_BUILDING"), "CORRUPTION");
    complete(kenya.task(done, SCREEN_REQUEST), Map.of(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY, "NORMAL"));
    at(year, 3, 3);
    complete(kenya.task(done, REVIEW_PRIORITY), Map.of(OVERRIDE_PRIORITY, false));
    at(year, 3, 10);
    complete(kenya.task(done, CONFIRM_FUNDING), Map.of(FUNDING_DECISION, "FUNDED", FUNDING_SOURCE, "REGULAR_BUDGET",
        FUNDED_AMOUNT_USD, 200000));
    at(year, 3, 14);
    complete(kenya.task(done, DECIDE_ON_ASSIGNMENT), Map.of(OFFICE_DECISION, "ACCEPT"));
    complete(kenya.task(done, PLAN_DELIVERY), Map.of(DELIVERY_ACTIVITIES, VariableValues.json(List.of(Map.of(
        ACTIVITY_TYPE, "CAPACITY_BUILDING", ACTIVITY_TITLE, "Workshop for prosecutors", ACTIVITY_START_DATE, year + "-05-01",
        ACTIVITY_END_DATE, year + "-05-03", PLANNED_PARTICIPANTS, 25)))));
    at(year, 5, 10);
    complete(kenya.task(done, RECORD_ACTIVITY), Map.of(ACTUAL_PARTICIPANTS, 27,
        ACTIVITY_OUTCOME, "Workshop held; pre/post tests show improved knowledge."));
    complete(kenya.task(done, WRITE_FINAL_REPORT), Map.of(RESULTS_ACHIEVED, "Forty prosecutors mentored.",
        OBSTACLES_ENCOUNTERED, "Turnover of trained staff; delays in the legislative calendar.", LESSONS_LEARNED, "Mentor in pairs."));
    complete(kenya.task(done, GIVE_FEEDBACK), Map.of(SATISFACTION_RATING, 5, FEEDBACK_COMMENTS, "Timely and useful."));
    at(year, 6, 1);
    complete(kenya.task(done, CLOSE_REQUEST), Map.of(CLOSURE_NOTES, "All results delivered."));

    at(year, 4, 1);
    ProcessInstance withdrawn = kenya.submit("Cybercrime legislation review", List.of("LEGISLATIVE_ASSISTANCE"), "CYBERCRIME");
    at(year, 4, 5);
    runtimeService.createMessageCorrelation(WITHDRAWAL_MESSAGE).processInstanceBusinessKey(withdrawn.getBusinessKey())
        .setVariable(WITHDRAWAL_REASON, "Covered by the national programme.").correlate();

    at(year, 7, 1);
    ProcessInstance declined = kenya.submit("Electoral observation", List.of("ADVISORY_SERVICES"), "CRIMINAL_JUSTICE_REFORM");
    complete(kenya.task(declined, SCREEN_REQUEST), Map.of(SCREENING_OUTCOME, "DECLINE",
        DECLINE_REASON, "Electoral assistance is outside UNODC's mandate."));
    ClockUtil.reset();
  }

  private void complete(Task task, Map<String, Object> variables) {
    taskService.complete(task.getId(), variables);
  }

  private static void at(int year, int month, int day) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(String.format("%04d-%02d-%02dT09:00:00Z", year, month, day))));
  }

  private Task reviewTask(ProcessInstance report) {
    return taskService.createTaskQuery().processInstanceId(report.getId()).singleResult();
  }

  private void runJob(ProcessInstance report) {
    managementService.executeJob(managementService.createJobQuery().processInstanceId(report.getId()).singleResult().getId());
  }

  /** Every axe-core finding (WCAG 2.1 A and AA), whatever its impact, one line each. */
  private static List<String> axe(CamundaWebappBrowser browser) {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser.driver());
    return results.getViolations().stream()
        .map((Rule rule) -> rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " " + rule.getNodes().stream()
            .map(node -> String.valueOf(node.getTarget())).toList())
        .toList();
  }

  /** The page to its end in one picture. */
  private static Path wholePage(CamundaWebappBrowser browser, String name) {
    long height = (Long) ((JavascriptExecutor) browser.driver()).executeScript("return document.documentElement.scrollHeight;");
    browser.driver().manage().window().setSize(new Dimension(CamundaWebappBrowser.WINDOW.getWidth(),
        (int) Math.min(height + 140, 12_000)));
    try {
      return browser.screenshot(name);
    } finally {
      browser.driver().manage().window().setSize(CamundaWebappBrowser.WINDOW);
    }
  }
}
