package org.unodc.uponrequest.metrics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * What every figure of the dashboard is narrowed to: a period of whole months ({@code from} to
 * {@code to}, both included) and optionally one region, office, thematic area and priority band
 * of the requests. Months, not days: the flow sums are monthly, and managers report by month,
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

  /** The first moment of the period. */
  Timestamp start() {
    return Timestamp.valueOf(from.atDay(1).atStartOfDay());
  }

  /** The first moment after the period. */
  Timestamp end() {
    return Timestamp.valueOf(to.plusMonths(1).atDay(1).atStartOfDay());
  }

  int fromMonth() {
    return from.getYear() * 100 + from.getMonthValue();
  }

  int toMonth() {
    return to.getYear() * 100 + to.getMonthValue();
  }

  /**
   * The conditions on the request's dimensions, for the table aliased {@code alias} (the request
   * row or a flow sum); empty when none is set. {@link MetricsCodes#NONE} asks for requests without one.
   */
  String dimensions(String alias) {
    StringBuilder where = new StringBuilder();
    condition(where, alias, "REGION_", "region", region);
    condition(where, alias, "OFFICE_", "office", office);
    condition(where, alias, "THEME_", "theme", theme);
    condition(where, alias, "BAND_", "band", band);
    return where.toString();
  }

  private static void condition(StringBuilder where, String alias, String column, String parameter, String value) {
    // the column names are fixed here, the values bound; a flow sum has '' where a request row has NULL
    if (MetricsCodes.NONE.equals(value)) {
      where.append(" AND COALESCE(").append(alias).append('.').append(column).append(", '') = ''");
    } else if (value != null) {
      where.append(" AND ").append(alias).append('.').append(column).append(" = :").append(parameter);
    }
  }

  /** The period and dimension values, named as {@link #dimensions} and the queries use them. */
  MapSqlParameterSource parameters() {
    return new MapSqlParameterSource("start", start()).addValue("end", end()).addValue("fromMonth", fromMonth())
        .addValue("toMonth", toMonth()).addValue("region", region).addValue("office", office).addValue("theme", theme)
        .addValue("band", band);
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
