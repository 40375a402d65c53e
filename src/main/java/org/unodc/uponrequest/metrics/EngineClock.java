package org.unodc.uponrequest.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock as a {@link Clock}: "now" for ages, waits and overdue tasks is the moment the
 * engine stamps its history with, so the figures agree with the times they are computed from.
 * Not a bean: the product's other {@link Clock} is the wall clock.
 */
final class EngineClock extends Clock {

  static final EngineClock INSTANCE = new EngineClock();

  private EngineClock() {}

  @Override
  public Instant instant() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
