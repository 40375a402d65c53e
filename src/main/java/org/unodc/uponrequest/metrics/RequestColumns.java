package org.unodc.uponrequest.metrics;

import java.util.Arrays;
import org.unodc.uponrequest.process.Stage;

/**
 * The numbers the figures count, one array per column, a request at the same place (its slot) in
 * each: a figure over 100,000 requests reads a few arrays front to back instead of 100,000 objects
 * spread over the heap. Written only by {@link MeasuredRequests}, under its write lock.
 */
final class RequestColumns {

  private static final int STAGES = Stage.values().length;

  /** Region, office, thematic area and band as numbers ({@link MeasuredRequests#dimensionCode}), 0 where not set. */
  final int[] region;
  final int[] office;
  final int[] theme;
  final int[] band;
  final long[] filedAt;
  /** When it closed, {@link MeasuredRequest#NONE} while open. */
  final long[] closedAt;
  /** Closed with outcome COMPLETED. */
  final boolean[] completed;
  /** The stage it is in now, by {@link Stage#ordinal()}. */
  final byte[] stage;
  /** A bit per stage it has entered. */
  final int[] reached;
  /** When an office accepted it (it entered DELIVERY), and the time from filing until then. */
  final long[] deliveryAt;
  final long[] toAssignmentMs;
  final long[] toClosureMs;
  /** NaN where not known. */
  final double[] budgetUsd;
  final double[] securedUsd;
  /** The earliest due date of its open tasks: none is overdue before it. */
  final long[] earliestDueAt;
  /** Per stage ordinal, then slot: when it last left the stage, the time spent in it, its tasks done and late. */
  final long[][] left;
  final long[][] spent;
  final int[][] tasks;
  final int[][] late;

  RequestColumns(int capacity) {
    region = new int[capacity];
    office = new int[capacity];
    theme = new int[capacity];
    band = new int[capacity];
    filedAt = new long[capacity];
    closedAt = new long[capacity];
    completed = new boolean[capacity];
    stage = new byte[capacity];
    reached = new int[capacity];
    deliveryAt = new long[capacity];
    toAssignmentMs = new long[capacity];
    toClosureMs = new long[capacity];
    budgetUsd = new double[capacity];
    securedUsd = new double[capacity];
    earliestDueAt = new long[capacity];
    left = new long[STAGES][capacity];
    spent = new long[STAGES][capacity];
    tasks = new int[STAGES][capacity];
    late = new int[STAGES][capacity];
  }

  private RequestColumns(RequestColumns from, int capacity) {
    region = Arrays.copyOf(from.region, capacity);
    office = Arrays.copyOf(from.office, capacity);
    theme = Arrays.copyOf(from.theme, capacity);
    band = Arrays.copyOf(from.band, capacity);
    filedAt = Arrays.copyOf(from.filedAt, capacity);
    closedAt = Arrays.copyOf(from.closedAt, capacity);
    completed = Arrays.copyOf(from.completed, capacity);
    stage = Arrays.copyOf(from.stage, capacity);
    reached = Arrays.copyOf(from.reached, capacity);
    deliveryAt = Arrays.copyOf(from.deliveryAt, capacity);
    toAssignmentMs = Arrays.copyOf(from.toAssignmentMs, capacity);
    toClosureMs = Arrays.copyOf(from.toClosureMs, capacity);
    budgetUsd = Arrays.copyOf(from.budgetUsd, capacity);
    securedUsd = Arrays.copyOf(from.securedUsd, capacity);
    earliestDueAt = Arrays.copyOf(from.earliestDueAt, capacity);
    left = new long[STAGES][];
    spent = new long[STAGES][];
    tasks = new int[STAGES][];
    late = new int[STAGES][];
    for (int s = 0; s < STAGES; s++) {
      left[s] = Arrays.copyOf(from.left[s], capacity);
      spent[s] = Arrays.copyOf(from.spent[s], capacity);
      tasks[s] = Arrays.copyOf(from.tasks[s], capacity);
      late[s] = Arrays.copyOf(from.late[s], capacity);
    }
  }

  int capacity() {
    return filedAt.length;
  }

  /** The same columns with room for more requests. */
  RequestColumns grown(int capacity) {
    return new RequestColumns(this, capacity);
  }

  boolean isOpen(int slot) {
    return closedAt[slot] == MeasuredRequest.NONE;
  }

  boolean filedIn(int slot, long start, long end) {
    return filedAt[slot] >= start && filedAt[slot] < end;
  }

  boolean completedIn(int slot, long start, long end) {
    return completed[slot] && closedAt[slot] >= start && closedAt[slot] < end;
  }

  /** Open at some moment of the period: the only requests that can have left a stage in it. */
  boolean openDuring(int slot, long start, long end) {
    return filedAt[slot] < end && (closedAt[slot] == MeasuredRequest.NONE || closedAt[slot] >= start);
  }

  boolean hasReached(int slot, Stage stage) {
    return (reached[slot] & (1 << stage.ordinal())) != 0;
  }

  /** Left the stage in the period; the stage times count it only if it spent time there. */
  boolean leftIn(int slot, Stage stage, long start, long end) {
    long at = left[stage.ordinal()][slot];
    return at != MeasuredRequest.NONE && at >= start && at < end;
  }

  long spentIn(int slot, Stage stage) {
    return spent[stage.ordinal()][slot];
  }

  /** Whether a task of the request may be overdue now: its earliest due date has passed. */
  boolean mayBeOverdue(int slot, long now) {
    return earliestDueAt[slot] != MeasuredRequest.NONE && earliestDueAt[slot] < now;
  }
}
