package org.unodc.uponrequest.reporting;

import static org.unodc.uponrequest.reporting.ReportVariables.REPORT_ID;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Publish the report": the approved figures (as stored, not compiled again) rendered as the final
 * page, naming the approver, and as PDF, both kept with the report. Asynchronous in the model: the
 * approval commits first, and a PDF that fails is retried, then shown to Cockpit as an incident.
 */
@Component("publishReport")
class PublishReport implements JavaDelegate {

  private final Reports reports;
  private final FiguresJson json;
  private final ReportHtml html;
  private final ReportPdf pdf;

  PublishReport(Reports reports, FiguresJson json, ReportHtml html, ReportPdf pdf) {
    this.reports = reports;
    this.json = json;
    this.html = html;
    this.pdf = pdf;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ((Number) execution.getVariable(REPORT_ID)).longValue();
    Reports.Report report = reports.find(id).orElseThrow(() -> new IllegalStateException("No report " + id));
    ReportFigures figures = json.read(reports.figures(id));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ReportHtml.Heading heading = ReportHtml.Heading.published(report, now, new ReportFormat());
    reports.published(id, html.page(figures, heading).getBytes(StandardCharsets.UTF_8),
        pdf.of(html.printable(figures, heading)), now);
  }
}
