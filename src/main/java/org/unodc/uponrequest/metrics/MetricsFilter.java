package org.unodc.uponrequest.metrics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every figure of the dashboard is narrowed to: a period of whole months ({@code from} to
 * {@code to}, both included) and optionally one region, office, thematic area and priority band
 * of the requests. Months, not days: flows are counted by month, and managers report by month,
 * quarter and year.
 */
public record MetricsFilter(YearMonth from, YearMonth to, String region, String office, String theme, String band) {

  /** The default period: the last twelve months, this one included. */
  static final int DEFAULT_MONTHS = 12;

  /** Reads the query parameters, each checked; a bad one is refused naming it. */
  static MetricsFilter of(Map<String, String> parameters, Clock clock, MetricsCodes codes) {
    YearMonth now = YearMonth.now(clock);
    YearMonth to = month(parameters, "to", now);
    YearMonth from = month(parameters, "from", to.minusMonths(DEFAULT_MONTHS - 1));
    if (from.isAfter(to)) {
      throw new BadMetricsQuery("from", "the period starts after it ends (" + from + " > " + to + ")");
    }
    return new MetricsFilter(from, to, codes.region(parameters.get("region")), codes.office(parameters.get("office")),
        codes.theme(parameters.get("theme")), codes.band(parameters.get("band")));
  }

  private static YearMonth month(Map<String, String> parameters, String name, YearMonth otherwise) {
    String value = parameters.get(name);
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      YearMonth month = YearMonth.parse(value.trim());
      if (month.getYear() < 2000 || month.getYear() > 2999) {
        throw new BadMetricsQuery(name, "'" + value + "' is outside the years 2000 to 2999");
      }
      return month;
    } catch (DateTimeParseException e) {
      throw new BadMetricsQuery(name, "'" + value + "' is not a month such as 2026-01");
    }
  }

  /** The first moment of the period, in epoch milliseconds (months begin at midnight, this server's time). */
  long start() {
    return Timestamp.valueOf(from.atDay(1).atStartOfDay()).getTime();
  }

  /** The first moment after the period. */
  long end() {
    return Timestamp.valueOf(to.plusMonths(1).atDay(1).atStartOfDay()).getTime();
  }

  /** The filter as query parameters, as a link or a download repeats it. */
  Map<String, String> asParameters() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("from", from.toString());
    values.put("to", to.toString());
    if (region != null) {
      values.put("region", region);
    }
    if (office != null) {
      values.put("office", office);
    }
    if (theme != null) {
      values.put("theme", theme);
    }
    if (band != null) {
      values.put("band", band);
    }
    return values;
  }
}
