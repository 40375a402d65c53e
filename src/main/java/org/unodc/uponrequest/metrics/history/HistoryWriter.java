package org.unodc.uponrequest.metrics.history;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unodc.uponrequest.metrics.history.Course.TimedStep;

/**
 * Writes generated requests in JDBC batches, the rows the engine's projections would have written
 * for them: {@code UR_METRIC_REQUEST}, {@code UR_METRIC_WAIT} (open requests only),
 * {@code UR_METRIC_FLOW}, the request index {@code UR_REQUEST} and {@code UR_REQUEST_STATE}. Each
 * request row is stamped as written ({@code CHANGE_STAMP_}), so a running product's figures in
 * memory pick the batch up as it commits.
 */
final class HistoryWriter {

  private static final List<String> HEAD = List.of("PROC_INST_ID_", "REFERENCE_", "LEAD_STATE_", "REGION_", "THEME_",
      "THEMES_", "BAND_", "OFFICE_", "BUDGET_USD_", "FUNDING_", "FUNDING_SOURCE_", "FUNDED_USD_", "OBSTACLES_");

  private final JdbcTemplate jdbc;
  private final List<Object[]> requests = new ArrayList<>();
  private final List<Object[]> waits = new ArrayList<>();
  private final List<Object[]> flows = new ArrayList<>();
  private final List<Object[]> index = new ArrayList<>();
  private final List<Object[]> states = new ArrayList<>();
  private final Map<String, Long> written = new HashMap<>();
  private List<String> requestColumns;

  HistoryWriter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds the request's rows, as it stands in the replay, to the next batch. */
  void add(HistoricRequest request, Replay replay) {
    Values values = Values.of(request, replay);
    Map<String, Object> columns = new java.util.LinkedHashMap<>();
    columns.put("PROC_INST_ID_", request.id());
    columns.put("REFERENCE_", request.reference());
    columns.put("LEAD_STATE_", request.lead().iso3());
    columns.put("REGION_", request.lead().region());
    columns.put("THEME_", request.countedArea());
    columns.put("THEMES_", String.join(",", request.areas()));
    columns.put("BAND_", values.band());
    columns.put("OFFICE_", values.office());
    columns.put("BUDGET_USD_", request.budgetUsd());
    columns.put("FUNDING_", values.funding());
    columns.put("FUNDING_SOURCE_", "FUNDED".equals(values.funding()) ? request.fundingSource() : null);
    columns.put("FUNDED_USD_", "FUNDED".equals(values.funding()) ? request.fundedUsd() : null);
    columns.put("OBSTACLES_", replay.took("Flow_FinalReportToFeedback") ? request.obstacles() : null);
    columns.put("CHANGE_STAMP_", System.currentTimeMillis());
    columns.putAll(replay.columns());
    if (requestColumns == null) {
      requestColumns = List.copyOf(columns.keySet());
    }
    requests.add(columns.values().toArray());

    int k = 0;
    for (Replay.OpenWait wait : replay.waits) {
      waits.add(new Object[] {request.id() + "-w" + ++k, request.id(), wait.state().activity(), wait.state().task(),
          new Timestamp(wait.startedAt()), wait.dueAt() == null ? null : new Timestamp(wait.dueAt())});
    }
    for (Replay.Flow flow : replay.flows) {
      flows.add(new Object[] {request.id(), flow.flow(), flow.month()});
    }

    index.add(new Object[] {request.id(), request.reference(), request.lead().iso3(), request.title(), replay.stage.name(),
        replay.outcome == null ? null : replay.outcome.name(), values.band(), values.office(),
        new Timestamp(replay.filedAt), replay.closedAt == null ? null : new Timestamp(replay.closedAt),
        new Timestamp(replay.lastChange)});
    if (replay.took("Flow_Accepted")) {
      for (int i = 0; i < request.coRequesting().size(); i++) {
        String answer = values.answers().getOrDefault(i, replay.open() ? "AWAITING_ANSWER" : "NO_ANSWER");
        states.add(new Object[] {request.id(), request.coRequesting().get(i), request.id() + "-p" + (i + 1), answer});
      }
    }
  }

  /** Writes the batch; the caller's transaction holds it. */
  void flush() {
    insert("UR_METRIC_REQUEST", requestColumns, types(requestColumns), requests);
    insert("UR_METRIC_WAIT", List.of("ACT_INST_ID_", "PROC_INST_ID_", "ACT_ID_", "TASK_", "STARTED_AT_", "DUE_AT_"),
        new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.TIMESTAMP, Types.TIMESTAMP}, waits);
    insert("UR_METRIC_FLOW", List.of("PROC_INST_ID_", "FLOW_ID_", "MONTH_"),
        new int[] {Types.VARCHAR, Types.VARCHAR, Types.INTEGER}, flows);
    insert("UR_REQUEST", List.of("PROC_INST_ID_", "REFERENCE_", "LEAD_STATE_", "TITLE_", "STAGE_", "OUTCOME_",
        "PRIORITY_BAND_", "ASSIGNED_OFFICE_", "FILED_AT_", "CLOSED_AT_", "LAST_CHANGE_"), new int[] {Types.VARCHAR,
        Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
        Types.TIMESTAMP, Types.TIMESTAMP, Types.TIMESTAMP}, index);
    insert("UR_REQUEST_STATE", List.of("PROC_INST_ID_", "STATE_", "PARTICIPATION_ID_", "ANSWER_"),
        new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR}, states);
  }

  /** Rows written so far, by table. */
  Map<String, Long> written() {
    return Map.copyOf(written);
  }

  private void insert(String table, List<String> columns, int[] types, List<Object[]> rows) {
    insert(table + " (" + String.join(", ", columns) + ") VALUES (" + String.join(", ",
        java.util.Collections.nCopies(columns.size(), "?")) + ")", rows, types, table);
  }

  private void insert(String into, List<Object[]> rows, int[] types, String table) {
    for (List<Object[]> chunk : chunks(rows)) {
      jdbc.batchUpdate("INSERT INTO " + into, chunk, types);
    }
    written.merge(table, (long) rows.size(), Long::sum);
    rows.clear();
  }

  private static int[] types(List<String> columns) {
    return columns.stream().mapToInt(column -> {
      if (column.endsWith("_AT_") || column.endsWith("_LEFT_") || column.endsWith("_SINCE_")) {
        return Types.TIMESTAMP;
      } else if (column.endsWith("_MS_") || column.equals("CHANGE_STAMP_")) {
        return Types.BIGINT;
      } else if (column.endsWith("_TASKS_") || column.endsWith("_LATE_")) {
        return Types.INTEGER;
      } else if (column.endsWith("_USD_")) {
        return Types.DOUBLE;
      }
      return Types.VARCHAR;
    }).toArray();
  }

  private static <T> List<List<T>> chunks(List<T> rows) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += 5000) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + 5000)));
    }
    return chunks;
  }

  /**
   * The values a request's variables have where it stands, read from the steps it took: the band
   * once assessed (and after an override), the office once assigned (and after each decline), the
   * last funding decision, each co-requesting state's answer.
   */
  record Values(String band, String office, String funding, Map<Integer, String> answers) {

    static Values of(HistoricRequest request, Replay replay) {
      String band = null;
      int offered = -1;
      String funding = null;
      Map<Integer, String> answers = new HashMap<>();
      for (TimedStep timed : replay.applied) {
        Step step = timed.step();
        if (step.flows().contains("Flow_DmnToReview")) {
          band = request.assessedBand(); // the assessment runs again for a revised request
        } else if (REVIEW_PRIORITY.equals(step.element()) && "OVERRIDE".equals(step.decision())) {
          band = request.reviewedBand();
        }
        if (step.flows().contains("Flow_DmnToOffice")) {
          offered = 0;
        } else if (step == Paths.OFFICE_DECLINED) {
          offered++;
        }
        if (CONFIRM_FUNDING.equals(step.element())) {
          // "Not yet" with no re-check left closes the request, and the process records CLOSE_UNFUNDED
          funding = step == Paths.NO_RECHECK_LEFT ? "CLOSE_UNFUNDED" : step.decision();
        }
        if (step.trigger() == Step.Trigger.PARTICIPATION_SETTLED) {
          answers.put(timed.subject(), step.decision());
        }
      }
      return new Values(band, offered < 0 ? null : request.offices().get(offered), funding, answers);
    }
  }
}
