package org.unodc.uponrequest.metrics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.metrics.MeasuredRequest.Wait;
import org.unodc.uponrequest.process.Stage;

/**
 * Every request as the dashboard measures it, in this node's memory: its numbers column by column
 * ({@link RequestColumns}) and its listing, waits and flows as a {@link MeasuredRequest}, so that
 * each figure is one pass over arrays instead of queries over years of rows (ADR 0008). The
 * reporting tables stay the truth: loaded whole at start and every
 * {@code uponrequest.metrics.reload-interval}, and before each figure the requests whose
 * {@code CHANGE_STAMP_} moved since the last look are read again, whichever node changed them.
 * A stamp is the writer's clock as its transaction commits, so the look goes back
 * {@code uponrequest.metrics.overlap} further, for commits in flight and clocks a little apart.
 */
@Component
class MeasuredRequests {

  private static final Logger LOG = LoggerFactory.getLogger(MeasuredRequests.class);
  private static final int CHUNK = 500;
  /** A filter's dimension code: any value, or a value no request has. Requests' codes are 0 (not set) or more. */
  private static final int ANY = -1;
  private static final int UNKNOWN = -2;
  private static final String COLUMNS = "PROC_INST_ID_, CHANGE_STAMP_, REFERENCE_, LEAD_STATE_, REGION_, THEME_, BAND_, "
      + "OFFICE_, STAGE_, OUTCOME_, FILED_AT_, CLOSED_AT_, BUDGET_USD_, FUNDING_, FUNDED_USD_, TO_ASSIGNMENT_MS_, "
      + "TO_CLOSURE_MS_, " + RequestMetrics.TIMED_STAGES.stream().map(stage -> stage + "_AT_, " + stage + "_LEFT_, " + stage
      + "_MS_, " + stage + "_TASKS_, " + stage + "_LATE_").collect(Collectors.joining(", "));

  /**
   * The requests as committed when a figure began: slots 0 to {@code size - 1} of the rows and the
   * columns. Valid while the figure runs (under the read lock).
   */
  record Snapshot(MeasuredRequest[] rows, RequestColumns columns, int size, MeasuredRequests requests) {

    /** The slots of the requests with the region, office, area and band the filter asks for. */
    int[] covered(MetricsFilter filter) {
      int region = requests.wanted(filter.region());
      int office = requests.wanted(filter.office());
      int theme = requests.wanted(filter.theme());
      int band = requests.wanted(filter.band());
      int[] slots = new int[size];
      int n = 0;
      for (int slot = 0; slot < size; slot++) {
        if ((region == ANY || columns.region[slot] == region) && (office == ANY || columns.office[slot] == office)
            && (theme == ANY || columns.theme[slot] == theme) && (band == ANY || columns.band[slot] == band)) {
          slots[n++] = slot;
        }
      }
      return n == size ? slots : Arrays.copyOf(slots, n);
    }
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final long overlapMs;
  /** Flow ids by number, as packed in {@link MeasuredRequest#flows()}; numbers never change. */
  private final Map<String, Integer> flowNumbers = new ConcurrentHashMap<>();
  private final List<String> flowIds = new ArrayList<>();
  /** Region, office, area and band values as numbers from 1; 0 is "not set". Numbers never change. */
  private final Map<String, Integer> dimensionCodes = new ConcurrentHashMap<>();
  private final List<String> dimensionValues = new ArrayList<>(List.of(""));
  /** The same few codes (states, outcomes, steps) shared by all requests. */
  private final Map<String, String> codes = new ConcurrentHashMap<>();

  /** One look at the tables at a time. */
  private final Object looking = new Object();
  /** Figures read under the read lock; what a look found is written under the write lock. */
  private final ReentrantReadWriteLock figures = new ReentrantReadWriteLock();
  private Map<String, Integer> slots;
  private MeasuredRequest[] rows;
  private RequestColumns columns;
  private int size;
  /** When the last look began (this node's clock): the next looks back from it, less the overlap. */
  private long lookedAt;

  MeasuredRequests(NamedParameterJdbcTemplate jdbc, @Value("${uponrequest.metrics.overlap:PT60S}") Duration overlap) {
    this.jdbc = jdbc;
    this.overlapMs = overlap.toMillis();
  }

  /** A figure over the requests as committed now: what changed since the last look is read first. */
  <T> T compute(Function<Snapshot, T> figure) {
    synchronized (looking) {
      if (rows == null) {
        long startedAt = System.currentTimeMillis();
        long began = System.nanoTime();
        replaceAll(read("", new MapSqlParameterSource()), startedAt);
        LOG.info("Managers' figures: {} requests in memory, read in {} ms", size, (System.nanoTime() - began) / 1_000_000);
      } else {
        catchUp();
      }
    }
    figures.readLock().lock();
    try {
      return figure.apply(new Snapshot(rows, columns, size, this));
    } finally {
      figures.readLock().unlock();
    }
  }

  /** The number a flow id is packed with, or -1 if no request took it yet. */
  int flowNumber(String flowId) {
    return flowNumbers.getOrDefault(flowId, -1);
  }

  String flowId(int number) {
    synchronized (flowIds) {
      return flowIds.get(number);
    }
  }

  int flowCount() {
    synchronized (flowIds) {
      return flowIds.size();
    }
  }

  /** The code a filter's dimension value is counted under. */
  private int wanted(String value) {
    if (value == null) {
      return ANY;
    }
    return MetricsCodes.NONE.equals(value) ? 0 : dimensionCodes.getOrDefault(value, UNKNOWN);
  }

  private int dimensionCode(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    Integer known = dimensionCodes.get(value);
    if (known != null) {
      return known;
    }
    synchronized (dimensionValues) {
      return dimensionCodes.computeIfAbsent(value, v -> {
        dimensionValues.add(v);
        return dimensionValues.size() - 1;
      });
    }
  }

  /** How many codes there are, 0 ("not set") included. */
  int dimensionCount() {
    synchronized (dimensionValues) {
      return dimensionValues.size();
    }
  }

  /** The region, office, area or band a code stands for; "" for 0, not set. */
  String dimensionValue(int code) {
    synchronized (dimensionValues) {
      return dimensionValues.get(code);
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void loadInBackground() {
    Thread loader = new Thread(() -> {
      try {
        compute(Snapshot::size);
      } catch (RuntimeException e) {
        LOG.warn("Loading the managers' figures failed; the first figure asked for loads them", e);
      }
    }, "measured-requests-load");
    loader.setDaemon(true);
    loader.start();
  }

  /**
   * Reads everything again: what a look by stamp cannot see (rows deleted, a commit later than the
   * overlap). Read beside the figures in use, then swapped in.
   */
  @Scheduled(initialDelayString = "${uponrequest.metrics.reload-interval:PT1H}",
      fixedDelayString = "${uponrequest.metrics.reload-interval:PT1H}")
  void reload() {
    long startedAt = System.currentTimeMillis();
    Collection<Reading> read = read("", new MapSqlParameterSource());
    synchronized (looking) {
      replaceAll(read, startedAt);
    }
  }

  private void replaceAll(Collection<Reading> read, long startedAt) {
    int capacity = Math.max(16, read.size() * 9 / 8);
    Map<String, Integer> newSlots = new HashMap<>(capacity * 4 / 3 + 1);
    MeasuredRequest[] newRows = new MeasuredRequest[capacity];
    RequestColumns newColumns = new RequestColumns(capacity);
    int slot = 0;
    for (Reading reading : read) {
      newSlots.put(reading.id, slot);
      newRows[slot] = reading.writeTo(newColumns, slot);
      slot++;
    }
    figures.writeLock().lock();
    try {
      slots = newSlots;
      rows = newRows;
      columns = newColumns;
      size = slot;
      lookedAt = startedAt;
    } finally {
      figures.writeLock().unlock();
    }
  }

  private void catchUp() {
    long startedAt = System.currentTimeMillis();
    List<String> changed = new ArrayList<>();
    jdbc.query("SELECT PROC_INST_ID_, CHANGE_STAMP_ FROM UR_METRIC_REQUEST WHERE CHANGE_STAMP_ > :since",
        new MapSqlParameterSource("since", lookedAt - overlapMs), row -> {
          // only this thread writes: reading without the lock is safe here
          Integer slot = slots.get(row.getString(1));
          if (slot == null || rows[slot].stamp() != row.getLong(2)) {
            changed.add(row.getString(1));
          }
        });
    List<Reading> read = new ArrayList<>();
    for (int i = 0; i < changed.size(); i += CHUNK) {
      List<String> chunk = changed.subList(i, Math.min(changed.size(), i + CHUNK));
      read.addAll(read(" WHERE PROC_INST_ID_ IN (:ids)", new MapSqlParameterSource("ids", chunk)));
    }
    if (!read.isEmpty()) {
      figures.writeLock().lock();
      try {
        read.forEach(this::put);
      } finally {
        figures.writeLock().unlock();
      }
    }
    lookedAt = startedAt;
  }

  private void put(Reading reading) {
    Integer slot = slots.get(reading.id);
    if (slot == null) {
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, size * 2);
        columns = columns.grown(size * 2);
      }
      slot = size++;
      slots.put(reading.id, slot);
    }
    rows[slot] = reading.writeTo(columns, slot);
  }

  /** The requests the condition selects, with their waits and flows. */
  private Collection<Reading> read(String where, MapSqlParameterSource parameters) {
    Map<String, Reading> readings = new HashMap<>();
    jdbc.query("SELECT " + COLUMNS + " FROM UR_METRIC_REQUEST" + where, parameters,
        row -> {
          readings.put(row.getString("PROC_INST_ID_"), new Reading(row));
        });
    jdbc.query("SELECT PROC_INST_ID_, ACT_ID_, TASK_, STARTED_AT_, DUE_AT_ FROM UR_METRIC_WAIT" + where, parameters,
        row -> {
          Reading reading = readings.get(row.getString(1));
          if (reading != null) {
            reading.waits.add(new Wait(code(row.getString(2)), row.getBoolean(3), moment(row, 4), moment(row, 5)));
          }
        });
    jdbc.query("SELECT PROC_INST_ID_, FLOW_ID_, MONTH_ FROM UR_METRIC_FLOW" + where, parameters,
        row -> {
          Reading reading = readings.get(row.getString(1));
          if (reading != null) {
            reading.flow(MeasuredRequest.flow(number(row.getString(2)), row.getInt(3)));
          }
        });
    return readings.values();
  }

  private int number(String flowId) {
    Integer known = flowNumbers.get(flowId);
    if (known != null) {
      return known;
    }
    synchronized (flowIds) {
      return flowNumbers.computeIfAbsent(flowId, id -> {
        flowIds.add(id);
        return flowIds.size() - 1;
      });
    }
  }

  private String code(String value) {
    return value == null ? null : codes.computeIfAbsent(value, v -> v);
  }

  private static long moment(ResultSet row, int column) throws SQLException {
    Timestamp at = row.getTimestamp(column);
    return at == null ? MeasuredRequest.NONE : at.getTime();
  }

  private static long moment(ResultSet row, String column) throws SQLException {
    Timestamp at = row.getTimestamp(column);
    return at == null ? MeasuredRequest.NONE : at.getTime();
  }

  private static long number(ResultSet row, String column, long otherwise) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? otherwise : value;
  }

  private static double amount(ResultSet row, String column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? Double.NaN : value;
  }

  /** One request being read: its row, then its waits and flows. */
  private final class Reading {
    private final String id;
    private final long stamp;
    private final String reference;
    private final String leadState;
    private final String region;
    private final String theme;
    private final String band;
    private final String office;
    private final Stage stage;
    private final String outcome;
    private final long filedAt;
    private final long closedAt;
    private final double budgetUsd;
    private final double securedUsd;
    private final long toAssignmentMs;
    private final long toClosureMs;
    private final long deliveryAt;
    private int reached;
    private final long[] left = new long[Stage.values().length];
    private final long[] spent = new long[Stage.values().length];
    private final int[] tasks = new int[Stage.values().length];
    private final int[] late = new int[Stage.values().length];
    private final List<Wait> waits = new ArrayList<>(1);
    private int[] flows = new int[0];
    private int flowsTaken;

    Reading(ResultSet row) throws SQLException {
      id = row.getString("PROC_INST_ID_");
      stamp = number(row, "CHANGE_STAMP_", 0);
      reference = row.getString("REFERENCE_");
      leadState = code(row.getString("LEAD_STATE_"));
      region = code(row.getString("REGION_"));
      theme = code(row.getString("THEME_"));
      band = code(row.getString("BAND_"));
      office = code(row.getString("OFFICE_"));
      stage = Stage.valueOf(row.getString("STAGE_"));
      outcome = code(row.getString("OUTCOME_"));
      filedAt = moment(row, "FILED_AT_");
      closedAt = moment(row, "CLOSED_AT_");
      budgetUsd = amount(row, "BUDGET_USD_");
      securedUsd = "FUNDED".equals(row.getString("FUNDING_")) ? amount(row, "FUNDED_USD_") : Double.NaN;
      toAssignmentMs = number(row, "TO_ASSIGNMENT_MS_", MeasuredRequest.NONE);
      toClosureMs = number(row, "TO_CLOSURE_MS_", MeasuredRequest.NONE);
      deliveryAt = moment(row, "DELIVERY_AT_");
      Arrays.fill(left, MeasuredRequest.NONE);
      for (Stage timed : RequestMetrics.TIMED_STAGES) {
        int i = timed.ordinal();
        if (row.getTimestamp(timed + "_AT_") != null) {
          reached |= 1 << i;
        }
        left[i] = moment(row, timed + "_LEFT_");
        spent[i] = row.getLong(timed + "_MS_");
        tasks[i] = row.getInt(timed + "_TASKS_");
        late[i] = row.getInt(timed + "_LATE_");
      }
    }

    void flow(int packed) {
      if (flowsTaken == flows.length) {
        flows = Arrays.copyOf(flows, Math.max(8, flows.length * 2));
      }
      flows[flowsTaken++] = packed;
    }

    /** Writes the request's numbers to the columns at the slot; its row, for the rows at the same slot. */
    MeasuredRequest writeTo(RequestColumns columns, int slot) {
      MeasuredRequest row = new MeasuredRequest(id, stamp, reference, leadState, region, theme, band, office, stage,
          outcome, filedAt, closedAt, waits.isEmpty() ? List.of() : List.copyOf(waits), Arrays.copyOf(flows, flowsTaken));
      columns.region[slot] = dimensionCode(region);
      columns.office[slot] = dimensionCode(office);
      columns.theme[slot] = dimensionCode(theme);
      columns.band[slot] = dimensionCode(band);
      columns.filedAt[slot] = filedAt;
      columns.closedAt[slot] = closedAt;
      columns.completed[slot] = "COMPLETED".equals(outcome) && closedAt != MeasuredRequest.NONE;
      columns.stage[slot] = (byte) stage.ordinal();
      columns.reached[slot] = reached;
      columns.deliveryAt[slot] = deliveryAt;
      columns.toAssignmentMs[slot] = toAssignmentMs;
      columns.toClosureMs[slot] = toClosureMs;
      columns.budgetUsd[slot] = budgetUsd;
      columns.securedUsd[slot] = securedUsd;
      columns.earliestDueAt[slot] = row.earliestDueAt();
      for (int s = 0; s < left.length; s++) {
        columns.left[s][slot] = left[s];
        columns.spent[s][slot] = spent[s];
        columns.tasks[s][slot] = tasks[s];
        columns.late[s][slot] = late[s];
      }
      return row;
    }
  }
}
