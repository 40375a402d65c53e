package org.unodc.uponrequest.durability;

import java.util.concurrent.TimeUnit;

/** Seconds spent in each phase of a drill, to tell a slow machine from a slow product. */
final class Laps {

  private final long began = System.nanoTime();
  private long last = began;
  private final StringBuilder laps = new StringBuilder();

  void lap(String phase) {
    long now = System.nanoTime();
    laps.append(laps.isEmpty() ? "" : ", ").append(phase).append(' ').append(TimeUnit.NANOSECONDS.toSeconds(now - last))
        .append(" s");
    last = now;
  }

  @Override
  public String toString() {
    return TimeUnit.NANOSECONDS.toSeconds(last - began) + " s (" + laps + ")";
  }
}
