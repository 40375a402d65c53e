package org.unodc.uponrequest.metrics;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.unodc.uponrequest.process.CoalescedWrites;
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
  /** Whose buffer the rows are (the waits' is this object's own). */
  private final Object rowsOwner = new Object();

  RequestMetrics(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void started(String request, String reference, String leadState, Date at) {
    jdbc.update("INSERT INTO UR_METRIC_REQUEST (PROC_INST_ID_, REFERENCE_, LEAD_STATE_, STAGE_, STAGE_SINCE_, FILED_AT_, "
        + "INTAKE_AT_) VALUES (:id, :reference, :lead, :stage, :at, :at, :at)", new MapSqlParameterSource("id", request)
        .addValue("reference", reference).addValue("lead", leadState).addValue("stage", Stage.INTAKE.name())
        .addValue("at", timestamp(at)));
    Map<String, Row> pending = pendingRows();
    if (pending != null) {
      pending.remove(request); // read again, now that it exists
    }
    touched(request);
  }

  void variableSet(String request, String name, String value, Date at) {
    touched(request);
    if (STAGE.equals(name)) {
      stageReached(request, value, at);
    } else if (SUBMITTED_AT.equals(name) && value != null) {
      // a request filed through the intake inbox was filed before its process started
      Timestamp filed = new Timestamp(Long.parseLong(value));
      change(request, row -> {
        row.set("FILED_AT_", filed);
        row.set("INTAKE_AT_", filed);
        if (Stage.INTAKE.name().equals(row.get("STAGE_"))) {
          row.set("STAGE_SINCE_", filed);
        }
      });
    } else if (THEMATIC_AREAS.equals(name)) {
      change(request, row -> row.set("THEMES_", codes(value)));
    } else if (COLUMN_OF_VARIABLE.containsKey(name)) {
      change(request, row -> row.set(COLUMN_OF_VARIABLE.get(name), truncated(value)));
    } else if (NUMBER_COLUMN_OF_VARIABLE.containsKey(name)) {
      change(request, row -> row.set(NUMBER_COLUMN_OF_VARIABLE.get(name), number(value)));
    }
  }

  /**
   * The request moved to another stage: the time since it entered the one it leaves is added to
   * that stage, which records when it was last left; the new stage records when it was first
   * entered. A stage set again to itself changes nothing.
   */
  private void stageReached(String request, String stageName, Date at) {
    change(request, row -> {
      if (!row.exists()) {
        throw new EmptyResultDataAccessException("No reporting row of request " + request, 1);
      }
      Stage left = Stage.valueOf((String) row.get("STAGE_"));
      Stage reached = Stage.valueOf(stageName);
      if (left == reached) {
        return;
      }
      long spent = Math.max(0, at.getTime() - ((Timestamp) row.get("STAGE_SINCE_")).getTime());
      long sinceFiling = Math.max(0, at.getTime() - ((Timestamp) row.get("FILED_AT_")).getTime());
      row.set("STAGE_", reached.name());
      row.set("STAGE_SINCE_", timestamp(at));
      if (left != Stage.CLOSED) {
        row.set(left + "_MS_", ((Number) row.get(left + "_MS_")).longValue() + spent);
        row.set(left + "_LEFT_", timestamp(at));
      }
      if (reached != Stage.CLOSED && row.get(reached + "_AT_") == null) {
        row.set(reached + "_AT_", timestamp(at));
      }
      if (reached == Stage.DELIVERY && row.get("TO_ASSIGNMENT_MS_") == null) {
        row.set("TO_ASSIGNMENT_MS_", sinceFiling);
      } else if (reached == Stage.CLOSED) {
        row.set("TO_CLOSURE_MS_", sinceFiling);
      }
    });
  }

  void ended(String request, Date at) {
    touched(request);
    stageReached(request, Stage.CLOSED.name(), at);
    change(request, row -> row.set("CLOSED_AT_", timestamp(at)));
    Map<String, Wait> pending = pendingWaits();
    if (pending != null) {
      pending.values().removeIf(wait -> request.equals(wait.request));
    }
    jdbc.update("DELETE FROM UR_METRIC_WAIT WHERE PROC_INST_ID_ = :id", new MapSqlParameterSource("id", request));
  }

  void waitBegan(String activityInstance, String request, String activity, boolean task, Date at) {
    touched(request);
    Wait wait = new Wait(activityInstance, request, activity, task, timestamp(at));
    Map<String, Wait> pending = pendingWaits();
    if (pending == null) {
      insert(List.of(wait));
    } else {
      pending.put(activityInstance, wait);
    }
  }

  void waitEnded(String activityInstance, String request) {
    touched(request);
    Map<String, Wait> pending = pendingWaits();
    if (pending != null && pending.remove(activityInstance) != null) {
      return; // begun and ended in the same transaction: never written
    }
    jdbc.update("DELETE FROM UR_METRIC_WAIT WHERE ACT_INST_ID_ = :id", new MapSqlParameterSource("id", activityInstance));
  }

  void taskDue(String activityInstance, String request, Date due) {
    if (activityInstance != null) {
      touched(request);
      Map<String, Wait> pending = pendingWaits();
      Wait wait = pending == null ? null : pending.get(activityInstance);
      if (wait != null) {
        wait.due = timestamp(due);
        return;
      }
      jdbc.update("UPDATE UR_METRIC_WAIT SET DUE_AT_ = :due WHERE ACT_INST_ID_ = :id",
          new MapSqlParameterSource("id", activityInstance).addValue("due", timestamp(due)));
    }
  }

  /** A wait state begun in the current transaction, written once with its due date as the transaction's writes are. */
  private static final class Wait {
    final String activityInstance;
    final String request;
    final String activity;
    final boolean task;
    final Timestamp startedAt;
    Timestamp due;

    Wait(String activityInstance, String request, String activity, boolean task, Timestamp startedAt) {
      this.activityInstance = activityInstance;
      this.request = request;
      this.activity = activity;
      this.task = task;
      this.startedAt = startedAt;
    }
  }

  /**
   * The waits begun in the current transaction and not yet written, by activity instance: a user task
   * begins, then gets its due date from the task's create and update events, all in one step
   * ({@link CoalescedWrites}); null outside a transaction.
   */
  private Map<String, Wait> pendingWaits() {
    return CoalescedWrites.buffer(this, LinkedHashMap::new, waits -> {
      insert(waits.values());
      waits.clear();
    });
  }

  private void insert(java.util.Collection<Wait> waits) {
    if (waits.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("INSERT INTO UR_METRIC_WAIT (ACT_INST_ID_, PROC_INST_ID_, ACT_ID_, TASK_, STARTED_AT_, DUE_AT_) "
        + "VALUES (:id, :request, :activity, :task, :at, :due)", waits.stream().map(wait -> new MapSqlParameterSource("id",
            wait.activityInstance).addValue("request", wait.request).addValue("activity", wait.activity)
            .addValue("task", wait.task).addValue("at", wait.startedAt).addValue("due", wait.due))
        .toArray(MapSqlParameterSource[]::new));
  }

  /** A task of the request was completed, in whatever stage the request is in now; late if after its due date. */
  void taskCompleted(String request, boolean late) {
    touched(request);
    change(request, row -> {
      Object stage = row.get("STAGE_");
      if (row.exists() && TIMED_STAGES.stream().anyMatch(timed -> timed.name().equals(stage))) {
        row.set(stage + "_TASKS_", ((Number) row.get(stage + "_TASKS_")).intValue() + 1);
        if (late) {
          row.set(stage + "_LATE_", ((Number) row.get(stage + "_LATE_")).intValue() + 1);
        }
      }
    });
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

  /**
   * A request's reporting row as the current transaction has it, read once (and locked, as an update
   * would) when first changed: a step changes the row with nearly every event it fires (variables,
   * stage, completed task), and the changes are written as one update when the step returns
   * ({@link CoalescedWrites}). Outside a transaction each change is written at once.
   */
  private void change(String request, java.util.function.Consumer<Row> change) {
    Map<String, Row> pending = pendingRows();
    Row row = pending == null ? null : pending.get(request);
    if (row == null) {
      List<Map<String, Object>> read = jdbc.queryForList("SELECT * FROM UR_METRIC_REQUEST WHERE PROC_INST_ID_ = :id FOR UPDATE",
          new MapSqlParameterSource("id", request));
      row = new Row(request, read.isEmpty() ? null : read.get(0));
      if (pending != null) {
        pending.put(request, row);
      }
    }
    change.accept(row);
    if (pending == null) {
      write(row);
    }
  }

  /** The rows read in the current transaction, by request; null outside a transaction. */
  private Map<String, Row> pendingRows() {
    return CoalescedWrites.buffer(rowsOwner, LinkedHashMap::new, rows -> {
      rows.values().forEach(this::write);
      rows.clear();
    });
  }

  /** Writes the columns changed since the row was read or last written. */
  private void write(Row row) {
    if (row.changed.isEmpty()) {
      return;
    }
    StringBuilder set = new StringBuilder();
    MapSqlParameterSource values = new MapSqlParameterSource("id", row.request);
    int n = 0;
    for (Map.Entry<String, Object> column : row.changed.entrySet()) {
      // the columns come from this class's fixed maps and the Stage enum, never from input
      set.append(n == 0 ? "" : ", ").append(column.getKey()).append(" = :v").append(n);
      values.addValue("v" + n++, column.getValue());
    }
    jdbc.update("UPDATE UR_METRIC_REQUEST SET " + set + " WHERE PROC_INST_ID_ = :id", values);
    row.changed.clear();
  }

  /** One request's row: its columns as read and changed (by name, any case), and which changed. */
  private static final class Row {
    final String request;
    final Map<String, Object> values;
    final Map<String, Object> changed = new LinkedHashMap<>();

    Row(String request, Map<String, Object> read) {
      this.request = request;
      this.values = read == null ? null : new org.springframework.util.LinkedCaseInsensitiveMap<>();
      if (read != null) {
        this.values.putAll(read);
      }
    }

    boolean exists() {
      return values != null;
    }

    Object get(String column) {
      return values == null ? null : values.get(column);
    }

    /** A change to a missing row changes nothing, as an update of no row did; an unchanged value is not written. */
    void set(String column, Object value) {
      if (values != null && !java.util.Objects.equals(values.get(column), value)) {
        values.put(column, value);
        changed.put(column, value);
      }
    }
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
