package org.unodc.uponrequest.metrics;

import java.time.YearMonth;
import java.util.List;
import org.unodc.uponrequest.process.Stage;

/**
 * One request as the dashboard measures it: its row of {@code UR_METRIC_REQUEST}, its open wait
 * states and the flows it took, held in memory by {@link MeasuredRequests}. Immutable: a change
 * replaces the whole request. Moments are epoch milliseconds, {@link #NONE} where not set.
 *
 * @param stamp the row's {@code CHANGE_STAMP_} when read: an equal stamp means nothing changed
 * @param reached a bit per {@link Stage#ordinal()} the request has entered
 * @param left per timed stage, when the request last left it
 * @param spent per timed stage, the milliseconds spent in it in all
 * @param tasks per timed stage, the tasks completed in it
 * @param late per timed stage, those of the tasks completed after their due date
 * @param flows each flow taken, as {@link #flow(int, int)} packs its number and month
 */
record MeasuredRequest(String id, long stamp, String reference, String leadState, String region, String theme,
    String band, String office, Stage stage, String outcome, long filedAt, long closedAt, double budgetUsd,
    double securedUsd, long toAssignmentMs, long toClosureMs, long deliveryAt, int reached, long[] left,
    long[] spent, int[] tasks, int[] late, List<Wait> waits, int[] flows) {

  static final long NONE = Long.MIN_VALUE;

  /** An open wait state: a task (with its due date, or NONE), a timer, a message, a call activity. */
  record Wait(String activity, boolean task, long startedAt, long dueAt) {}

  boolean isOpen() {
    return closedAt == NONE;
  }

  boolean filedIn(long start, long end) {
    return filedAt >= start && filedAt < end;
  }

  boolean completedIn(long start, long end) {
    return "COMPLETED".equals(outcome) && closedAt != NONE && closedAt >= start && closedAt < end;
  }

  /** Open at some moment of the period: the only requests that can have left a stage in it. */
  boolean openDuring(long start, long end) {
    return filedAt < end && (closedAt == NONE || closedAt >= start);
  }

  boolean hasReached(Stage stage) {
    return (reached & (1 << stage.ordinal())) != 0;
  }

  /** Left the stage in the period; the stage times count it only if it spent time there. */
  boolean leftIn(Stage stage, long start, long end) {
    long at = left[stage.ordinal()];
    return at != NONE && at >= start && at < end;
  }

  long spentIn(Stage stage) {
    return spent[stage.ordinal()];
  }

  boolean hasOverdueTask(long now) {
    return waits.stream().anyMatch(wait -> wait.task() && wait.dueAt() != NONE && wait.dueAt() < now);
  }

  long overdueTasks(long now) {
    return waits.stream().filter(wait -> wait.task() && wait.dueAt() != NONE && wait.dueAt() < now).count();
  }

  /** A flow taken, packed in an int: the flow's number (see MeasuredRequests) and its month. */
  static int flow(int flowNumber, int yyyymm) {
    return flowNumber << 16 | monthNumber(yyyymm);
  }

  static int flowNumber(int packed) {
    return packed >>> 16;
  }

  static int monthOf(int packed) {
    return packed & 0xFFFF;
  }

  /** Months since January 2000 (the filters allow 2000 to 2999): fits in 16 bits. */
  static int monthNumber(int yyyymm) {
    return Math.max(0, (yyyymm / 100 - 2000) * 12 + yyyymm % 100 - 1);
  }

  static int monthNumber(YearMonth month) {
    return monthNumber(month.getYear() * 100 + month.getMonthValue());
  }
}
