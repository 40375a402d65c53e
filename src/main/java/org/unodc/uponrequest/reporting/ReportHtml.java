package org.unodc.uponrequest.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.unodc.uponrequest.reporting.ReportFigures.Days;
import org.unodc.uponrequest.reporting.ReportFigures.Line;

/**
 * The report as an HTML document (templates/reporting/report.html), from its figures: the page
 * managers open, and the printable version the PDF is made from (stylesheet inline, no links out).
 * Rendered outside any web request (in the process's jobs), so the template builds no
 * context-relative links.
 */
@Component
class ReportHtml {

  static final String TEMPLATE = "reporting/report";
  private static final String STYLESHEET = "static/css/report.css";

  /** What the document says about itself: which report, for when, asked by whom, approved by whom. */
  record Heading(long id, String title, String period, String requestedBy, String approval, boolean published,
      Instant publishedAt) {

    /** A report compiled for review: not approved, not published. */
    static Heading draft(String title, ReportPeriod period, String requestedBy) {
      return new Heading(0, title, period.inWords(), askedBy(requestedBy), "Not approved yet", false, null);
    }

    /** A report as published at {@code at}. */
    static Heading published(Reports.Report report, Instant at, ReportFormat format) {
      return new Heading(report.id(), report.title(), report.period().inWords(), askedBy(report.requestedBy()),
          report.approver() + ", " + format.time(report.approvedAt()), true, at);
    }

    private static String askedBy(String requestedBy) {
      return requestedBy == null ? "The yearly schedule (the previous calendar year)" : requestedBy;
    }
  }

  /** One of the tables of counts: by thematic area, region, office or band. */
  record Breakdown(String id, String heading, String caption, String dimension, String note, List<Line> lines) {}

  record CycleLine(String label, Days days) {}

  private final ITemplateEngine templates;
  private final ReportFormat format = new ReportFormat();
  private final String stylesheet;

  ReportHtml(ITemplateEngine templates) {
    this.templates = templates;
    this.stylesheet = read(STYLESHEET);
  }

  /** The page at /manager/reports/{id}. */
  String page(ReportFigures figures, Heading heading) {
    return render(figures, heading, false);
  }

  /** The same document for the PDF: XHTML, its stylesheet inline. */
  String printable(ReportFigures figures, Heading heading) {
    return render(figures, heading, true);
  }

  private String render(ReportFigures figures, Heading heading, boolean print) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("figures", figures);
    context.setVariable("heading", heading);
    context.setVariable("f", format);
    context.setVariable("print", print);
    context.setVariable("css", stylesheet);
    context.setVariable("maxObstacles", FiguresFromMetrics.OBSTACLES_PER_GROUP);
    context.setVariable("breakdowns", List.of(
        new Breakdown("by-theme", "2. Requests by thematic area", "Requests by thematic area", "Thematic area",
            "Each request counts under the one area that counts for its priority.", figures.byTheme()),
        new Breakdown("by-region", "3. Requests by region", "Requests by region of the lead state", "Region", null,
            figures.byRegion()),
        new Breakdown("by-office", "4. Requests by office", "Requests by office", "Office",
            "The office that accepted the request, or the one it was offered to; none before the assignment.",
            figures.byOffice()),
        new Breakdown("by-band", "5. Requests by priority band", "Requests by priority band", "Priority band",
            "The band of the priority assessment, as strategic planning confirmed or set it.", figures.byBand())));
    var times = figures.cycleTimes();
    context.setVariable("cycleLines", List.of(
        new CycleLine("Office acceptance (requests accepted in the period)", times.toOfficeAcceptance()),
        new CycleLine("Closure of completed requests (closed in the period)", times.toClosureCompleted()),
        new CycleLine("Closure, whatever the outcome (closed in the period)", times.toClosureAny())));
    return templates.process(TEMPLATE, context);
  }

  private static String read(String resource) {
    try (InputStream in = ReportHtml.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
