package org.unodc.uponrequest.reporting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.Outcome;
import org.unodc.uponrequest.process.Stage;
import org.unodc.uponrequest.referencedata.Office;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.referencedata.ThematicArea;
import org.unodc.uponrequest.reporting.ReportFigures.Counts;
import org.unodc.uponrequest.reporting.ReportFigures.CycleTimes;
import org.unodc.uponrequest.reporting.ReportFigures.Days;
import org.unodc.uponrequest.reporting.ReportFigures.EmergingIssue;
import org.unodc.uponrequest.reporting.ReportFigures.Funding;
import org.unodc.uponrequest.reporting.ReportFigures.Line;
import org.unodc.uponrequest.reporting.ReportFigures.Obstacle;
import org.unodc.uponrequest.reporting.ReportFigures.ObstacleGroup;
import org.unodc.uponrequest.reporting.ReportFigures.StageTime;

/**
 * Compiles a period's figures from the reporting table {@code UR_METRIC_REQUEST} (one row per
 * request, kept by metrics.MetricsProjection), never from Camunda's history: six grouped queries,
 * whatever the number of requests, each a scan of the requests active in the period at most. The
 * SQL is the same on H2 and PostgreSQL (CASE inside aggregates, PERCENTILE_CONT ... WITHIN GROUP,
 * window functions; no date arithmetic: times are compared with the period's bounds as parameters).
 *
 * <p>What counts where: received = filed in the period; completed, declined, withdrawn, unfunded =
 * closed in the period with that outcome; open at the end = filed before the period ended and not
 * closed by then. A request's area is the one that counts for its priority ({@code THEME_}); its
 * region the lead state's.
 */
@Component
class FiguresFromMetrics {

  /** Obstacles listed per thematic area and office; the others are counted (a report is read, not searched). */
  static final int OBSTACLES_PER_GROUP = 10;
  static final String NOT_YET_ASSESSED = "Not yet assessed";
  static final String NO_OFFICE_YET = "No office yet";
  static final String NOT_RECORDED = "Not recorded";
  /** GA 64/179 para 10: the emerging policy issues, as tagged in seeds/thematic-areas.csv. */
  static final String EMERGING_ISSUES_PARAGRAPH = "10";

  private static final long DAY_MS = 86_400_000L;
  private static final String IN_PERIOD = " >= :from AND %s < :to";
  /** The requests a period's figures can concern: filed before it ended, not closed before it began. */
  private static final String ACTIVE_IN_PERIOD = " FROM UR_METRIC_REQUEST WHERE FILED_AT_ < :to "
      + "AND (CLOSED_AT_ IS NULL OR CLOSED_AT_ >= :from)";
  private static final List<Stage> STAGES = Arrays.stream(Stage.values()).filter(stage -> stage != Stage.CLOSED).toList();

  private final NamedParameterJdbcTemplate jdbc;
  private final ReferenceData referenceData;
  private final RequestersRatifications ratifications;

  FiguresFromMetrics(NamedParameterJdbcTemplate jdbc, ReferenceData referenceData, RequestersRatifications ratifications) {
    this.jdbc = jdbc;
    this.referenceData = referenceData;
    this.ratifications = ratifications;
  }

  ReportFigures compile(ReportPeriod period, Instant at) {
    MapSqlParameterSource bounds = new MapSqlParameterSource("from", period.start()).addValue("to", period.end());
    Map<Cell, Counts> cells = counts(bounds);
    Counts total = cells.values().stream().reduce(Counts.NONE, Counts::plus);
    return new ReportFigures(period.from(), period.to(), at, total,
        lines(cells, Cell::theme, this::themeLabel, themeOrder()),
        lines(cells, Cell::region, region -> region == null ? NOT_RECORDED : region, Comparator.naturalOrder()),
        lines(cells, Cell::office, this::officeName, officeOrder()),
        lines(cells, Cell::band, band -> band == null ? NOT_YET_ASSESSED : band, bandOrder()),
        funding(bounds), cycleTimes(bounds), obstacles(bounds), emergingIssues(bounds),
        ratifications.of(requestingStates(bounds)));
  }

  // --- received and closed, by area, region, office and band ------------------------------------

  /** One combination of the dimensions a request is counted under. */
  record Cell(String theme, String region, String office, String band) {}

  private Map<Cell, Counts> counts(MapSqlParameterSource bounds) {
    String closedIn = "CLOSED_AT_" + IN_PERIOD.formatted("CLOSED_AT_");
    String sql = "SELECT THEME_, REGION_, OFFICE_, BAND_, "
        + "SUM(CASE WHEN FILED_AT_" + IN_PERIOD.formatted("FILED_AT_") + " THEN 1 ELSE 0 END) AS RECEIVED, "
        + closedWith("COMPLETED", closedIn, Outcome.COMPLETED) + ", "
        + closedWith("DECLINED", closedIn, Outcome.DECLINED) + ", "
        + closedWith("WITHDRAWN", closedIn, Outcome.WITHDRAWN, Outcome.WITHDRAWN_NO_ANSWER) + ", "
        + closedWith("NO_ANSWER", closedIn, Outcome.WITHDRAWN_NO_ANSWER) + ", "
        + closedWith("UNFUNDED", closedIn, Outcome.CLOSED_UNFUNDED) + ", "
        + "SUM(CASE WHEN CLOSED_AT_ IS NULL OR CLOSED_AT_ >= :to THEN 1 ELSE 0 END) AS OPEN_AT_END"
        + ACTIVE_IN_PERIOD + " GROUP BY THEME_, REGION_, OFFICE_, BAND_";
    Map<Cell, Counts> cells = new LinkedHashMap<>();
    jdbc.query(sql, bounds, row -> {
      cells.put(new Cell(row.getString("THEME_"), row.getString("REGION_"), row.getString("OFFICE_"), row.getString("BAND_")),
          new Counts(row.getLong("RECEIVED"), row.getLong("COMPLETED"), row.getLong("DECLINED"), row.getLong("WITHDRAWN"),
              row.getLong("NO_ANSWER"), row.getLong("UNFUNDED"), row.getLong("OPEN_AT_END")));
    });
    return cells;
  }

  /** The outcomes are enum names, never input: safe to write into the statement. */
  private static String closedWith(String alias, String closedIn, Outcome... outcomes) {
    String names = Arrays.stream(outcomes).map(outcome -> "'" + outcome.name() + "'").collect(Collectors.joining(", "));
    return "SUM(CASE WHEN " + closedIn + " AND OUTCOME_ IN (" + names + ") THEN 1 ELSE 0 END) AS " + alias;
  }

  private static List<Line> lines(Map<Cell, Counts> cells, Function<Cell, String> dimension, Function<String, String> label,
      Comparator<String> order) {
    Map<String, Counts> sums = new TreeMap<>(Comparator.nullsLast(order));
    cells.forEach((cell, counts) -> sums.merge(dimension.apply(cell), counts, Counts::plus));
    return sums.entrySet().stream()
        .map(sum -> new Line(sum.getKey(), label.apply(sum.getKey()), sum.getValue()))
        .toList();
  }

  // --- funding ------------------------------------------------------------------------------------

  private List<Funding> funding(MapSqlParameterSource bounds) {
    String sql = "SELECT FUNDING_, FUNDING_SOURCE_, COUNT(*) AS REQUESTS, SUM(BUDGET_USD_) AS REQUESTED, "
        + "SUM(FUNDED_USD_) AS SECURED FROM UR_METRIC_REQUEST WHERE FUNDING_LEFT_" + IN_PERIOD.formatted("FUNDING_LEFT_")
        + " GROUP BY FUNDING_, FUNDING_SOURCE_";
    List<Funding> lines = new ArrayList<>();
    jdbc.query(sql, bounds, row -> {
      String decision = row.getString("FUNDING_");
      String source = row.getString("FUNDING_SOURCE_");
      boolean funded = "FUNDED".equals(decision);
      String code = funded ? source : decision == null ? "NONE" : decision;
      String label = funded ? referenceData.fundingSource(source).map(found -> found.label()).orElse(String.valueOf(source))
          : "CLOSE_UNFUNDED".equals(decision) ? "Closed unfunded"
          : "Left funding without a decision (e.g. withdrawn while waiting for funds)";
      lines.add(new Funding(code, label, row.getLong("REQUESTS"), row.getDouble("REQUESTED"),
          funded ? row.getDouble("SECURED") : 0));
    });
    List<String> sources = referenceData.fundingSources().stream().map(found -> found.code()).toList();
    lines.sort(Comparator.comparingInt(line -> sources.contains(line.code()) ? sources.indexOf(line.code())
        : sources.size() + ("CLOSE_UNFUNDED".equals(line.code()) ? 0 : 1)));
    return merged(lines);
  }

  /** Requests left in the pipeline and those with no decision fall under one line. */
  private static List<Funding> merged(List<Funding> lines) {
    Map<String, Funding> byCode = new LinkedHashMap<>();
    for (Funding line : lines) {
      String code = line.code().equals("PIPELINE") ? "NONE" : line.code();
      byCode.merge(code, new Funding(code, line.label(), line.requests(), line.requestedUsd(), line.securedUsd()),
          (a, b) -> new Funding(code, a.label(), a.requests() + b.requests(), a.requestedUsd() + b.requestedUsd(),
              a.securedUsd() + b.securedUsd()));
    }
    return List.copyOf(byCode.values());
  }

  // --- cycle times ----------------------------------------------------------------------------------

  private CycleTimes cycleTimes(MapSqlParameterSource bounds) {
    StringBuilder sql = new StringBuilder("SELECT ");
    sql.append(days("ACC", "DELIVERY_AT_" + IN_PERIOD.formatted("DELIVERY_AT_"), "TO_ASSIGNMENT_MS_")).append(", ");
    String closedIn = "CLOSED_AT_" + IN_PERIOD.formatted("CLOSED_AT_");
    sql.append(days("DONE", closedIn + " AND OUTCOME_ = 'COMPLETED'", "TO_CLOSURE_MS_")).append(", ");
    sql.append(days("ANY", closedIn, "TO_CLOSURE_MS_"));
    for (Stage stage : STAGES) {
      // the columns come from the Stage enum, never from input
      String left = stage + "_LEFT_" + IN_PERIOD.formatted(stage + "_LEFT_");
      sql.append(", ").append(days(stage.name(), left, stage + "_MS_"))
          .append(", SUM(CASE WHEN ").append(left).append(" THEN ").append(stage).append("_TASKS_ ELSE 0 END) AS ")
          .append(stage).append("_T")
          .append(", SUM(CASE WHEN ").append(left).append(" THEN ").append(stage).append("_LATE_ ELSE 0 END) AS ")
          .append(stage).append("_L");
    }
    sql.append(ACTIVE_IN_PERIOD);
    return jdbc.queryForObject(sql.toString(), bounds, (row, number) -> {
      List<StageTime> stages = new ArrayList<>();
      for (Stage stage : STAGES) {
        stages.add(new StageTime(stage.name(), stageLabel(stage), days(row, stage.name()), row.getLong(stage + "_T"),
            row.getLong(stage + "_L")));
      }
      return new CycleTimes(days(row, "ACC"), days(row, "DONE"), days(row, "ANY"), stages);
    });
  }

  /** The count, median and 90th percentile of a duration column over the rows where {@code when} holds. */
  private static String days(String alias, String when, String column) {
    String value = "CASE WHEN " + when + " THEN " + column + " END";
    return "COUNT(" + value + ") AS " + alias + "_N, "
        + "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + value + ") AS " + alias + "_P50, "
        + "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY " + value + ") AS " + alias + "_P90";
  }

  private static Days days(java.sql.ResultSet row, String alias) throws java.sql.SQLException {
    long requests = row.getLong(alias + "_N");
    return new Days(requests, requests == 0 ? null : inDays(row.getObject(alias + "_P50")),
        requests == 0 ? null : inDays(row.getObject(alias + "_P90")));
  }

  private static Double inDays(Object milliseconds) {
    return milliseconds == null ? null : ((Number) milliseconds).doubleValue() / DAY_MS;
  }

  private static String stageLabel(Stage stage) {
    return switch (stage) {
      case INTAKE -> "Intake and screening";
      case ASSESSMENT -> "Priority assessment";
      case CONSULTATION -> "Specialist consultations";
      case FUNDING -> "Funding";
      case ASSIGNMENT -> "Regional office assignment";
      case DELIVERY -> "Delivery";
      case REPORTING -> "Reporting";
      case CLOSED -> "Closed";
    };
  }

  // --- obstacles (para 29) -------------------------------------------------------------------------

  /**
   * The obstacles of the final reports of requests that reached the reporting stage in the period,
   * by thematic area and office, the first {@link #OBSTACLES_PER_GROUP} of each by reference and
   * the number of all: one windowed query, however many reports there are.
   */
  private List<ObstacleGroup> obstacles(MapSqlParameterSource bounds) {
    String sql = "SELECT THEME_, OFFICE_, REFERENCE_, LEAD_STATE_, OBSTACLES_, REPORTS FROM ("
        + "SELECT THEME_, OFFICE_, REFERENCE_, LEAD_STATE_, OBSTACLES_, "
        + "COUNT(*) OVER (PARTITION BY THEME_, OFFICE_) AS REPORTS, "
        + "ROW_NUMBER() OVER (PARTITION BY THEME_, OFFICE_ ORDER BY REFERENCE_) AS RANK_ "
        + "FROM UR_METRIC_REQUEST WHERE REPORTING_AT_" + IN_PERIOD.formatted("REPORTING_AT_")
        + " AND OBSTACLES_ IS NOT NULL AND OBSTACLES_ <> '') LISTED WHERE RANK_ <= :shown";
    Map<Cell, List<Obstacle>> shown = new LinkedHashMap<>();
    Map<Cell, Long> reports = new LinkedHashMap<>();
    jdbc.query(sql, new MapSqlParameterSource(bounds.getValues()).addValue("shown", OBSTACLES_PER_GROUP), row -> {
      Cell group = new Cell(row.getString("THEME_"), null, row.getString("OFFICE_"), null);
      String state = row.getString("LEAD_STATE_");
      shown.computeIfAbsent(group, key -> new ArrayList<>()).add(new Obstacle(row.getString("REFERENCE_"), state,
          stateName(state), row.getString("OBSTACLES_")));
      reports.put(group, row.getLong("REPORTS"));
    });
    Comparator<String> themes = Comparator.nullsLast(themeOrder());
    Comparator<String> offices = Comparator.nullsLast(officeOrder());
    return shown.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<Cell, List<Obstacle>> group) -> group.getKey().theme(), themes)
            .thenComparing(group -> group.getKey().office(), offices))
        .map(group -> new ObstacleGroup(group.getKey().theme(), themeLabel(group.getKey().theme()), group.getKey().office(),
            officeName(group.getKey().office()), reports.get(group.getKey()),
            group.getValue().stream().sorted(Comparator.comparing(Obstacle::reference, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList()))
        .toList();
  }

  // --- emerging policy issues (para 10) ------------------------------------------------------------

  /** Requests naming a para 10 area among their areas (not only as the one that counts). */
  private List<EmergingIssue> emergingIssues(MapSqlParameterSource bounds) {
    List<ThematicArea> areas = referenceData.thematicAreas().stream()
        .filter(area -> Arrays.stream(area.resolutionParagraphs().split(";")).map(String::trim)
            .anyMatch(EMERGING_ISSUES_PARAGRAPH::equals))
        .toList();
    if (areas.isEmpty()) {
      return List.of();
    }
    MapSqlParameterSource parameters = new MapSqlParameterSource(bounds.getValues());
    StringBuilder sql = new StringBuilder("SELECT ");
    String filedIn = "FILED_AT_" + IN_PERIOD.formatted("FILED_AT_");
    String closedIn = "CLOSED_AT_" + IN_PERIOD.formatted("CLOSED_AT_");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < areas.size(); i++) {
      String named = "(',' || THEMES_ || ',') LIKE :area" + i + " ESCAPE '\\'";
      names.add(named);
      parameters.addValue("area" + i, "%," + areas.get(i).code().replace("_", "\\_") + ",%");
      sql.append(i == 0 ? "" : ", ")
          .append("SUM(CASE WHEN ").append(named).append(" AND ").append(filedIn).append(" THEN 1 ELSE 0 END) AS R").append(i)
          .append(", SUM(CASE WHEN ").append(named).append(" AND ").append(closedIn)
          .append(" AND OUTCOME_ = 'COMPLETED' THEN 1 ELSE 0 END) AS C").append(i)
          .append(", SUM(CASE WHEN ").append(named).append(" AND (CLOSED_AT_ IS NULL OR CLOSED_AT_ >= :to) THEN 1 ELSE 0 END) AS O")
          .append(i);
    }
    sql.append(ACTIVE_IN_PERIOD);
    Map<String, long[]> counts = new LinkedHashMap<>();
    jdbc.query(sql.toString(), parameters, row -> {
      for (int i = 0; i < areas.size(); i++) {
        counts.put(areas.get(i).code(), new long[] {row.getLong("R" + i), row.getLong("C" + i), row.getLong("O" + i)});
      }
    });
    // which states asked: few distinct combinations of areas and state, whatever the number of requests
    Map<String, TreeSet<String>> states = new LinkedHashMap<>();
    jdbc.query("SELECT DISTINCT THEMES_, LEAD_STATE_ FROM UR_METRIC_REQUEST WHERE " + filedIn + " AND ("
        + String.join(" OR ", names) + ")", parameters, row -> {
          List<String> themes = List.of(Objects.requireNonNullElse(row.getString("THEMES_"), "").split(","));
          for (ThematicArea area : areas) {
            if (themes.contains(area.code()) && row.getString("LEAD_STATE_") != null) {
              states.computeIfAbsent(area.code(), key -> new TreeSet<>()).add(stateName(row.getString("LEAD_STATE_")));
            }
          }
        });
    return areas.stream().map(area -> {
      long[] count = counts.getOrDefault(area.code(), new long[3]);
      return new EmergingIssue(area.code(), area.label(), count[0], count[1], count[2],
          List.copyOf(states.getOrDefault(area.code(), new TreeSet<>())));
    }).toList();
  }

  // --- requesting states (para 29: ratifications) -------------------------------------------------

  private Map<String, Long> requestingStates(MapSqlParameterSource bounds) {
    Map<String, Long> states = new TreeMap<>();
    jdbc.query("SELECT LEAD_STATE_, COUNT(*) AS REQUESTS FROM UR_METRIC_REQUEST WHERE FILED_AT_"
        + IN_PERIOD.formatted("FILED_AT_") + " AND LEAD_STATE_ IS NOT NULL GROUP BY LEAD_STATE_", bounds,
        row -> {
          states.put(row.getString("LEAD_STATE_"), row.getLong("REQUESTS"));
        });
    return states;
  }

  // --- names and orders -----------------------------------------------------------------------------

  private String themeLabel(String code) {
    return code == null ? NOT_RECORDED : referenceData.thematicArea(code).map(ThematicArea::label).orElse(code);
  }

  private String officeName(String code) {
    return code == null ? NO_OFFICE_YET : referenceData.office(code).map(office -> office.name() + " (" + code + ")").orElse(code);
  }

  private String stateName(String iso3) {
    return iso3 == null ? NOT_RECORDED : referenceData.memberState(iso3).map(state -> state.name()).orElse(iso3);
  }

  /** Thematic areas in the order of the seeds (the resolution's), unknown codes after them. */
  private Comparator<String> themeOrder() {
    return seedOrder(referenceData.thematicAreas().stream().map(ThematicArea::code).toList());
  }

  private Comparator<String> officeOrder() {
    return seedOrder(referenceData.offices().stream().map(Office::code).toList());
  }

  private static Comparator<String> bandOrder() {
    return seedOrder(List.of("HIGH", "MEDIUM", "LOW"));
  }

  private static Comparator<String> seedOrder(List<String> codes) {
    return Comparator.comparingInt((String code) -> codes.contains(code) ? codes.indexOf(code) : codes.size())
        .thenComparing(Comparator.naturalOrder());
  }
}
