package org.unodc.uponrequest.metrics.history;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Durations a test chooses: per wait, in the order they are asked for; a day where none is given. */
final class ScriptedTiming implements Timing {

  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  private final Map<String, Deque<Long>> durations = new HashMap<>();

  /** The next time the wait is asked for, it takes these durations, one after the other. */
  ScriptedTiming take(Wait wait, long... millis) {
    Deque<Long> queue = durations.computeIfAbsent(wait.activity(), a -> new ArrayDeque<>());
    for (long m : millis) {
      queue.add(m);
    }
    return this;
  }

  static long days(double days) {
    return Math.round(days * DAY);
  }

  @Override
  public long duration(Wait wait) {
    Deque<Long> queue = durations.get(wait.activity());
    return queue == null || queue.isEmpty() ? DAY : queue.poll();
  }

  @Override
  public long within(Wait wait, long limit) {
    return Math.min(duration(wait), limit - HOUR);
  }
}
