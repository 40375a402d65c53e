package org.unodc.uponrequest.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds up the flows requests took ({@code UR_METRIC_FLOW}) into monthly sums per flow and
 * dimensions ({@code UR_METRIC_FLOW_MONTH}), which the heatmap reads: a year of flows is a few
 * thousand sums, not half a million rows. When a request's dimensions change (its band is set,
 * an office accepts it), its sums move to the new dimensions. The sums are written by this roller
 * alone, one node at a time under a lock row, so steps never wait on a shared sum and no flow is
 * counted twice; they trail the steps by at most {@code uponrequest.metrics.roll-interval}.
 */
@Component
public class FlowRoller {

  private static final Logger LOG = LoggerFactory.getLogger(FlowRoller.class);
  static final String LOCK = "flows";
  private static final int BATCH = 5000;

  /** A sum's key: month, flow and the request's dimensions ('' where not known yet). */
  record Cell(int month, String flow, Dimensions dimensions) {}

  /** Region, office, thematic area and band of a request, '' where not set. */
  record Dimensions(String region, String office, String theme, String band) {
    static Dimensions of(Map<String, Object> row) {
      return new Dimensions(text(row.get("REGION_")), text(row.get("OFFICE_")), text(row.get("THEME_")), text(row.get("BAND_")));
    }

    private static String text(Object value) {
      return value == null ? "" : value.toString();
    }

    MapSqlParameterSource parameters() {
      return new MapSqlParameterSource("region", region).addValue("office", office).addValue("theme", theme)
          .addValue("band", band);
    }
  }

  private static final Dimensions UNKNOWN = new Dimensions("", "", "", "");

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  FlowRoller(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  @Scheduled(initialDelayString = "${uponrequest.metrics.roll-interval:PT10S}",
      fixedDelayString = "${uponrequest.metrics.roll-interval:PT10S}")
  void rollOnSchedule() {
    try {
      rollAll();
    } catch (RuntimeException e) {
      LOG.warn("Adding up the flows taken failed; trying again at the next interval", e);
    }
  }

  /** Rolls until nothing is left to add up; the number of flows and moves handled. */
  public int rollAll() {
    int total = 0;
    int rolled;
    do {
      rolled = transactions.execute(status -> rollBatch());
      total += rolled;
    } while (rolled > 0);
    return total;
  }

  private int rollBatch() {
    lock();
    List<Map<String, Object>> takes = jdbc.queryForList("SELECT ID_, PROC_INST_ID_, FLOW_ID_, MONTH_ FROM UR_METRIC_FLOW "
        + "WHERE ROLLED_ = FALSE ORDER BY ID_ FETCH FIRST " + BATCH + " ROWS ONLY", Map.of());
    List<Map<String, Object>> moves = jdbc.queryForList("SELECT ID_, PROC_INST_ID_ FROM UR_METRIC_FLOW_MOVE ORDER BY ID_ "
        + "FETCH FIRST " + BATCH + " ROWS ONLY", Map.of());
    if (takes.isEmpty() && moves.isEmpty()) {
      return 0;
    }
    Set<String> requests = new LinkedHashSet<>();
    takes.forEach(take -> requests.add((String) take.get("PROC_INST_ID_")));
    moves.forEach(move -> requests.add((String) move.get("PROC_INST_ID_")));
    Map<String, Dimensions> current = dimensions("SELECT PROC_INST_ID_, REGION_, OFFICE_, THEME_, BAND_ FROM UR_METRIC_REQUEST "
        + "WHERE PROC_INST_ID_ IN (:ids)", requests);
    Map<String, Dimensions> rolled = dimensions("SELECT PROC_INST_ID_, REGION_, OFFICE_, THEME_, BAND_ FROM "
        + "UR_METRIC_FLOW_ROLLED WHERE PROC_INST_ID_ IN (:ids)", requests);

    Map<Cell, Long> deltas = new LinkedHashMap<>();
    List<String> moved = requests.stream()
        .filter(request -> rolled.containsKey(request) && !rolled.get(request).equals(current.getOrDefault(request, UNKNOWN)))
        .toList();
    for (List<String> chunk : chunks(moved)) {
      jdbc.queryForList("SELECT PROC_INST_ID_, MONTH_, FLOW_ID_, COUNT(*) AS TAKEN FROM UR_METRIC_FLOW WHERE ROLLED_ = TRUE "
          + "AND PROC_INST_ID_ IN (:ids) GROUP BY PROC_INST_ID_, MONTH_, FLOW_ID_", new MapSqlParameterSource("ids", chunk))
          .forEach(row -> {
            String request = (String) row.get("PROC_INST_ID_");
            int month = ((Number) row.get("MONTH_")).intValue();
            String flow = (String) row.get("FLOW_ID_");
            long taken = ((Number) row.get("TAKEN")).longValue();
            deltas.merge(new Cell(month, flow, rolled.get(request)), -taken, Long::sum);
            deltas.merge(new Cell(month, flow, current.getOrDefault(request, UNKNOWN)), taken, Long::sum);
          });
    }
    for (Map<String, Object> take : takes) {
      String request = (String) take.get("PROC_INST_ID_");
      deltas.merge(new Cell(((Number) take.get("MONTH_")).intValue(), (String) take.get("FLOW_ID_"),
          current.getOrDefault(request, UNKNOWN)), 1L, Long::sum);
    }
    deltas.forEach((cell, delta) -> {
      if (delta != 0) {
        add(cell, delta);
      }
    });
    for (List<Object> chunk : chunks(takes.stream().map(take -> take.get("ID_")).toList())) {
      jdbc.update("UPDATE UR_METRIC_FLOW SET ROLLED_ = TRUE WHERE ID_ IN (:ids)", new MapSqlParameterSource("ids", chunk));
    }
    for (List<Object> chunk : chunks(moves.stream().map(move -> move.get("ID_")).toList())) {
      jdbc.update("DELETE FROM UR_METRIC_FLOW_MOVE WHERE ID_ IN (:ids)", new MapSqlParameterSource("ids", chunk));
    }
    for (String request : requests) {
      Dimensions now = current.getOrDefault(request, UNKNOWN);
      if (!now.equals(rolled.get(request))) {
        MapSqlParameterSource values = now.parameters().addValue("id", request);
        if (jdbc.update("UPDATE UR_METRIC_FLOW_ROLLED SET REGION_ = :region, OFFICE_ = :office, THEME_ = :theme, "
            + "BAND_ = :band WHERE PROC_INST_ID_ = :id", values) == 0) {
          jdbc.update("INSERT INTO UR_METRIC_FLOW_ROLLED (PROC_INST_ID_, REGION_, OFFICE_, THEME_, BAND_) "
              + "VALUES (:id, :region, :office, :theme, :band)", values);
        }
      }
    }
    return takes.size() + moves.size();
  }

  private void add(Cell cell, long delta) {
    MapSqlParameterSource key = cell.dimensions().parameters().addValue("month", cell.month()).addValue("flow", cell.flow())
        .addValue("delta", delta);
    String where = " WHERE MONTH_ = :month AND FLOW_ID_ = :flow AND REGION_ = :region AND OFFICE_ = :office "
        + "AND THEME_ = :theme AND BAND_ = :band";
    if (jdbc.update("UPDATE UR_METRIC_FLOW_MONTH SET TAKEN_ = TAKEN_ + :delta" + where, key) == 0) {
      jdbc.update("INSERT INTO UR_METRIC_FLOW_MONTH (MONTH_, FLOW_ID_, REGION_, OFFICE_, THEME_, BAND_, TAKEN_) "
          + "VALUES (:month, :flow, :region, :office, :theme, :band, :delta)", key);
    } else if (delta < 0) {
      jdbc.update("DELETE FROM UR_METRIC_FLOW_MONTH" + where + " AND TAKEN_ = 0", key);
    }
  }

  private Map<String, Dimensions> dimensions(String sql, Set<String> requests) {
    Map<String, Dimensions> found = new HashMap<>();
    for (List<String> chunk : chunks(new ArrayList<>(requests))) {
      jdbc.queryForList(sql, new MapSqlParameterSource("ids", chunk))
          .forEach(row -> found.put((String) row.get("PROC_INST_ID_"), Dimensions.of(row)));
    }
    return found;
  }

  /** The lock row, made once at start-up, outside any transaction (a duplicate means another node made it). */
  @PostConstruct
  void makeLockRow() {
    try {
      jdbc.update("INSERT INTO UR_METRIC_LOCK (NAME_) SELECT :name WHERE NOT EXISTS "
          + "(SELECT 1 FROM UR_METRIC_LOCK WHERE NAME_ = :name)", new MapSqlParameterSource("name", LOCK));
    } catch (DuplicateKeyException another) {
      // another node made it at the same moment
    }
  }

  /** Only one node rolls at a time: the others wait here for its transaction to end. */
  private void lock() {
    jdbc.queryForList("SELECT NAME_ FROM UR_METRIC_LOCK WHERE NAME_ = :name FOR UPDATE", new MapSqlParameterSource("name", LOCK));
  }

  private static <T> List<List<T>> chunks(List<T> values) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < values.size(); i += 1000) {
      chunks.add(values.subList(i, Math.min(values.size(), i + 1000)));
    }
    return chunks;
  }
}
