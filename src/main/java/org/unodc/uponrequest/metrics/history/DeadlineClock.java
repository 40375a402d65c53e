package org.unodc.uponrequest.metrics.history;

import java.util.Date;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.Duration;
import org.unodc.uponrequest.process.Deadlines;

/**
 * When tasks fall due and timers fire, from the same {@code uponrequest.deadlines} the process
 * reads, added the same way ({@link Deadlines#after}: an ISO-8601 duration added to a calendar), so
 * that a generated due date is the one the engine would have given. Parsed durations are kept: the
 * generator asks a few million times.
 */
final class DeadlineClock {

  private final Deadlines deadlines;
  private final DatatypeFactory factory;
  private final Map<String, Duration> parsed = new ConcurrentHashMap<>();

  DeadlineClock(Deadlines deadlines) {
    this.deadlines = deadlines;
    try {
      this.factory = DatatypeFactory.newInstance();
    } catch (DatatypeConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The moment the named deadline (a stage or a named one) passes, counted from {@code from}. */
  long after(String name, long from) {
    return add(deadlines.of(name), from);
  }

  /** When a task begun at {@code from} falls due. */
  long due(Wait task, long from) {
    return after(task.deadline(), from);
  }

  /** When a request kept in the funding pipeline is looked at again: sooner for a higher band. */
  long recheck(String band, long from) {
    return add(deadlines.forBand("funding-recheck", band), from);
  }

  /** When the next progress report falls due, a period of {@code progress-report-cycle} (R8/P3M) from {@code from}. */
  long progressReportDue(long from) {
    return add(deadlines.progressReportPeriod(), from);
  }

  /** How many progress reports fall due at most while delivery runs (the cycle's repetitions). */
  int progressReports() {
    return deadlines.progressReports();
  }

  /** How many times the funding pipeline looks at a request again at most. */
  int maxFundingRechecks() {
    return deadlines.maxFundingRechecks();
  }

  private long add(String isoDuration, long from) {
    Duration duration = parsed.computeIfAbsent(isoDuration, factory::newDuration);
    GregorianCalendar calendar = new GregorianCalendar();
    calendar.setTime(new Date(from));
    duration.addTo(calendar);
    return calendar.getTimeInMillis();
  }
}
