package org.unodc.uponrequest.metrics;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.unodc.uponrequest.process.Stage;

/**
 * Writes the reporting tables as {@link MetricsProjection} sees the engine move: one row per
 * request with its dimensions, stage times and money ({@code UR_METRIC_REQUEST}), the wait states
 * open now ({@code UR_METRIC_WAIT}) and the flows taken ({@code UR_METRIC_FLOW}). Runs inside the
 * engine's transaction, so every statement here is a single-row insert or update by key. As that
 * transaction commits, each request it touched gets a new {@code CHANGE_STAMP_}, by which every
 * node's {@link MeasuredRequests} finds what to read again.
 */
@Repository
class RequestMetrics {

  /** The stages a request spends time in, each with its columns in UR_METRIC_REQUEST. */
  static final List<Stage> TIMED_STAGES = Arrays.stream(Stage.values()).filter(stage -> stage != Stage.CLOSED).toList();

  /** The request's variables kept as they are, by column. */
  private static final Map<String, String> COLUMN_OF_VARIABLE = Map.ofEntries(
      Map.entry(REFERENCE_NUMBER, "REFERENCE_"), Map.entry(MEMBER_STATE, "LEAD_STATE_"), Map.entry(REGION, "REGION_"),
      Map.entry(COUNTED_THEMATIC_AREA, "THEME_"), Map.entry(PRIORITY_BAND, "BAND_"), Map.entry(ASSIGNED_OFFICE, "OFFICE_"),
      Map.entry(OUTCOME, "OUTCOME_"), Map.entry(FUNDING_DECISION, "FUNDING_"), Map.entry(FUNDING_SOURCE, "FUNDING_SOURCE_"),
      Map.entry(OBSTACLES_ENCOUNTERED, "OBSTACLES_"));
  private static final Map<String, String> NUMBER_COLUMN_OF_VARIABLE = Map.of(
      ESTIMATED_BUDGET_USD, "BUDGET_USD_", FUNDED_AMOUNT_USD, "FUNDED_USD_");
  private static final int MAX_TEXT = 4000;

  private final NamedParameterJdbcTemplate jdbc;

  RequestMetrics(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void started(String request, String reference, String leadState, Date at) {
    jdbc.update("INSERT INTO UR_METRIC_REQUEST (PROC_INST_ID_, REFERENCE_, LEAD_STATE_, STAGE_, STAGE_SINCE_, FILED_AT_, "
        + "INTAKE_AT_) VALUES (:id, :reference, :lead, :stage, :at, :at, :at)", new MapSqlParameterSource("id", request)
        .addValue("reference", reference).addValue("lead", leadState).addValue("stage", Stage.INTAKE.name())
        .addValue("at", timestamp(at)));
    touched(request);
  }

  void variableSet(String request, String name, String value, Date at) {
    touched(request);
    if (STAGE.equals(name)) {
      stageReached(request, value, at);
    } else if (SUBMITTED_AT.equals(name) && value != null) {
      // a request filed through the intake inbox was filed before its process started
      Timestamp filed = new Timestamp(Long.parseLong(value));
      update(request, "FILED_AT_ = :value, INTAKE_AT_ = :value, STAGE_SINCE_ = CASE WHEN STAGE_ = 'INTAKE' "
          + "THEN :value ELSE STAGE_SINCE_ END", filed);
    } else if (THEMATIC_AREAS.equals(name)) {
      update(request, "THEMES_ = :value", codes(value));
    } else if (COLUMN_OF_VARIABLE.containsKey(name)) {
      String column = COLUMN_OF_VARIABLE.get(name);
      update(request, column + " = :value", truncated(value), column + " IS DISTINCT FROM :value");
    } else if (NUMBER_COLUMN_OF_VARIABLE.containsKey(name)) {
      update(request, NUMBER_COLUMN_OF_VARIABLE.get(name) + " = :value", number(value));
    }
  }

  /**
   * The request moved to another stage: the time since it entered the one it leaves is added to
   * that stage, which records when it was last left; the new stage records when it was first
   * entered. A stage set again to itself changes nothing.
   */
  private void stageReached(String request, String stageName, Date at) {
    Map<String, Object> row = jdbc.queryForMap("SELECT STAGE_, STAGE_SINCE_, FILED_AT_ FROM UR_METRIC_REQUEST WHERE PROC_INST_ID_ = :id",
        new MapSqlParameterSource("id", request));
    Stage left = Stage.valueOf((String) row.get("STAGE_"));
    Stage reached = Stage.valueOf(stageName);
    if (left == reached) {
      return;
    }
    long spent = Math.max(0, at.getTime() - ((Timestamp) row.get("STAGE_SINCE_")).getTime());
    long sinceFiling = Math.max(0, at.getTime() - ((Timestamp) row.get("FILED_AT_")).getTime());
    StringBuilder set = new StringBuilder("STAGE_ = :stage, STAGE_SINCE_ = :at");
    if (left != Stage.CLOSED) {
      set.append(", ").append(left).append("_MS_ = ").append(left).append("_MS_ + :spent, ")
          .append(left).append("_LEFT_ = :at");
    }
    if (reached != Stage.CLOSED) {
      set.append(", ").append(reached).append("_AT_ = COALESCE(").append(reached).append("_AT_, :at)");
    }
    if (reached == Stage.DELIVERY) {
      set.append(", TO_ASSIGNMENT_MS_ = COALESCE(TO_ASSIGNMENT_MS_, :sinceFiling)");
    } else if (reached == Stage.CLOSED) {
      set.append(", TO_CLOSURE_MS_ = :sinceFiling");
    }
    // the columns come from the Stage enum, never from input
    jdbc.update("UPDATE UR_METRIC_REQUEST SET " + set + " WHERE PROC_INST_ID_ = :id", new MapSqlParameterSource("id", request)
        .addValue("stage", reached.name()).addValue("at", timestamp(at)).addValue("spent", spent)
        .addValue("sinceFiling", sinceFiling));
  }

  void ended(String request, Date at) {
    touched(request);
    stageReached(request, Stage.CLOSED.name(), at);
    update(request, "CLOSED_AT_ = :value", timestamp(at));
    jdbc.update("DELETE FROM UR_METRIC_WAIT WHERE PROC_INST_ID_ = :id", new MapSqlParameterSource("id", request));
  }

  void waitBegan(String activityInstance, String request, String activity, boolean task, Date at) {
    touched(request);
    jdbc.update("INSERT INTO UR_METRIC_WAIT (ACT_INST_ID_, PROC_INST_ID_, ACT_ID_, TASK_, STARTED_AT_) "
        + "VALUES (:id, :request, :activity, :task, :at)", new MapSqlParameterSource("id", activityInstance)
        .addValue("request", request).addValue("activity", activity).addValue("task", task).addValue("at", timestamp(at)));
  }

  void waitEnded(String activityInstance, String request) {
    touched(request);
    jdbc.update("DELETE FROM UR_METRIC_WAIT WHERE ACT_INST_ID_ = :id", new MapSqlParameterSource("id", activityInstance));
  }

  void taskDue(String activityInstance, String request, Date due) {
    if (activityInstance != null) {
      touched(request);
      jdbc.update("UPDATE UR_METRIC_WAIT SET DUE_AT_ = :due WHERE ACT_INST_ID_ = :id",
          new MapSqlParameterSource("id", activityInstance).addValue("due", timestamp(due)));
    }
  }

  /** A task of the request was completed, in whatever stage the request is in now; late if after its due date. */
  void taskCompleted(String request, boolean late) {
    touched(request);
    String set = TIMED_STAGES.stream().map(stage -> stage + "_TASKS_ = " + stage + "_TASKS_ + CASE WHEN STAGE_ = '"
        + stage + "' THEN 1 ELSE 0 END" + (late ? ", " + stage + "_LATE_ = " + stage + "_LATE_ + CASE WHEN STAGE_ = '"
        + stage + "' THEN 1 ELSE 0 END" : "")).collect(Collectors.joining(", "));
    jdbc.update("UPDATE UR_METRIC_REQUEST SET " + set + " WHERE PROC_INST_ID_ = :id", new MapSqlParameterSource("id", request));
  }

  void flowTaken(String request, String flow, Date at) {
    if (flow != null) {
      touched(request);
      var day = at.toInstant().atZone(ZoneOffset.UTC);
      jdbc.update("INSERT INTO UR_METRIC_FLOW (PROC_INST_ID_, FLOW_ID_, MONTH_) VALUES (:id, :flow, :month)",
          new MapSqlParameterSource("id", request).addValue("flow", flow)
              .addValue("month", day.getYear() * 100 + day.getMonthValue()));
    }
  }

  /**
   * Notes that the transaction changed the request's rows; they are stamped once, as it commits,
   * so the stamp trails the commit by a moment only (readers allow for that, see MeasuredRequests).
   */
  private void touched(String request) {
    if (request == null) {
      return;
    }
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      stamp(Set.of(request));
      return;
    }
    // the synchronizations are the current transaction's own (suspended ones are not listed)
    for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
      if (synchronization instanceof Stamps stamps && stamps.owner() == this) {
        stamps.requests.add(request);
        return;
      }
    }
    Stamps stamps = new Stamps();
    stamps.requests.add(request);
    TransactionSynchronizationManager.registerSynchronization(stamps);
  }

  private void stamp(Set<String> requests) {
    // rising per row even when two commits share a millisecond, so an equal stamp means an unchanged row
    jdbc.update("UPDATE UR_METRIC_REQUEST SET CHANGE_STAMP_ = GREATEST(:now, COALESCE(CHANGE_STAMP_, 0) + 1) "
        + "WHERE PROC_INST_ID_ IN (:ids)", new MapSqlParameterSource("now", System.currentTimeMillis())
        .addValue("ids", List.copyOf(requests)));
  }

  /** The requests one transaction touched, stamped as it commits. */
  private final class Stamps implements TransactionSynchronization {
    final Set<String> requests = new LinkedHashSet<>();

    RequestMetrics owner() {
      return RequestMetrics.this;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      stamp(requests);
    }
  }

  private int update(String request, String set, Object value) {
    return update(request, set, value, null);
  }

  private int update(String request, String set, Object value, String condition) {
    // the columns come from this class's fixed maps, never from input
    return jdbc.update("UPDATE UR_METRIC_REQUEST SET " + set + " WHERE PROC_INST_ID_ = :id"
        + (condition == null ? "" : " AND " + condition), new MapSqlParameterSource("id", request).addValue("value", value));
  }

  /** A JSON list of codes as written by the start form, as "A,B". */
  static String codes(String json) {
    if (json == null) {
      return null;
    }
    return truncated(Arrays.stream(json.replaceAll("[\\[\\]\"\\s]", "").split(","))
        .filter(code -> !code.isEmpty()).collect(Collectors.joining(",")));
  }

  private static Double number(String value) {
    try {
      return value == null ? null : Double.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String truncated(String value) {
    return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
  }

  private static Timestamp timestamp(Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }
}
