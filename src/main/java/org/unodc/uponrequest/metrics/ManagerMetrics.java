package org.unodc.uponrequest.metrics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.unodc.uponrequest.process.Deadlines;
import org.unodc.uponrequest.process.Stage;

/**
 * The dashboard's figures, each one pass over the requests' columns in memory
 * ({@link MeasuredRequests}). The period counts by what happened in it: requests received (filed)
 * in it, completed (closed with outcome COMPLETED) in it, stages left in it; "now" figures (open
 * requests, ages, overdue tasks) ignore the period and honour the other filters.
 */
@Service
class ManagerMetrics {

  static final double DAY_MS = 86_400_000d;
  /** Ages of open requests, in days: each bucket from its bound up to the next one. */
  static final int[] AGE_BOUNDS = {0, 30, 90, 180, 365};

  private final MeasuredRequests requests;
  private final MetricsCodes codes;
  private final Deadlines deadlines;
  private final Clock clock;

  ManagerMetrics(MeasuredRequests requests, MetricsCodes codes, Deadlines deadlines) {
    this.requests = requests;
    this.codes = codes;
    this.deadlines = deadlines;
    this.clock = EngineClock.INSTANCE;
  }

  Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  /** The tiles: one row. */
  MetricsTable summary(MetricsFilter filter) {
    long start = filter.start();
    long end = filter.end();
    long now = clock.millis();
    Map<String, Object> row = requests.compute(snapshot -> {
      RequestColumns c = snapshot.columns();
      long open = 0;
      long received = 0;
      long completed = 0;
      long overdue = 0;
      Values toAssignment = new Values();
      Values toClosure = new Values();
      double requested = 0;
      double secured = 0;
      for (int slot : snapshot.covered(filter)) {
        if (c.isOpen(slot)) {
          open++;
          if (c.mayBeOverdue(slot, now)) {
            overdue += snapshot.rows()[slot].overdueTasks(now);
          }
        }
        if (c.filedIn(slot, start, end)) {
          received++;
          requested += Double.isNaN(c.budgetUsd[slot]) ? 0 : c.budgetUsd[slot];
          secured += Double.isNaN(c.securedUsd[slot]) ? 0 : c.securedUsd[slot];
        }
        if (c.completedIn(slot, start, end)) {
          completed++;
          toClosure.add(c.toClosureMs[slot]);
        }
        if (c.deliveryAt[slot] != MeasuredRequest.NONE && c.deliveryAt[slot] >= start && c.deliveryAt[slot] < end) {
          toAssignment.add(c.toAssignmentMs[slot]);
        }
      }
      Map<String, Object> tiles = new LinkedHashMap<>();
      tiles.put("openRequests", open);
      tiles.put("received", received);
      tiles.put("completed", completed);
      tiles.put("medianDaysToAssignment", days(toAssignment.percentile(0.5)));
      tiles.put("medianDaysToClosure", days(toClosure.percentile(0.5)));
      tiles.put("overdueTasks", overdue);
      tiles.put("fundingRequestedUsd", Math.round(requested));
      tiles.put("fundingSecuredUsd", Math.round(secured));
      return tiles;
    });
    return new MetricsTable("summary", "Summary", List.copyOf(row.keySet()), List.of(row));
  }

  /** The funnel: of the requests received in the period, how many reached each stage; and how many are in it now. */
  MetricsTable stages(MetricsFilter filter) {
    long start = filter.start();
    long end = filter.end();
    long[] reached = new long[Stage.values().length];
    long[] openNow = new long[Stage.values().length];
    long[] completed = new long[1];
    requests.compute(snapshot -> {
      RequestColumns c = snapshot.columns();
      for (int slot : snapshot.covered(filter)) {
        if (c.isOpen(slot)) {
          openNow[c.stage[slot]]++;
        }
        if (c.filedIn(slot, start, end)) {
          for (Stage stage : RequestMetrics.TIMED_STAGES) {
            if (c.hasReached(slot, stage)) {
              reached[stage.ordinal()]++;
            }
          }
          if (c.completed[slot]) {
            completed[0]++;
          }
        }
      }
      return null;
    });
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      rows.add(row("stage", stage.name(), "reached", reached[stage.ordinal()], "openNow", openNow[stage.ordinal()]));
    }
    rows.add(row("stage", "COMPLETED", "reached", completed[0], "openNow", 0L));
    return new MetricsTable("stages", "Requests by stage", List.of("stage", "reached", "openNow"), rows);
  }

  /** Requests received and completed in the period by one dimension: region, office, theme or band. */
  MetricsTable by(String dimension, MetricsFilter filter) {
    Function<RequestColumns, int[]> column = switch (dimension) {
      case "region" -> c -> c.region;
      case "office" -> c -> c.office;
      case "theme" -> c -> c.theme;
      case "band" -> c -> c.band;
      default -> throw new IllegalArgumentException(dimension);
    };
    long start = filter.start();
    long end = filter.end();
    // by code, "" for requests without one; received first, completed second
    Map<String, long[]> counts = new HashMap<>();
    requests.compute(snapshot -> {
      RequestColumns c = snapshot.columns();
      int[] values = column.apply(c);
      // every code in the snapshot was numbered before it was taken
      int numbers = requests.dimensionCount();
      long[] received = new long[numbers];
      long[] completed = new long[numbers];
      boolean[] seen = new boolean[numbers];
      for (int slot : snapshot.covered(filter)) {
        boolean isReceived = c.filedIn(slot, start, end);
        boolean isCompleted = c.completedIn(slot, start, end);
        if (isReceived || isCompleted) {
          int number = values[slot];
          seen[number] = true;
          received[number] += isReceived ? 1 : 0;
          completed[number] += isCompleted ? 1 : 0;
        }
      }
      for (int number = 0; number < numbers; number++) {
        if (seen[number]) {
          counts.put(requests.dimensionValue(number), new long[] {received[number], completed[number]});
        }
      }
      return null;
    });
    List<Map<String, Object>> rows = new ArrayList<>();
    counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(entry -> -entry.getValue()[0])
            .thenComparing(Map.Entry::getKey))
        .forEach(entry -> rows.add(row(dimension, entry.getKey(),
            "label", codes.label(dimension, entry.getKey().isEmpty() ? null : entry.getKey()),
            "received", entry.getValue()[0], "completed", entry.getValue()[1])));
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
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth month = filter.from(); !month.isAfter(filter.to()); month = month.plusMonths(1)) {
      months.add(month);
    }
    // where each month begins, and where the period ends
    long[] bounds = new long[months.size() + 1];
    for (int i = 0; i < months.size(); i++) {
      bounds[i] = Timestamp.valueOf(months.get(i).atDay(1).atStartOfDay()).getTime();
    }
    bounds[months.size()] = filter.end();
    long[] received = new long[months.size()];
    long[] completed = new long[months.size()];
    requests.compute(snapshot -> {
      RequestColumns c = snapshot.columns();
      for (int slot : snapshot.covered(filter)) {
        int filedIn = monthIndex(bounds, c.filedAt[slot]);
        if (filedIn >= 0) {
          received[filedIn]++;
        }
        if (c.completed[slot]) {
          int closedIn = monthIndex(bounds, c.closedAt[slot]);
          if (closedIn >= 0) {
            completed[closedIn]++;
          }
        }
      }
      return null;
    });
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < months.size(); i++) {
      rows.add(row("month", months.get(i).toString(), "received", received[i], "completed", completed[i]));
    }
    return new MetricsTable("monthly", "Received and completed per month", List.of("month", "received", "completed"), rows);
  }

  /** Which month of the period the moment falls in, by the months' first moments; -1 if outside it. */
  private static int monthIndex(long[] bounds, long at) {
    if (at == MeasuredRequest.NONE || at < bounds[0] || at >= bounds[bounds.length - 1]) {
      return -1;
    }
    int found = Arrays.binarySearch(bounds, at);
    return found >= 0 ? found : -found - 2;
  }

  /**
   * Time spent in each stage by the requests that left it in the period, having spent time in it:
   * median and 90th percentile, in days.
   */
  MetricsTable stageTimes(MetricsFilter filter) {
    long start = filter.start();
    long end = filter.end();
    Values[] times = new Values[Stage.values().length];
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      times[stage.ordinal()] = new Values();
    }
    requests.compute(snapshot -> {
      RequestColumns c = snapshot.columns();
      int[] openDuring = openDuring(snapshot, filter);
      for (Stage stage : RequestMetrics.TIMED_STAGES) {
        long[] left = c.left[stage.ordinal()];
        long[] spent = c.spent[stage.ordinal()];
        Values values = times[stage.ordinal()];
        for (int slot : openDuring) {
          // a stage passed within one step (e.g. consultation with none required) took no time: not counted
          if (left[slot] != MeasuredRequest.NONE && left[slot] >= start && left[slot] < end && spent[slot] > 0) {
            values.add(spent[slot]);
          }
        }
      }
      return null;
    });
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      Values spent = times[stage.ordinal()];
      rows.add(row("stage", stage.name(), "requests", (long) spent.size(), "medianDays", days(spent.percentile(0.5)),
          "p90Days", days(spent.percentile(0.9))));
    }
    return new MetricsTable("stage-times", "Time in each stage (days)", List.of("stage", "requests", "medianDays", "p90Days"),
        rows);
  }

  /** The covered requests open at some moment of the period: the only ones that can have left a stage in it. */
  private static int[] openDuring(MeasuredRequests.Snapshot snapshot, MetricsFilter filter) {
    long start = filter.start();
    long end = filter.end();
    int[] covered = snapshot.covered(filter);
    int n = 0;
    for (int slot : covered) {
      if (snapshot.columns().openDuring(slot, start, end)) {
        covered[n++] = slot;
      }
    }
    return Arrays.copyOf(covered, n);
  }

  /** Open requests by how long ago they were filed. */
  MetricsTable openAge(MetricsFilter filter) {
    long[] bounds = ageBounds(clock.instant());
    long[] counts = new long[AGE_BOUNDS.length];
    requests.compute(snapshot -> {
      RequestColumns c = snapshot.columns();
      for (int slot : snapshot.covered(filter)) {
        if (c.isOpen(slot)) {
          int bucket = ageBucketOf(c.filedAt[slot], bounds);
          if (bucket >= 0) {
            counts[bucket]++;
          }
        }
      }
      return null;
    });
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < AGE_BOUNDS.length; i++) {
      rows.add(row("age", ageBucket(i), "openRequests", counts[i]));
    }
    return new MetricsTable("open-age", "Age of open requests", List.of("age", "openRequests"), rows);
  }

  /** The moments the age groups begin at, newest first: now less each bound. */
  static long[] ageBounds(Instant now) {
    long[] bounds = new long[AGE_BOUNDS.length];
    for (int i = 0; i < AGE_BOUNDS.length; i++) {
      bounds[i] = now.minus(Duration.ofDays(AGE_BOUNDS[i])).toEpochMilli();
    }
    return bounds;
  }

  /**
   * The age group of a request filed at the moment: filed at or before its bound's moment and after
   * the next one's; -1 if filed after now (a clock moved back).
   */
  static int ageBucketOf(long filedAt, long[] bounds) {
    for (int i = bounds.length - 1; i >= 0; i--) {
      if (filedAt <= bounds[i] && (i + 1 == bounds.length || filedAt > bounds[i + 1])) {
        return i;
      }
    }
    return -1;
  }

  static String ageBucket(int i) {
    return i + 1 < AGE_BOUNDS.length ? AGE_BOUNDS[i] + "-" + AGE_BOUNDS[i + 1] + " days" : AGE_BOUNDS[i] + "+ days";
  }

  /** Tasks open past their due date now, by the office of their request (none yet before assignment). */
  MetricsTable overdue(MetricsFilter filter) {
    long now = clock.millis();
    Map<String, Long> counts = new HashMap<>();
    requests.compute(snapshot -> {
      RequestColumns c = snapshot.columns();
      for (int slot : snapshot.covered(filter)) {
        if (c.isOpen(slot) && c.mayBeOverdue(slot, now)) {
          MeasuredRequest request = snapshot.rows()[slot];
          long overdue = request.overdueTasks(now);
          if (overdue > 0) {
            counts.merge(request.office() == null ? "" : request.office(), overdue, Long::sum);
          }
        }
      }
      return null;
    });
    List<Map<String, Object>> rows = new ArrayList<>();
    counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(entry -> -entry.getValue())
            .thenComparing(Map.Entry::getKey))
        .forEach(entry -> rows.add(row("office", entry.getKey(),
            "label", codes.label("office", entry.getKey().isEmpty() ? null : entry.getKey()),
            "overdueTasks", entry.getValue())));
    return new MetricsTable("overdue", "Overdue tasks by office", List.of("office", "label", "overdueTasks"), rows);
  }

  /**
   * Per stage, the tasks completed in it by the requests that left it in the period, and how many
   * of those were completed by their due date (set from {@code uponrequest.deadlines.stages}).
   */
  MetricsTable onTime(MetricsFilter filter) {
    long start = filter.start();
    long end = filter.end();
    long[] tasks = new long[Stage.values().length];
    long[] late = new long[Stage.values().length];
    requests.compute(snapshot -> {
      RequestColumns c = snapshot.columns();
      int[] openDuring = openDuring(snapshot, filter);
      for (Stage stage : RequestMetrics.TIMED_STAGES) {
        int s = stage.ordinal();
        long[] left = c.left[s];
        for (int slot : openDuring) {
          if (left[slot] != MeasuredRequest.NONE && left[slot] >= start && left[slot] < end) {
            tasks[s] += c.tasks[s][slot];
            late[s] += c.late[s][slot];
          }
        }
      }
      return null;
    });
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      long done = tasks[stage.ordinal()];
      long onTime = done - late[stage.ordinal()];
      rows.add(row("stage", stage.name(), "deadline", deadlines.getStages().get(stage.name()), "tasks", done,
          "onTime", onTime, "onTimeRate", done == 0 ? null : Math.round(1000.0 * onTime / done) / 10.0));
    }
    return new MetricsTable("on-time", "On-time rate per stage (%)",
        List.of("stage", "deadline", "tasks", "onTime", "onTimeRate"), rows);
  }

  /** Milliseconds to take percentiles of, as SQL's PERCENTILE_CONT does (linear between neighbours). */
  static final class Values {
    private long[] values = new long[16];
    private int size;

    void add(long value) {
      if (value == MeasuredRequest.NONE) {
        return;
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int size() {
      return size;
    }

    /** Null when there is nothing to measure. */
    Double percentile(double fraction) {
      if (size == 0) {
        return null;
      }
      double position = fraction * (size - 1);
      int below = (int) Math.floor(position);
      long atBelow = select(below);
      if (below + 1 >= size) {
        return (double) atBelow;
      }
      // select leaves every value after the position at least as large: the next is the least of them
      long above = values[below + 1];
      for (int i = below + 2; i < size; i++) {
        above = Math.min(above, values[i]);
      }
      return atBelow + (position - below) * (above - atBelow);
    }

    /**
     * The k-th smallest value (from 0), in linear time rather than a sort: reorders the values so
     * that none before k is larger and none after it smaller (Hoare's selection).
     */
    private long select(int k) {
      long[] a = values;
      int low = 0;
      int high = size - 1;
      while (low < high) {
        long pivot = a[low + (high - low) / 2];
        int i = low;
        int j = high;
        while (i <= j) {
          while (a[i] < pivot) {
            i++;
          }
          while (a[j] > pivot) {
            j--;
          }
          if (i <= j) {
            long swap = a[i];
            a[i++] = a[j];
            a[j--] = swap;
          }
        }
        if (k <= j) {
          high = j;
        } else if (k >= i) {
          low = i;
        } else {
          return a[k];
        }
      }
      return a[k];
    }
  }

  static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** Milliseconds as days, to one decimal; null when there is nothing to measure. */
  static Double days(Number ms) {
    return ms == null ? null : Math.round(ms.doubleValue() / DAY_MS * 10) / 10.0;
  }

  static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }
}
