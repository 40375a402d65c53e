package org.unodc.uponrequest.reporting;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Managers' list of implementation reports, each as a page and, once published, as PDF. Only the
 * {@code managers} group may open them: security/SecurityConfiguration guards {@code /manager/**}.
 * A draft's page is what the reviewer approves; its PDF exists once it is published.
 */
@Controller
class ReportsPage {

  /** Under security.SecurityConfiguration.MANAGER_PAGES. */
  static final String PATH = "/manager/reports";

  /** One report as the list shows it; times in UTC, a dash where there is none. */
  record Line(long id, String period, String title, String status, String requestedBy, String compiledAt,
      int compilations, String approver, String approvedAt, String publishedAt, boolean published) {}

  private final Reports reports;
  private final ManagementService managementService;
  private final ReportFormat format = new ReportFormat();

  ReportsPage(Reports reports, ManagementService managementService) {
    this.reports = reports;
    this.managementService = managementService;
  }

  @GetMapping(PATH)
  String list(Model model) {
    model.addAttribute("lines", reports.list().stream().map(report -> new Line(report.id(), report.period().inWords(),
        report.title(), report.status().words(), report.requestedBy() == null ? "Yearly schedule" : report.requestedBy(),
        format.time(report.compiledAt()), report.compilations(), report.approver() == null ? ReportFormat.NONE : report.approver(),
        format.time(report.approvedAt()), format.time(report.publishedAt()), report.published())).toList());
    model.addAttribute("nextYearly", nextYearlyStart().map(job -> format.time(job.getDuedate().toInstant())).orElse(null));
    return "manager/reports";
  }

  @GetMapping(PATH + "/{reportId}")
  ResponseEntity<byte[]> page(@PathVariable String reportId) {
    return id(reportId).flatMap(reports::html)
        .map(html -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @GetMapping(PATH + "/{reportId}.pdf")
  ResponseEntity<byte[]> pdf(@PathVariable String reportId) {
    Optional<Reports.Report> report = id(reportId).flatMap(reports::find).filter(Reports.Report::published);
    return report.flatMap(found -> reports.pdf(found.id()))
        .map(pdf -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("implementation-report-" + report.get().period().slug() + ".pdf").build().toString())
            .body(pdf))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  /** When the yearly timer fires next, from its job (the product reads it as itself, not as the manager). */
  private Optional<Job> nextYearlyStart() {
    return managementService.createJobQuery().processDefinitionKey(ReportProcess.SCHEDULE_PROCESS_KEY).timers().list().stream()
        .filter(job -> job.getProcessInstanceId() == null && job.getDuedate() != null)
        .min(Comparator.comparing(Job::getDuedate));
  }

  private static Optional<Long> id(String reportId) {
    try {
      return Optional.of(Long.parseLong(reportId));
    } catch (NumberFormatException notAnId) {
      return Optional.empty();
    }
  }
}
