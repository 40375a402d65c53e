package org.unodc.uponrequest.reporting;

import static org.unodc.uponrequest.reporting.ReportVariables.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Compile the figures": the period's figures from the reporting tables, kept with the report as
 * JSON and shown as a draft page for the review. Asynchronous in the model, so the start (or the
 * send-back) commits first and a failure here is retried by the job executor, then shown to
 * Cockpit as an incident. Compiled again after a send-back: the comment it answers moves from the
 * review's field to {@code sentBackComment}, so the next review opens with an empty form.
 */
@Component("compileReport")
class CompileReport implements JavaDelegate {

  private final FiguresFromMetrics figures;
  private final FiguresJson json;
  private final ReportHtml html;
  private final Reports reports;

  CompileReport(FiguresFromMetrics figures, FiguresJson json, ReportHtml html, Reports reports) {
    this.figures = figures;
    this.json = json;
    this.html = html;
    this.reports = reports;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ReportPeriod period = new ReportPeriod(LocalDate.parse((String) execution.getVariable(PERIOD_FROM)),
        LocalDate.parse((String) execution.getVariable(PERIOD_TO)));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ReportFigures compiled = figures.compile(period, now);
    String requestedBy = (String) execution.getVariable(REQUESTED_BY);
    String title = (String) execution.getVariable(REPORT_TITLE);
    byte[] page = html.page(compiled, ReportHtml.Heading.draft(title, period, requestedBy)).getBytes(StandardCharsets.UTF_8);
    long id = reports.compiled(execution.getProcessInstanceId(), period, title, requestedBy, now, json.write(compiled), page);

    Object comment = execution.getVariable(REVIEW_COMMENT);
    if (comment != null) {
      execution.setVariable(SENT_BACK_COMMENT, comment);
    }
    execution.removeVariable(REVIEW_DECISION);
    execution.removeVariable(REVIEW_COMMENT);
    execution.setVariable(REPORT_ID, id);
    execution.setVariable(REPORT_SUMMARY, ReportSummary.of(compiled));
  }
}
