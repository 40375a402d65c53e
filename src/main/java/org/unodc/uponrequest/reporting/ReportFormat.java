package org.unodc.uponrequest.reporting;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the report writes its numbers and times: English, thousands separated, days to one decimal, times in UTC. */
final class ReportFormat {

  private static final DecimalFormatSymbols ENGLISH = DecimalFormatSymbols.getInstance(Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);
  static final String NONE = "–";

  public String count(long value) {
    return new DecimalFormat("#,##0", ENGLISH).format(value);
  }

  public String days(Double value) {
    return value == null ? NONE : new DecimalFormat("#,##0.0", ENGLISH).format(value);
  }

  public String usd(double value) {
    return "US$ " + new DecimalFormat("#,##0", ENGLISH).format(value);
  }

  /** E.g. "40 %", or a dash when there is nothing to divide. */
  public String share(long part, long whole) {
    return whole == 0 ? NONE : new DecimalFormat("#,##0", ENGLISH).format(100.0 * part / whole) + " %";
  }

  public String share(double part, double whole) {
    return whole == 0 ? NONE : new DecimalFormat("#,##0", ENGLISH).format(100.0 * part / whole) + " %";
  }

  /** E.g. "1 final report", "30 final reports, the first 25 quoted". */
  public String reports(long reports, int quoted) {
    return (reports == 1 ? "1 final report" : count(reports) + " final reports")
        + (reports > quoted ? ", the first " + quoted + " quoted" : "");
  }

  public String time(Instant at) {
    return at == null ? NONE : TIME.format(at);
  }
}
