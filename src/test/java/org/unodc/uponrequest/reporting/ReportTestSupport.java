package org.unodc.uponrequest.reporting;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;
import static org.unodc.uponrequest.reporting.ReportVariables.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Autowired;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.process.ProcessTestSupport;

/**
 * Report process tests: the request helpers of {@link ProcessTestSupport} with the engine's clock
 * set to known times, so a fixture of requests driven through the real process leaves known
 * durations in the reporting tables; and the report process worked as a manager would.
 */
abstract class ReportTestSupport extends ProcessTestSupport {

  static final String MANAGER = "manager";

  @Autowired Reports reports;

  /** Sets the engine's clock, e.g. at("2019-03-01T00:00:00Z"). */
  static void at(String instant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
  }

  /** Runs as a signed-in member of the given groups, as engine-rest and Tasklist would. */
  <T> T as(String user, List<String> groups, java.util.function.Supplier<T> call) {
    processEngine.getIdentityService().setAuthentication(user, groups);
    try {
      return call.get();
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  void as(String user, List<String> groups, Runnable call) {
    as(user, groups, () -> {
      call.run();
      return null;
    });
  }

  void asManager(Runnable call) {
    as(MANAGER, List.of(Groups.MANAGERS), call);
  }

  String reportDefinitionId() {
    return repositoryService().createProcessDefinitionQuery().processDefinitionKey(ReportProcess.PROCESS_KEY)
        .latestVersion().singleResult().getId();
  }

  /** A manager asks for a report through the start form, as Tasklist submits it. */
  ProcessInstance askForReport(String from, String to) {
    return as(MANAGER, List.of(Groups.MANAGERS), () -> formService().submitStartForm(reportDefinitionId(),
        Variables.createVariables().putValue(PERIOD_FROM, from).putValue(PERIOD_TO, to)));
  }

  /** The job executor's part: compile the figures (or publish), as the product itself. */
  void runJobAt(ProcessInstance report, String activity) {
    assertThat(report).isWaitingAt(activity);
    execute(job(activity, report));
  }

  void review(ProcessInstance report, Map<String, Object> decision) {
    asManager(() -> complete(task(ReportProcess.REVIEW_REPORT, report), decision));
  }

  Reports.Report row(ProcessInstance report) {
    return reports.ofProcess(report.getId()).orElseThrow();
  }

  static String pdfText(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- requests at known times (the engine's clock set before each step) -------------------------

  /** Filed, screened, assessed and funded at the given times; waits for its office. */
  ProcessInstance fundedRequest(VariableMap submission, String filed, String screened, String assessed,
      String funded, String source, long fundedUsd) {
    at(filed);
    ProcessInstance pi = submit(submission);
    at(screened);
    accept(pi);
    at(assessed);
    keepAssessedPriority(pi);
    at(funded);
    complete(task(CONFIRM_FUNDING, pi), withVariables(FUNDING_DECISION, "FUNDED", FUNDING_SOURCE, source,
        FUNDED_AMOUNT_USD, fundedUsd));
    return pi;
  }

  /** From its office's acceptance through one activity, the final report, the state's feedback and closure. */
  void deliveredAndClosed(ProcessInstance pi, String accepted, String delivered, String reported, String obstacles,
      String closed) {
    at(accepted);
    officeAccepts(pi);
    planDelivery(pi, List.of(activity("CAPACITY_BUILDING", "Workshop for prosecutors", "2019-06-01", "2019-06-03", 25)));
    at(delivered);
    recordActivity(pi, 27, "Workshop held; pre/post tests show improved knowledge.");
    at(reported);
    complete(task(WRITE_FINAL_REPORT, pi), withVariables(RESULTS_ACHIEVED, "Forty officials trained.",
        OBSTACLES_ENCOUNTERED, obstacles, LESSONS_LEARNED, "Train the trainers."));
    complete(task(GIVE_FEEDBACK, pi), withVariables(SATISFACTION_RATING, 4, FEEDBACK_COMMENTS, "Useful."));
    at(closed);
    complete(task(CLOSE_REQUEST, pi), withVariables(CLOSURE_NOTES, "All results delivered."));
    assertThat(pi).isEnded();
  }

  void withdraw(ProcessInstance pi, String when) {
    at(when);
    runtimeService().createMessageCorrelation(WITHDRAWAL_MESSAGE).processInstanceBusinessKey(pi.getBusinessKey())
        .setVariable(WITHDRAWAL_REASON, "Covered by the national programme.").correlate();
    assertThat(pi).isEnded();
  }
}
