package org.unodc.uponrequest.metrics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.unodc.uponrequest.process.Deadlines;
import org.unodc.uponrequest.process.Stage;

/**
 * The dashboard's figures, each one or two indexed queries on the reporting tables. The period
 * counts by what happened in it: requests received (filed) in it, completed (closed with outcome
 * COMPLETED) in it, stages left in it; "now" figures (open requests, ages, overdue tasks) ignore
 * the period and honour the other filters.
 */
@Service
class ManagerMetrics {

  static final double DAY_MS = 86_400_000d;
  private static final String METRIC = "UR_METRIC_REQUEST R";
  private static final String RECEIVED = "R.FILED_AT_ >= :start AND R.FILED_AT_ < :end";
  private static final String COMPLETED = "R.OUTCOME_ = 'COMPLETED' AND R.CLOSED_AT_ >= :start AND R.CLOSED_AT_ < :end";
  /** Requests open at some time in the period: the only ones that can have left a stage in it. */
  private static final String OPEN_IN_PERIOD = "R.FILED_AT_ < :end AND (R.CLOSED_AT_ IS NULL OR R.CLOSED_AT_ >= :start)";
  /** Ages of open requests, in days: each bucket from its bound up to the next one. */
  static final int[] AGE_BOUNDS = {0, 30, 90, 180, 365};

  private final NamedParameterJdbcTemplate jdbc;
  private final MetricsCodes codes;
  private final Deadlines deadlines;
  private final Clock clock;

  ManagerMetrics(NamedParameterJdbcTemplate jdbc, MetricsCodes codes, Deadlines deadlines) {
    this.jdbc = jdbc;
    this.codes = codes;
    this.deadlines = deadlines;
    this.clock = EngineClock.INSTANCE;
  }

  Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  /** The tiles: one row. */
  MetricsTable summary(MetricsFilter filter) {
    MapSqlParameterSource p = filter.parameters().addValue("now", now());
    String dims = filter.dimensions("R");
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("openRequests", count("SELECT COUNT(*) FROM " + METRIC + " WHERE R.CLOSED_AT_ IS NULL" + dims, p));
    row.put("received", count("SELECT COUNT(*) FROM " + METRIC + " WHERE " + RECEIVED + dims, p));
    row.put("completed", count("SELECT COUNT(*) FROM " + METRIC + " WHERE " + COMPLETED + dims, p));
    row.put("medianDaysToAssignment", days(jdbc.queryForObject("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP "
        + "(ORDER BY R.TO_ASSIGNMENT_MS_) FROM " + METRIC + " WHERE R.DELIVERY_AT_ >= :start AND R.DELIVERY_AT_ < :end"
        + dims, p, Number.class)));
    row.put("medianDaysToClosure", days(jdbc.queryForObject("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP "
        + "(ORDER BY R.TO_CLOSURE_MS_) FROM " + METRIC + " WHERE " + COMPLETED + dims, p, Number.class)));
    row.put("overdueTasks", count("SELECT COUNT(*) FROM UR_METRIC_WAIT W JOIN " + METRIC
        + " ON R.PROC_INST_ID_ = W.PROC_INST_ID_ WHERE W.TASK_ = TRUE AND W.DUE_AT_ < :now" + dims, p));
    Map<String, Object> money = jdbc.queryForMap("SELECT SUM(R.BUDGET_USD_) AS REQUESTED, SUM(CASE WHEN R.FUNDING_ = "
        + "'FUNDED' THEN R.FUNDED_USD_ END) AS SECURED FROM " + METRIC + " WHERE " + RECEIVED + dims, p);
    row.put("fundingRequestedUsd", amount(money.get("REQUESTED")));
    row.put("fundingSecuredUsd", amount(money.get("SECURED")));
    return new MetricsTable("summary", "Summary", List.copyOf(row.keySet()), List.of(row));
  }

  /** The funnel: of the requests received in the period, how many reached each stage; and how many are in it now. */
  MetricsTable stages(MetricsFilter filter) {
    MapSqlParameterSource p = filter.parameters();
    String dims = filter.dimensions("R");
    StringBuilder reached = new StringBuilder("SELECT ");
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      reached.append("COUNT(R.").append(stage).append("_AT_) AS ").append(stage).append(", ");
    }
    reached.append("SUM(CASE WHEN R.OUTCOME_ = 'COMPLETED' THEN 1 ELSE 0 END) AS COMPLETED FROM ").append(METRIC)
        .append(" WHERE ").append(RECEIVED).append(dims);
    Map<String, Object> counts = jdbc.queryForMap(reached.toString(), p);
    Map<String, Long> now = new LinkedHashMap<>();
    jdbc.queryForList("SELECT R.STAGE_, COUNT(*) AS N FROM " + METRIC + " WHERE R.CLOSED_AT_ IS NULL" + dims
        + " GROUP BY R.STAGE_", p).forEach(row -> now.put((String) row.get("STAGE_"), ((Number) row.get("N")).longValue()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      rows.add(row("stage", stage.name(), "reached", number(counts.get(stage.name())), "openNow",
          now.getOrDefault(stage.name(), 0L)));
    }
    rows.add(row("stage", "COMPLETED", "reached", number(counts.get("COMPLETED")), "openNow", 0L));
    return new MetricsTable("stages", "Requests by stage", List.of("stage", "reached", "openNow"), rows);
  }

  /** Requests received and completed in the period by one dimension: region, office, theme or band. */
  MetricsTable by(String dimension, MetricsFilter filter) {
    String column = switch (dimension) {
      case "region" -> "REGION_";
      case "office" -> "OFFICE_";
      case "theme" -> "THEME_";
      case "band" -> "BAND_";
      default -> throw new IllegalArgumentException(dimension);
    };
    MapSqlParameterSource p = filter.parameters();
    List<Map<String, Object>> rows = new ArrayList<>();
    jdbc.queryForList("SELECT R." + column + " AS CODE, SUM(CASE WHEN " + RECEIVED + " THEN 1 ELSE 0 END) AS RECEIVED, "
        + "SUM(CASE WHEN " + COMPLETED + " THEN 1 ELSE 0 END) AS COMPLETED FROM " + METRIC + " WHERE ((" + RECEIVED
        + ") OR (" + COMPLETED + "))" + filter.dimensions("R") + " GROUP BY R." + column + " ORDER BY RECEIVED DESC, CODE", p)
        .forEach(r -> rows.add(row(dimension, r.get("CODE") == null ? "" : r.get("CODE"),
            "label", codes.label(dimension, (String) r.get("CODE")), "received", number(r.get("RECEIVED")),
            "completed", number(r.get("COMPLETED")))));
    String title = switch (dimension) {
      case "region" -> "Requests by region";
      case "office" -> "Requests by office";
      case "theme" -> "Requests by thematic area";
      default -> "Requests by priority band";
    };
    return new MetricsTable(dimension + "s", title,
        List.of(dimension, "label", "received", "completed"), rows);
  }

  /** Received and completed per month of the period, every month listed. */
  MetricsTable monthly(MetricsFilter filter) {
    MapSqlParameterSource p = filter.parameters();
    String dims = filter.dimensions("R");
    Map<Integer, long[]> months = new LinkedHashMap<>();
    for (YearMonth month = filter.from(); !month.isAfter(filter.to()); month = month.plusMonths(1)) {
      months.put(month.getYear() * 100 + month.getMonthValue(), new long[2]);
    }
    jdbc.queryForList("SELECT EXTRACT(YEAR FROM R.FILED_AT_) * 100 + EXTRACT(MONTH FROM R.FILED_AT_) AS M, COUNT(*) AS N "
        + "FROM " + METRIC + " WHERE " + RECEIVED + dims + " GROUP BY EXTRACT(YEAR FROM R.FILED_AT_) * 100 + "
        + "EXTRACT(MONTH FROM R.FILED_AT_)", p).forEach(r -> add(months, r, 0));
    jdbc.queryForList("SELECT EXTRACT(YEAR FROM R.CLOSED_AT_) * 100 + EXTRACT(MONTH FROM R.CLOSED_AT_) AS M, COUNT(*) AS N "
        + "FROM " + METRIC + " WHERE " + COMPLETED + dims + " GROUP BY EXTRACT(YEAR FROM R.CLOSED_AT_) * 100 + "
        + "EXTRACT(MONTH FROM R.CLOSED_AT_)", p).forEach(r -> add(months, r, 1));
    List<Map<String, Object>> rows = new ArrayList<>();
    months.forEach((month, counts) -> rows.add(row("month", String.format("%d-%02d", month / 100, month % 100),
        "received", counts[0], "completed", counts[1])));
    return new MetricsTable("monthly", "Received and completed per month", List.of("month", "received", "completed"), rows);
  }

  /**
   * Time spent in each stage by the requests that left it in the period, having spent time in it:
   * median and 90th percentile, in days.
   */
  MetricsTable stageTimes(MetricsFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      // a stage passed within one step (e.g. consultation with none required) took no time: not counted
      String left = "R." + stage + "_LEFT_ >= :start AND R." + stage + "_LEFT_ < :end AND R." + stage + "_MS_ > 0";
      sql.append("SUM(CASE WHEN ").append(left).append(" THEN 1 ELSE 0 END) AS ").append(stage).append("_N, ")
          .append("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CASE WHEN ").append(left).append(" THEN R.").append(stage)
          .append("_MS_ END) AS ").append(stage).append("_P50, ")
          .append("PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY CASE WHEN ").append(left).append(" THEN R.").append(stage)
          .append("_MS_ END) AS ").append(stage).append("_P90, ");
    }
    sql.setLength(sql.length() - 2);
    sql.append(" FROM ").append(METRIC).append(" WHERE ").append(OPEN_IN_PERIOD).append(filter.dimensions("R"));
    Map<String, Object> result = jdbc.queryForMap(sql.toString(), filter.parameters());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      rows.add(row("stage", stage.name(), "requests", number(result.get(stage + "_N")),
          "medianDays", days((Number) result.get(stage + "_P50")), "p90Days", days((Number) result.get(stage + "_P90"))));
    }
    return new MetricsTable("stage-times", "Time in each stage (days)", List.of("stage", "requests", "medianDays", "p90Days"),
        rows);
  }

  /** Open requests by how long ago they were filed. */
  MetricsTable openAge(MetricsFilter filter) {
    Instant now = clock.instant();
    MapSqlParameterSource p = filter.parameters();
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < AGE_BOUNDS.length; i++) {
      String newest = "R.FILED_AT_ <= :bound" + i;
      String older = i + 1 < AGE_BOUNDS.length ? " AND R.FILED_AT_ > :bound" + (i + 1) : "";
      sql.append("SUM(CASE WHEN ").append(newest).append(older).append(" THEN 1 ELSE 0 END) AS B").append(i).append(", ");
      p.addValue("bound" + i, Timestamp.from(now.minus(Duration.ofDays(AGE_BOUNDS[i]))));
    }
    sql.setLength(sql.length() - 2);
    sql.append(" FROM ").append(METRIC).append(" WHERE R.CLOSED_AT_ IS NULL").append(filter.dimensions("R"));
    Map<String, Object> result = jdbc.queryForMap(sql.toString(), p);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < AGE_BOUNDS.length; i++) {
      rows.add(row("age", ageBucket(i), "openRequests", number(result.get("B" + i))));
    }
    return new MetricsTable("open-age", "Age of open requests", List.of("age", "openRequests"), rows);
  }

  static String ageBucket(int i) {
    return i + 1 < AGE_BOUNDS.length ? AGE_BOUNDS[i] + "-" + AGE_BOUNDS[i + 1] + " days" : AGE_BOUNDS[i] + "+ days";
  }

  /** Tasks open past their due date now, by the office of their request (none yet before assignment). */
  MetricsTable overdue(MetricsFilter filter) {
    MapSqlParameterSource p = filter.parameters().addValue("now", now());
    List<Map<String, Object>> rows = new ArrayList<>();
    jdbc.queryForList("SELECT R.OFFICE_ AS CODE, COUNT(*) AS N FROM UR_METRIC_WAIT W JOIN " + METRIC
        + " ON R.PROC_INST_ID_ = W.PROC_INST_ID_ WHERE W.TASK_ = TRUE AND W.DUE_AT_ < :now" + filter.dimensions("R")
        + " GROUP BY R.OFFICE_ ORDER BY N DESC, CODE", p)
        .forEach(r -> rows.add(row("office", r.get("CODE") == null ? "" : r.get("CODE"),
            "label", codes.label("office", (String) r.get("CODE")), "overdueTasks", number(r.get("N")))));
    return new MetricsTable("overdue", "Overdue tasks by office", List.of("office", "label", "overdueTasks"), rows);
  }

  /**
   * Per stage, the tasks completed in it by the requests that left it in the period, and how many
   * of those were completed by their due date (set from {@code uponrequest.deadlines.stages}).
   */
  MetricsTable onTime(MetricsFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      String left = "R." + stage + "_LEFT_ >= :start AND R." + stage + "_LEFT_ < :end";
      sql.append("SUM(CASE WHEN ").append(left).append(" THEN R.").append(stage).append("_TASKS_ ELSE 0 END) AS ")
          .append(stage).append("_TASKS, SUM(CASE WHEN ").append(left).append(" THEN R.").append(stage)
          .append("_LATE_ ELSE 0 END) AS ").append(stage).append("_LATE, ");
    }
    sql.setLength(sql.length() - 2);
    sql.append(" FROM ").append(METRIC).append(" WHERE ").append(OPEN_IN_PERIOD).append(filter.dimensions("R"));
    Map<String, Object> result = jdbc.queryForMap(sql.toString(), filter.parameters());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      long tasks = number(result.get(stage + "_TASKS"));
      long late = number(result.get(stage + "_LATE"));
      rows.add(row("stage", stage.name(), "deadline", deadlines.getStages().get(stage.name()), "tasks", tasks,
          "onTime", tasks - late, "onTimeRate", tasks == 0 ? null : Math.round(1000.0 * (tasks - late) / tasks) / 10.0));
    }
    return new MetricsTable("on-time", "On-time rate per stage (%)",
        List.of("stage", "deadline", "tasks", "onTime", "onTimeRate"), rows);
  }

  private long count(String sql, MapSqlParameterSource parameters) {
    Number n = jdbc.queryForObject(sql, parameters, Number.class);
    return n == null ? 0 : n.longValue();
  }

  private static void add(Map<Integer, long[]> months, Map<String, Object> row, int index) {
    long[] counts = months.get(((Number) row.get("M")).intValue());
    if (counts != null) {
      counts[index] += ((Number) row.get("N")).longValue();
    }
  }

  static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** Milliseconds as days, to one decimal; null when there is nothing to measure. */
  static Double days(Number ms) {
    return ms == null ? null : Math.round(ms.doubleValue() / DAY_MS * 10) / 10.0;
  }

  private static Long amount(Object value) {
    return value == null ? 0L : Math.round(((Number) value).doubleValue());
  }

  static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }
}
