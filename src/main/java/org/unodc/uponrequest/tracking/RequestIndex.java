package org.unodc.uponrequest.tracking;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.unodc.uponrequest.process.CoalescedWrites;

/**
 * The product's index of requests ({@code UR_REQUEST}, {@code UR_REQUEST_STATE}): who filed each
 * request, who else takes part, and the few fields a list sorts and searches by. Camunda keeps
 * the truth; this is a projection of it that {@link RequestIndexer} keeps current, so that
 * listing a state's requests is one indexed query and not a scan of the engine's history.
 */
@Repository
public class RequestIndex {

  /** How a list may be ordered: a column each, newest or last first where it makes sense. */
  public enum Order {
    FILED("FILED_AT_"), CHANGED("LAST_CHANGE_"), REFERENCE("REFERENCE_"), TITLE("TITLE_"), STAGE("STAGE_"),
    BAND("PRIORITY_BAND_"), OFFICE("ASSIGNED_OFFICE_");

    private final String column;

    Order(String column) {
      this.column = column;
    }
  }

  /** A request as indexed, with how the asking states stand to it. */
  public record Entry(String processInstanceId, String reference, String leadState, String title, String stage,
      String outcome, String priorityBand, String assignedOffice, Date filedAt, Date closedAt, Date lastChange) {

    /** False while the request waits in the intake inbox: its process instance has not started yet. */
    public boolean registered() {
      return !processInstanceId.equals(reference);
    }
  }

  /** One page of a listing and how many there are in all. */
  public record Page(List<Entry> entries, long total) {}

  /** A co-requesting state and its answer. */
  public record Answer(String state, String participationId, String answer) {}

  /** The request's variables that the index keeps, by column. */
  static final Map<String, String> COLUMN_OF_VARIABLE = Map.of(
      REFERENCE_NUMBER, "REFERENCE_", TITLE, "TITLE_", STAGE, "STAGE_", OUTCOME, "OUTCOME_",
      PRIORITY_BAND, "PRIORITY_BAND_", ASSIGNED_OFFICE, "ASSIGNED_OFFICE_");

  static final String AWAITING = "AWAITING_ANSWER";
  static final String NO_ANSWER = "NO_ANSWER";
  /** The answers with which a co-requesting state sees the request. */
  static final Set<String> SEES_THE_REQUEST = Set.of(AWAITING, "YES");

  private final NamedParameterJdbcTemplate jdbc;

  RequestIndex(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  // --- written by a filing ------------------------------------------------------------------

  /**
   * A request filed into the intake inbox, in the filing's transaction: listed from now on, under
   * its reference as a stand-in for the process instance that {@link #filed} puts in its place.
   */
  public void submitted(String reference, String leadState, String title, String stage, Date at) {
    jdbc.update("INSERT INTO UR_REQUEST (PROC_INST_ID_, REFERENCE_, LEAD_STATE_, TITLE_, STAGE_, FILED_AT_, LAST_CHANGE_) "
        + "VALUES (:reference, :reference, :lead, :title, :stage, :at, :at)", new MapSqlParameterSource("reference", reference)
        .addValue("lead", leadState).addValue("title", title).addValue("stage", stage).addValue("at", timestamp(at)));
  }

  // --- kept current by the indexer ----------------------------------------------------------

  /** A process instance started: it takes the place of its submission's stand-in, or is indexed anew. */
  void filed(String request, String leadState, String reference, Date at) {
    if (reference != null && jdbc.update("UPDATE UR_REQUEST SET PROC_INST_ID_ = :id WHERE PROC_INST_ID_ = :reference "
        + "AND REFERENCE_ = :reference", new MapSqlParameterSource("id", request).addValue("reference", reference)) == 1) {
      return;
    }
    jdbc.update("INSERT INTO UR_REQUEST (PROC_INST_ID_, REFERENCE_, LEAD_STATE_, FILED_AT_, LAST_CHANGE_) "
        + "VALUES (:id, :reference, :lead, :at, :at)", new MapSqlParameterSource("id", request)
        .addValue("reference", reference).addValue("lead", leadState).addValue("at", timestamp(at)));
  }

  void set(String request, String column, String value, Date at) {
    change(request, column, value, at);
  }

  void touched(String request, Date at) {
    if (request != null) {
      change(request, null, null, at);
    }
  }

  void closed(String request, Date at) {
    change(request, "CLOSED_AT_", timestamp(at), at);
  }

  /**
   * Sets a column (none for a mere touch) and the last change of a request's row. A step sets several
   * and touches the row with each task event: the changes of one transaction are collected per row
   * and written as one update ({@link CoalescedWrites}), the last value of each column winning as it did.
   */
  private void change(String request, String column, Object value, Date at) {
    Map<String, Map<String, Object>> pending = CoalescedWrites.buffer(this, LinkedHashMap::new, rows -> {
      write(rows);
      rows.clear();
    });
    Map<String, Object> row = pending == null ? new LinkedHashMap<>() : pending.computeIfAbsent(request, id -> new LinkedHashMap<>());
    if (column != null) {
      row.put(column, value);
    }
    row.put("LAST_CHANGE_", timestamp(at));
    if (pending == null) {
      write(Map.of(request, row));
    }
  }

  /** One update per row with the columns changed; the columns come from the indexer's fixed map, never from input. */
  private void write(Map<String, Map<String, Object>> rows) {
    rows.forEach((request, columns) -> {
      StringBuilder set = new StringBuilder();
      MapSqlParameterSource values = new MapSqlParameterSource("id", request);
      int n = 0;
      for (Map.Entry<String, Object> column : columns.entrySet()) {
        set.append(n == 0 ? "" : ", ").append(column.getKey()).append(" = :v").append(n);
        values.addValue("v" + n++, column.getValue());
      }
      jdbc.update("UPDATE UR_REQUEST SET " + set + " WHERE PROC_INST_ID_ = :id", values);
    });
  }

  void asked(String request, String state, String participation, Date at) {
    MapSqlParameterSource values = new MapSqlParameterSource("id", request).addValue("state", state)
        .addValue("participation", participation).addValue("answer", AWAITING);
    if (jdbc.update("UPDATE UR_REQUEST_STATE SET PARTICIPATION_ID_ = :participation, ANSWER_ = :answer "
        + "WHERE PROC_INST_ID_ = :id AND STATE_ = :state", values) == 0) {
      jdbc.update("INSERT INTO UR_REQUEST_STATE (PROC_INST_ID_, STATE_, PARTICIPATION_ID_, ANSWER_) "
          + "VALUES (:id, :state, :participation, :answer)", values);
    }
    touched(request, at);
  }

  void answered(String participation, String answer, String request, Date at) {
    jdbc.update("UPDATE UR_REQUEST_STATE SET ANSWER_ = :answer WHERE PARTICIPATION_ID_ = :participation",
        new MapSqlParameterSource("participation", participation).addValue("answer", answer));
    touched(request, at);
  }

  /** A participation ended without an answer: the deadline passed, or the request itself ended. */
  void unanswered(String participation) {
    jdbc.update("UPDATE UR_REQUEST_STATE SET ANSWER_ = :none WHERE PARTICIPATION_ID_ = :participation AND ANSWER_ = :awaiting",
        new MapSqlParameterSource("participation", participation).addValue("none", NO_ANSWER).addValue("awaiting", AWAITING));
  }

  // --- read by the portal --------------------------------------------------------------------

  /**
   * The requests the states filed or are asked to or do take part in, with a reference, filtered
   * by text in the reference or title, in the given order.
   */
  public Page visibleTo(Collection<String> states, String text, Order order, boolean descending, int offset, int limit) {
    MapSqlParameterSource parameters = new MapSqlParameterSource("states", states)
        .addValue("sees", SEES_THE_REQUEST).addValue("limit", limit).addValue("offset", offset);
    String where = " WHERE R.REFERENCE_ IS NOT NULL AND (R.LEAD_STATE_ IN (:states) OR EXISTS (SELECT 1 FROM UR_REQUEST_STATE S "
        + "WHERE S.PROC_INST_ID_ = R.PROC_INST_ID_ AND S.STATE_ IN (:states) AND S.ANSWER_ IN (:sees)))";
    if (text != null && !text.isBlank()) {
      where += " AND (LOWER(R.TITLE_) LIKE :text ESCAPE '\\' OR UPPER(R.REFERENCE_) LIKE :reference ESCAPE '\\')";
      String pattern = "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      parameters.addValue("text", pattern.toLowerCase(Locale.ROOT)).addValue("reference", pattern.toUpperCase(Locale.ROOT));
    }
    long total = jdbc.queryForObject("SELECT COUNT(*) FROM UR_REQUEST R" + where, parameters, Long.class);
    String direction = descending ? " DESC" : " ASC";
    List<Entry> entries = jdbc.query("SELECT R.* FROM UR_REQUEST R" + where + " ORDER BY R." + order.column + direction
        + (order == Order.FILED ? "" : ", R.FILED_AT_ DESC") + ", R.PROC_INST_ID_ LIMIT :limit OFFSET :offset",
        parameters, RequestIndex::entry);
    return new Page(entries, total);
  }

  /** The co-requesting states of these requests and their answers, by request. */
  public Map<String, List<Answer>> answers(Collection<String> requests) {
    Map<String, List<Answer>> byRequest = new java.util.HashMap<>();
    if (requests.isEmpty()) {
      return byRequest;
    }
    jdbc.query("SELECT * FROM UR_REQUEST_STATE WHERE PROC_INST_ID_ IN (:requests)",
        new MapSqlParameterSource("requests", requests), row -> {
          byRequest.computeIfAbsent(row.getString("PROC_INST_ID_"), id -> new ArrayList<>()).add(
              new Answer(row.getString("STATE_"), row.getString("PARTICIPATION_ID_"), row.getString("ANSWER_")));
        });
    return byRequest;
  }

  /** The indexed requests among these process instances, by process instance. */
  public Map<String, Entry> byProcessInstance(Collection<String> requests) {
    Map<String, Entry> entries = new java.util.HashMap<>();
    if (!requests.isEmpty()) {
      jdbc.query("SELECT * FROM UR_REQUEST WHERE PROC_INST_ID_ IN (:requests)", new MapSqlParameterSource("requests", requests),
          (java.sql.ResultSet row) -> {
            Entry entry = entry(row, 0);
            entries.put(entry.processInstanceId(), entry);
          });
    }
    return entries;
  }

  /** The request with this reference, if it is indexed. */
  public Optional<Entry> byReference(String reference) {
    return jdbc.query("SELECT * FROM UR_REQUEST WHERE REFERENCE_ = :reference",
        new MapSqlParameterSource("reference", reference), RequestIndex::entry).stream().findFirst();
  }

  private static Entry entry(java.sql.ResultSet row, int number) throws java.sql.SQLException {
    return new Entry(row.getString("PROC_INST_ID_"), row.getString("REFERENCE_"), row.getString("LEAD_STATE_"),
        row.getString("TITLE_"), row.getString("STAGE_"), row.getString("OUTCOME_"), row.getString("PRIORITY_BAND_"),
        row.getString("ASSIGNED_OFFICE_"), row.getTimestamp("FILED_AT_"), row.getTimestamp("CLOSED_AT_"),
        row.getTimestamp("LAST_CHANGE_"));
  }

  /** Whether a co-requesting state sees the request with this answer. */
  public static boolean seesTheRequest(String answer) {
    return SEES_THE_REQUEST.contains(answer);
  }

  /** How many requests have a process instance (those waiting in the intake inbox do not count). */
  long count() {
    return jdbc.getJdbcTemplate().queryForObject(
        "SELECT COUNT(*) FROM UR_REQUEST WHERE REFERENCE_ IS NULL OR PROC_INST_ID_ <> REFERENCE_", Long.class);
  }

  boolean contains(String request) {
    return !jdbc.queryForList("SELECT 1 FROM UR_REQUEST WHERE PROC_INST_ID_ = :id",
        new MapSqlParameterSource("id", request), Integer.class).isEmpty();
  }

  private static Timestamp timestamp(Date at) {
    return at == null ? null : new Timestamp(at.getTime());
  }
}
