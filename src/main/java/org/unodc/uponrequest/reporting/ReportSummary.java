package org.unodc.uponrequest.reporting;

import org.unodc.uponrequest.reporting.ReportFigures.Counts;
import org.unodc.uponrequest.reporting.ReportFigures.CycleTimes;

/** The key figures in a few lines of Markdown, for the review form (the draft page has them all). */
final class ReportSummary {

  static String of(ReportFigures figures) {
    ReportFormat f = new ReportFormat();
    Counts t = figures.total();
    CycleTimes times = figures.cycleTimes();
    long obstacles = figures.obstacles().stream().mapToLong(ReportFigures.ObstacleGroup::reports).sum();
    long emerging = figures.emergingIssues().stream().mapToLong(ReportFigures.EmergingIssue::received).sum();
    return "**Received:** " + f.count(t.received())
        + " · **completed:** " + f.count(t.completed())
        + " · **declined:** " + f.count(t.declined())
        + " · **withdrawn:** " + f.count(t.withdrawn())
        + " · **closed unfunded:** " + f.count(t.unfunded())
        + " · **open at the end:** " + f.count(t.openAtEnd()) + "\n"
        + "**Median days to office acceptance:** " + f.days(times.toOfficeAcceptance().median())
        + " · **to closure of completed requests:** " + f.days(times.toClosureCompleted().median()) + "\n"
        + "**Final reports with obstacles:** " + f.count(obstacles)
        + " · **requests in emerging policy areas (para 10):** " + f.count(emerging) + "\n"
        + "**Requesting states:** " + f.count(figures.ratifications().states().size())
        + (figures.ratifications().illustrative() ? " (ratification status from illustrative data)" : "");
  }

  private ReportSummary() {}
}
