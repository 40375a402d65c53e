package org.unodc.uponrequest.metrics;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.unodc.uponrequest.process.Stage;

/**
 * The requests behind a figure: what a click on a bar, a tile or a step of the heatmap lists. The
 * selection names the figure's part ({@code received}, {@code reached:DELIVERY},
 * {@code waiting:Activity_ScreenRequest}, {@code flow:Flow_X}, ...), the filter narrows it as it
 * narrows the figure, so the list has as many requests as the figure counts.
 */
@Service
class RequestsBehind {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final List<String> COLUMNS = List.of("reference", "leadState", "region", "theme", "band", "office", "stage",
      "outcome", "filedAt", "closedAt", "link");

  /** One page of the requests behind a figure and how many there are in all. */
  record Listing(MetricsTable table, long total) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final ManagerMetrics metrics;
  private final Heatmap heatmap;

  RequestsBehind(NamedParameterJdbcTemplate jdbc, ManagerMetrics metrics, Heatmap heatmap) {
    this.jdbc = jdbc;
    this.metrics = metrics;
    this.heatmap = heatmap;
  }

  Listing list(MetricsFilter filter, String selection, String limitText) {
    int limit = limit(limitText);
    MapSqlParameterSource p = filter.parameters().addValue("now", metrics.now()).addValue("limit", limit);
    String where = condition(selection == null || selection.isBlank() ? "received" : selection.trim(), p)
        + filter.dimensions("R");
    long total = ManagerMetrics.number(jdbc.queryForObject("SELECT COUNT(*) FROM UR_METRIC_REQUEST R WHERE " + where, p,
        Number.class));
    List<Map<String, Object>> rows = new ArrayList<>();
    jdbc.queryForList("SELECT R.REFERENCE_, R.LEAD_STATE_, R.REGION_, R.THEME_, R.BAND_, R.OFFICE_, R.STAGE_, R.OUTCOME_, "
        + "R.FILED_AT_, R.CLOSED_AT_ FROM UR_METRIC_REQUEST R WHERE " + where
        + " ORDER BY R.FILED_AT_ DESC, R.REFERENCE_ FETCH FIRST " + limit + " ROWS ONLY", p)
        .forEach(r -> rows.add(ManagerMetrics.row("reference", r.get("REFERENCE_"), "leadState", r.get("LEAD_STATE_"),
            "region", r.get("REGION_"), "theme", r.get("THEME_"), "band", r.get("BAND_"), "office", r.get("OFFICE_"),
            "stage", r.get("STAGE_"), "outcome", r.get("OUTCOME_"), "filedAt", instant(r.get("FILED_AT_")),
            "closedAt", instant(r.get("CLOSED_AT_")),
            "link", r.get("REFERENCE_") == null ? null : "/portal/requests/" + r.get("REFERENCE_"))));
    return new Listing(new MetricsTable("requests", "Requests behind the figure", COLUMNS, rows), total);
  }

  /** The condition a selection puts on the request (alias R), its values bound in {@code p}. */
  private String condition(String selection, MapSqlParameterSource p) {
    int colon = selection.indexOf(':');
    String kind = colon < 0 ? selection : selection.substring(0, colon);
    String value = colon < 0 ? null : selection.substring(colon + 1);
    switch (kind) {
      case "received":
        return "R.FILED_AT_ >= :start AND R.FILED_AT_ < :end";
      case "completed":
        return "R.OUTCOME_ = 'COMPLETED' AND R.CLOSED_AT_ >= :start AND R.CLOSED_AT_ < :end";
      case "open":
        return "R.CLOSED_AT_ IS NULL";
      case "overdue":
        return "R.PROC_INST_ID_ IN (SELECT W.PROC_INST_ID_ FROM UR_METRIC_WAIT W WHERE W.TASK_ = TRUE AND W.DUE_AT_ < :now)";
      case "reached":
        if ("COMPLETED".equals(value)) {
          return "R.FILED_AT_ >= :start AND R.FILED_AT_ < :end AND R.OUTCOME_ = 'COMPLETED'";
        }
        return "R.FILED_AT_ >= :start AND R.FILED_AT_ < :end AND R." + stage(value, selection) + "_AT_ IS NOT NULL";
      case "in":
        p.addValue("stage", stage(value, selection).name());
        return "R.CLOSED_AT_ IS NULL AND R.STAGE_ = :stage";
      case "left":
        Stage left = stage(value, selection);
        // as the stage times count them: left in the period, having spent time there
        return "R." + left + "_LEFT_ >= :start AND R." + left + "_LEFT_ < :end AND R." + left + "_MS_ > 0";
      case "received-in":
      case "completed-in":
        YearMonth month = month(value, selection);
        p.addValue("monthStart", Timestamp.valueOf(month.atDay(1).atStartOfDay()))
            .addValue("monthEnd", Timestamp.valueOf(month.plusMonths(1).atDay(1).atStartOfDay()));
        return kind.equals("received-in") ? "R.FILED_AT_ >= :monthStart AND R.FILED_AT_ < :monthEnd"
            : "R.OUTCOME_ = 'COMPLETED' AND R.CLOSED_AT_ >= :monthStart AND R.CLOSED_AT_ < :monthEnd";
      case "age":
        int bucket = bucket(value, selection);
        Instant now = metrics.now().toInstant();
        p.addValue("newest", Timestamp.from(now.minus(Duration.ofDays(ManagerMetrics.AGE_BOUNDS[bucket]))));
        String older = "";
        if (bucket + 1 < ManagerMetrics.AGE_BOUNDS.length) {
          p.addValue("oldest", Timestamp.from(now.minus(Duration.ofDays(ManagerMetrics.AGE_BOUNDS[bucket + 1]))));
          older = " AND R.FILED_AT_ > :oldest";
        }
        return "R.CLOSED_AT_ IS NULL AND R.FILED_AT_ <= :newest" + older;
      case "waiting":
        p.addValue("element", known(value, selection)).addValue("elementBody", value + "#multiInstanceBody");
        return "R.PROC_INST_ID_ IN (SELECT W.PROC_INST_ID_ FROM UR_METRIC_WAIT W WHERE W.ACT_ID_ = :element "
            + "OR W.ACT_ID_ = :elementBody)";
      case "flow":
        p.addValue("flow", known(value, selection));
        return "R.PROC_INST_ID_ IN (SELECT F.PROC_INST_ID_ FROM UR_METRIC_FLOW F WHERE F.FLOW_ID_ = :flow "
            + "AND F.MONTH_ >= :fromMonth AND F.MONTH_ <= :toMonth)";
      default:
        throw new BadMetricsQuery("select", "'" + shortened(selection) + "' is not a selection; use received, completed, "
            + "open, overdue, reached:<stage>, in:<stage>, left:<stage>, received-in:<month>, completed-in:<month>, "
            + "age:<0-" + (ManagerMetrics.AGE_BOUNDS.length - 1) + ">, waiting:<step id> or flow:<flow id>");
    }
  }

  private static Stage stage(String value, String selection) {
    return Arrays.stream(Stage.values()).filter(stage -> stage != Stage.CLOSED && stage.name().equals(value)).findFirst()
        .orElseThrow(() -> new BadMetricsQuery("select", "'" + shortened(selection) + "' does not name a stage"));
  }

  private static YearMonth month(String value, String selection) {
    try {
      return YearMonth.parse(value == null ? "" : value);
    } catch (DateTimeParseException e) {
      throw new BadMetricsQuery("select", "'" + shortened(selection) + "' does not name a month such as 2026-01");
    }
  }

  private static int bucket(String value, String selection) {
    try {
      int bucket = Integer.parseInt(value == null ? "" : value);
      if (bucket >= 0 && bucket < ManagerMetrics.AGE_BOUNDS.length) {
        return bucket;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new BadMetricsQuery("select", "'" + shortened(selection) + "' does not name an age group");
  }

  private String known(String value, String selection) {
    if (value == null || !heatmap.knows(value)) {
      throw new BadMetricsQuery("select", "'" + shortened(selection) + "' does not name a step or flow of the process");
    }
    return value;
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new BadMetricsQuery("limit", "'" + shortened(text) + "' is not a number from 1 to " + MAX_LIMIT);
  }

  private static String shortened(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }

  private static String instant(Object timestamp) {
    return timestamp == null ? null : ((Timestamp) timestamp).toInstant().toString();
  }
}
