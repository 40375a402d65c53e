package org.unodc.uponrequest.reporting;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.unodc.uponrequest.reporting.ReportProcess.*;
import static org.unodc.uponrequest.reporting.ReportVariables.*;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.unodc.uponrequest.process.Groups;

/**
 * The report process end to end: a manager asks for a period, the figures are compiled (the
 * asynchronous job), the report is sent back once and compiled again, approved and published;
 * the yearly timer starts the report on the previous calendar year; periods that run backwards or
 * into the future are refused; no group but the managers may start or see it.
 */
class ReportProcessTest extends ReportTestSupport {

  @Test
  void aManagerAsksForAPeriodSendsTheReportBackOnceThenApprovesItAndItIsPublished() {
    at("2018-02-01T10:00:00Z");
    ProcessInstance report = askForReport("2017-07-01", "2017-12-31");
    assertThat(report).isStarted().hasPassed(REPORT_REQUESTED, CHECK_REPORT_PERIOD).isWaitingAt(COMPILE_FIGURES);
    assertThat(report).variables().containsEntry(REQUESTED_BY, MANAGER)
        .containsEntry(REPORT_TITLE, "Implementation report 1 July 2017 to 31 December 2017");
    Assertions.assertThat(reports.ofProcess(report.getId())).as("nothing compiled before the job runs").isEmpty();

    runJobAt(report, COMPILE_FIGURES);
    assertThat(report).isWaitingAt(REVIEW_REPORT);
    assertThat(task(REVIEW_REPORT, report)).hasCandidateGroup(Groups.MANAGERS).hasFormKey(null);
    Reports.Report draft = row(report);
    Assertions.assertThat(draft.status()).isEqualTo(ReportStatus.DRAFT);
    Assertions.assertThat(draft.compilations()).isEqualTo(1);
    Assertions.assertThat(draft.requestedBy()).isEqualTo(MANAGER);
    Assertions.assertThat(reports.pdf(draft.id())).as("no PDF before publication").isEmpty();
    Assertions.assertThat(new String(reports.html(draft.id()).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("Draft.", "Implementation report 1 July 2017 to 31 December 2017");
    assertThat(report).variables().containsEntry(REPORT_ID, draft.id()).containsKey(REPORT_SUMMARY);
    Assertions.assertThat(task(REVIEW_REPORT, report).getDueDate()).as("due after uponrequest.deadlines.named.report-review")
        .isEqualTo(java.util.Date.from(java.time.Instant.parse("2018-02-11T10:00:00Z")));

    // a send-back needs its comment, then goes back to compile
    assertRefused(() -> review(report, withVariables(REVIEW_DECISION, SEND_BACK)), REVIEW_COMMENT);
    at("2018-02-02T10:00:00Z");
    review(report, withVariables(REVIEW_DECISION, SEND_BACK, REVIEW_COMMENT, "Two final reports are still being written."));
    Assertions.assertThat(row(report).status()).isEqualTo(ReportStatus.SENT_BACK);
    Assertions.assertThat(row(report).reviewComment()).isEqualTo("Two final reports are still being written.");
    runJobAt(report, COMPILE_FIGURES);
    assertThat(report).isWaitingAt(REVIEW_REPORT);
    assertThat(report).variables().containsEntry(SENT_BACK_COMMENT, "Two final reports are still being written.")
        .doesNotContainKey(REVIEW_DECISION).doesNotContainKey(REVIEW_COMMENT);
    Assertions.assertThat(row(report).id()).isEqualTo(draft.id());
    Assertions.assertThat(row(report).compilations()).isEqualTo(2);
    Assertions.assertThat(row(report).status()).isEqualTo(ReportStatus.DRAFT);

    at("2018-02-03T10:00:00Z");
    review(report, withVariables(REVIEW_DECISION, APPROVE));
    Reports.Report approved = row(report);
    Assertions.assertThat(approved.status()).isEqualTo(ReportStatus.APPROVED);
    Assertions.assertThat(approved.approver()).isEqualTo(MANAGER);
    Assertions.assertThat(approved.approvedAt()).isEqualTo(java.time.Instant.parse("2018-02-03T10:00:00Z"));

    runJobAt(report, PUBLISH_REPORT);
    assertThat(report).isEnded().hasPassed(REPORT_PUBLISHED);
    Reports.Report published = row(report);
    Assertions.assertThat(published.status()).isEqualTo(ReportStatus.PUBLISHED);
    Assertions.assertThat(published.publishedAt()).isEqualTo(java.time.Instant.parse("2018-02-03T10:00:00Z"));
    Assertions.assertThat(pdfText(reports.pdf(published.id()).orElseThrow()).replaceAll("\\s+", " "))
        .contains("Implementation report 1 July 2017 to 31 December 2017");
  }

  @Test
  void anApprovalNamesWhoGaveIt() {
    at("2018-03-01T10:00:00Z");
    ProcessInstance report = askForReport("2018-01-01", "2018-01-31");
    runJobAt(report, COMPILE_FIGURES);
    // the product itself (no signed-in user) cannot approve: the published report would name nobody
    assertRefused(() -> complete(task(REVIEW_REPORT, report), withVariables(REVIEW_DECISION, APPROVE)), REVIEW_DECISION);
    assertThat(report).isWaitingAt(REVIEW_REPORT);
  }

  @Test
  void theYearlyScheduleAsksForTheReportOnThePreviousCalendarYear() {
    Job timer = yearlyTimer();
    ZonedDateTime due = timer.getDuedate().toInstant().atZone(ZoneOffset.UTC);
    Assertions.assertThat(List.of(due.getMonthValue(), due.getDayOfMonth(), due.getHour(), due.getMinute()))
        .as("every 15 January at 06:00 UTC").containsExactly(1, 15, 6, 0);
    Assertions.assertThat(due.toInstant()).isAfter(ClockUtil.getCurrentTime().toInstant())
        .isBefore(ClockUtil.getCurrentTime().toInstant().plus(java.time.Duration.ofDays(366)));

    ClockUtil.setCurrentTime(timer.getDuedate());
    execute(timer);

    int year = due.getYear() - 1;
    ProcessInstance report = runtimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .variableValueEquals(PERIOD_FROM, year + "-01-01").singleResult();
    assertThat(report).hasPassed(YEARLY_REPORT_DUE, CHECK_REPORT_PERIOD).isWaitingAt(COMPILE_FIGURES);
    assertThat(report).variables().containsEntry(PERIOD_TO, year + "-12-31")
        .containsEntry(REPORT_TITLE, "Implementation report " + year)
        .as("no manager asked for it").containsEntry(REQUESTED_BY, null);
    Assertions.assertThat(report.getTenantId()).as("a report belongs to no member state").isNull();
    Assertions.assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey(SCHEDULE_PROCESS_KEY)
        .finished().count()).as("the schedule's run ended once it asked").isEqualTo(1);
    Assertions.assertThat(yearlyTimer().getDuedate().toInstant().atZone(ZoneOffset.UTC).getYear())
        .as("and the timer waits for the next year").isEqualTo(due.getYear() + 1);
  }

  private Job yearlyTimer() {
    return managementService().createJobQuery().processDefinitionKey(SCHEDULE_PROCESS_KEY).timers().singleResult();
  }

  @Test
  void aPeriodThatRunsBackwardsOrEndsAfterTodayIsRefusedAndStartsNothing() {
    at("2018-04-01T10:00:00Z");
    long before = historyService().createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();
    assertRefused(() -> askForReport("2018-03-01", "2018-02-28"), PERIOD_TO);
    assertRefused(() -> askForReport("2018-03-01", "2018-04-02"), PERIOD_TO);
    assertRefused(() -> askForReport("2018-03-01", null), PERIOD_TO);
    assertRefused(() -> askForReport("1 March", "2018-03-31"), PERIOD_FROM);
    Assertions.assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count())
        .isEqualTo(before);
    // today itself is the last day a period may end on
    assertThat(askForReport("2018-03-01", "2018-04-01")).isWaitingAt(COMPILE_FIGURES);
  }

  @Test
  void officersAndFocalPointsMayNeitherStartNorSeeTheReport() {
    at("2018-05-01T10:00:00Z");
    ProcessInstance report = askForReport("2018-04-01", "2018-04-30");
    runJobAt(report, COMPILE_FIGURES);
    String definition = reportDefinitionId();
    for (List<String> groups : List.of(List.of(Groups.HQ_INTAKE), List.of(Groups.STRATEGIC_PLANNING),
        List.of(Groups.office("ROEA")), List.of(Groups.focalPoints("KEN")))) {
      as("someone", groups, () -> {
        Assertions.assertThat(repositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).count())
            .as("%s sees the definition", groups).isZero();
        Assertions.assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count())
            .as("%s sees reports", groups).isZero();
        Assertions.assertThat(taskService().createTaskQuery().processDefinitionKey(PROCESS_KEY).count())
            .as("%s sees the review", groups).isZero();
        assertThatThrownBy(() -> formService().submitStartForm(definition,
            Variables.createVariables().putValue(PERIOD_FROM, "2018-01-01").putValue(PERIOD_TO, "2018-01-31")))
            .as("%s starts a report", groups).isInstanceOf(AuthorizationException.class);
      });
    }
    as(MANAGER, List.of(Groups.MANAGERS), () -> {
      Assertions.assertThat(taskService().createTaskQuery().processDefinitionKey(PROCESS_KEY).taskCandidateGroup(Groups.MANAGERS)
          .processInstanceId(report.getId()).count()).isEqualTo(1);
    });
  }
}
