package org.unodc.uponrequest.reporting;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The days a report covers, first and last included, as UTC days (the engine keeps its times in UTC). */
record ReportPeriod(LocalDate from, LocalDate to) {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  /** The calendar year before the one {@code today} is in: what the yearly report covers. */
  static ReportPeriod yearBefore(LocalDate today) {
    int year = today.getYear() - 1;
    return new ReportPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
  }

  /** The first instant of the period. */
  Timestamp start() {
    return Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** The first instant after the period. */
  Timestamp end() {
    return Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  boolean calendarYear() {
    return from.getYear() == to.getYear() && from.getDayOfYear() == 1 && to.plusDays(1).getDayOfYear() == 1;
  }

  /** E.g. "Implementation report 2026" for a calendar year, else with the days. */
  String title() {
    return calendarYear() ? "Implementation report " + from.getYear()
        : "Implementation report " + DAY.format(from) + " to " + DAY.format(to);
  }

  /** E.g. "1 January 2026 to 31 December 2026". */
  String inWords() {
    return DAY.format(from) + " to " + DAY.format(to);
  }

  /** For file names: "2026-01-01_2026-12-31". */
  String slug() {
    return from + "_" + to;
  }
}
