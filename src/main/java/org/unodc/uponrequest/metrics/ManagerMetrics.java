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
 * The dashboard's figures, each one pass over the requests in memory ({@link MeasuredRequests}).
 * The period counts by what happened in it: requests received (filed) in it, completed (closed
 * with outcome COMPLETED) in it, stages left in it; "now" figures (open requests, ages, overdue
 * tasks) ignore the period and honour the other filters.
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

  /** The requests the filter's dimensions cover, as committed now; the period is each figure's to apply. */
  List<MeasuredRequest> covered(MetricsFilter filter) {
    List<MeasuredRequest> covered = new ArrayList<>();
    for (MeasuredRequest request : requests.now()) {
      if (filter.covers(request)) {
        covered.add(request);
      }
    }
    return covered;
  }

  /** The tiles: one row. */
  MetricsTable summary(MetricsFilter filter) {
    long start = filter.start();
    long end = filter.end();
    long now = clock.millis();
    long open = 0;
    long received = 0;
    long completed = 0;
    long overdue = 0;
    Values toAssignment = new Values();
    Values toClosure = new Values();
    double requested = 0;
    double secured = 0;
    for (MeasuredRequest request : covered(filter)) {
      if (request.isOpen()) {
        open++;
      }
      if (request.filedIn(start, end)) {
        received++;
        requested += Double.isNaN(request.budgetUsd()) ? 0 : request.budgetUsd();
        secured += Double.isNaN(request.securedUsd()) ? 0 : request.securedUsd();
      }
      if (request.completedIn(start, end)) {
        completed++;
        toClosure.add(request.toClosureMs());
      }
      if (request.deliveryAt() != MeasuredRequest.NONE && request.deliveryAt() >= start && request.deliveryAt() < end) {
        toAssignment.add(request.toAssignmentMs());
      }
      overdue += request.overdueTasks(now);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("openRequests", open);
    row.put("received", received);
    row.put("completed", completed);
    row.put("medianDaysToAssignment", days(toAssignment.percentile(0.5)));
    row.put("medianDaysToClosure", days(toClosure.percentile(0.5)));
    row.put("overdueTasks", overdue);
    row.put("fundingRequestedUsd", Math.round(requested));
    row.put("fundingSecuredUsd", Math.round(secured));
    return new MetricsTable("summary", "Summary", List.copyOf(row.keySet()), List.of(row));
  }

  /** The funnel: of the requests received in the period, how many reached each stage; and how many are in it now. */
  MetricsTable stages(MetricsFilter filter) {
    long start = filter.start();
    long end = filter.end();
    long[] reached = new long[Stage.values().length];
    long[] openNow = new long[Stage.values().length];
    long completed = 0;
    for (MeasuredRequest request : covered(filter)) {
      if (request.isOpen()) {
        openNow[request.stage().ordinal()]++;
      }
      if (request.filedIn(start, end)) {
        for (Stage stage : RequestMetrics.TIMED_STAGES) {
          if (request.hasReached(stage)) {
            reached[stage.ordinal()]++;
          }
        }
        if ("COMPLETED".equals(request.outcome())) {
          completed++;
        }
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      rows.add(row("stage", stage.name(), "reached", reached[stage.ordinal()], "openNow", openNow[stage.ordinal()]));
    }
    rows.add(row("stage", "COMPLETED", "reached", completed, "openNow", 0L));
    return new MetricsTable("stages", "Requests by stage", List.of("stage", "reached", "openNow"), rows);
  }

  /** Requests received and completed in the period by one dimension: region, office, theme or band. */
  MetricsTable by(String dimension, MetricsFilter filter) {
    Function<MeasuredRequest, String> value = switch (dimension) {
      case "region" -> MeasuredRequest::region;
      case "office" -> MeasuredRequest::office;
      case "theme" -> MeasuredRequest::theme;
      case "band" -> MeasuredRequest::band;
      default -> throw new IllegalArgumentException(dimension);
    };
    long start = filter.start();
    long end = filter.end();
    // by code, "" for requests without one; received first, completed second
    Map<String, long[]> counts = new HashMap<>();
    for (MeasuredRequest request : covered(filter)) {
      boolean received = request.filedIn(start, end);
      boolean completed = request.completedIn(start, end);
      if (received || completed) {
        String code = value.apply(request);
        long[] count = counts.computeIfAbsent(code == null ? "" : code, c -> new long[2]);
        count[0] += received ? 1 : 0;
        count[1] += completed ? 1 : 0;
      }
    }
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
    long start = filter.start();
    long end = filter.end();
    Map<YearMonth, long[]> months = new LinkedHashMap<>();
    for (YearMonth month = filter.from(); !month.isAfter(filter.to()); month = month.plusMonths(1)) {
      months.put(month, new long[2]);
    }
    for (MeasuredRequest request : covered(filter)) {
      if (request.filedIn(start, end)) {
        months.get(month(request.filedAt()))[0]++;
      }
      if (request.completedIn(start, end)) {
        months.get(month(request.closedAt()))[1]++;
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    months.forEach((month, counts) -> rows.add(row("month", month.toString(), "received", counts[0],
        "completed", counts[1])));
    return new MetricsTable("monthly", "Received and completed per month", List.of("month", "received", "completed"), rows);
  }

  /** The month of a moment, as the period's months are cut (this server's time). */
  static YearMonth month(long epochMs) {
    return YearMonth.from(new Timestamp(epochMs).toLocalDateTime());
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
    for (MeasuredRequest request : covered(filter)) {
      if (request.openDuring(start, end)) {
        for (Stage stage : RequestMetrics.TIMED_STAGES) {
          // a stage passed within one step (e.g. consultation with none required) took no time: not counted
          if (request.leftIn(stage, start, end) && request.spentIn(stage) > 0) {
            times[stage.ordinal()].add(request.spentIn(stage));
          }
        }
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      Values spent = times[stage.ordinal()];
      rows.add(row("stage", stage.name(), "requests", (long) spent.size(), "medianDays", days(spent.percentile(0.5)),
          "p90Days", days(spent.percentile(0.9))));
    }
    return new MetricsTable("stage-times", "Time in each stage (days)", List.of("stage", "requests", "medianDays", "p90Days"),
        rows);
  }

  /** Open requests by how long ago they were filed. */
  MetricsTable openAge(MetricsFilter filter) {
    Instant now = clock.instant();
    long[] bounds = new long[AGE_BOUNDS.length];
    for (int i = 0; i < AGE_BOUNDS.length; i++) {
      bounds[i] = now.minus(Duration.ofDays(AGE_BOUNDS[i])).toEpochMilli();
    }
    long[] counts = new long[AGE_BOUNDS.length];
    for (MeasuredRequest request : covered(filter)) {
      if (request.isOpen()) {
        int bucket = ageBucketOf(request.filedAt(), bounds);
        if (bucket >= 0) {
          counts[bucket]++;
        }
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < AGE_BOUNDS.length; i++) {
      rows.add(row("age", ageBucket(i), "openRequests", counts[i]));
    }
    return new MetricsTable("open-age", "Age of open requests", List.of("age", "openRequests"), rows);
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
    for (MeasuredRequest request : covered(filter)) {
      long overdue = request.overdueTasks(now);
      if (overdue > 0) {
        counts.merge(request.office() == null ? "" : request.office(), overdue, Long::sum);
      }
    }
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
    for (MeasuredRequest request : covered(filter)) {
      if (request.openDuring(start, end)) {
        for (Stage stage : RequestMetrics.TIMED_STAGES) {
          if (request.leftIn(stage, start, end)) {
            tasks[stage.ordinal()] += request.tasks()[stage.ordinal()];
            late[stage.ordinal()] += request.late()[stage.ordinal()];
          }
        }
      }
    }
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
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      double position = fraction * (size - 1);
      int below = (int) Math.floor(position);
      if (below + 1 >= size) {
        return (double) sorted[below];
      }
      return sorted[below] + (position - below) * (sorted[below + 1] - sorted[below]);
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
