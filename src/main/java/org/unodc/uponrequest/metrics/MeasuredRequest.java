package org.unodc.uponrequest.metrics;

import java.time.YearMonth;
import java.util.List;
import org.unodc.uponrequest.process.Stage;

/**
 * One request as the dashboard lists it, with its open wait states and the flows it took, held in
 * memory by {@link MeasuredRequests}; its numbers are in {@link RequestColumns}. Immutable: a change
 * replaces the whole request. Moments are epoch milliseconds, {@link #NONE} where not set.
 *
 * @param stamp the row's {@code CHANGE_STAMP_} when read: an equal stamp means nothing changed
 * @param flows each flow taken, as {@link #flow(int, int)} packs its number and month
 */
record MeasuredRequest(String id, long stamp, String reference, String leadState, String region, String theme,
    String band, String office, Stage stage, String outcome, long filedAt, long closedAt, List<Wait> waits,
    int[] flows) {

  static final long NONE = Long.MIN_VALUE;

  /** An open wait state: a task (with its due date, or NONE), a timer, a message, a call activity. */
  record Wait(String activity, boolean task, long startedAt, long dueAt) {}

  long overdueTasks(long now) {
    long overdue = 0;
    for (Wait wait : waits) {
      if (wait.task() && wait.dueAt() != NONE && wait.dueAt() < now) {
        overdue++;
      }
    }
    return overdue;
  }

  /** The earliest due date of its open tasks, NONE if none has one: no task is overdue before it. */
  long earliestDueAt() {
    long earliest = NONE;
    for (Wait wait : waits) {
      if (wait.task() && wait.dueAt() != NONE && (earliest == NONE || wait.dueAt() < earliest)) {
        earliest = wait.dueAt();
      }
    }
    return earliest;
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
