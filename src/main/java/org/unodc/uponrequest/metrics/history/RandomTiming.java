package org.unodc.uponrequest.metrics.history;

import static org.unodc.uponrequest.metrics.history.Paths.*;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * How long people take in generated requests: log-normal around a typical time per task, which
 * is well inside its due date (uponrequest.deadlines) with a tail past it, so that some tasks are
 * late and a screening now and then is escalated. A request's office works at its own pace, work
 * begun in August or late December takes longer, and the programme gets a little faster each year.
 */
final class RandomTiming implements Timing {

  private static final double DAY = 24 * 3_600_000d;

  /** Typical days (the median) and spread (sigma of the logarithm) per wait. */
  private record Typical(double days, double spread, boolean office) {}

  private static final Map<String, Typical> TYPICAL = Map.ofEntries(
      Map.entry(SCREENING.activity(), new Typical(2.5, 0.7, false)),
      Map.entry(FOLLOW_UP.activity(), new Typical(1.0, 0.6, false)),
      Map.entry(CLARIFICATION.activity(), new Typical(9, 0.6, false)),
      Map.entry(PARTICIPATION.activity(), new Typical(5, 0.6, false)),
      Map.entry(REVIEW.activity(), new Typical(2, 0.6, false)),
      Map.entry(ADVICE_AGAINST_DECISION.activity(), new Typical(4, 0.5, false)),
      Map.entry(REVISION.activity(), new Typical(12, 0.5, false)),
      Map.entry(FUNDING.activity(), new Typical(6, 0.7, false)),
      Map.entry(OFFICE_ACCEPTANCE.activity(), new Typical(2.5, 0.6, true)),
      Map.entry(PLANNING.activity(), new Typical(8, 0.6, true)),
      Map.entry(ACTIVITY.activity(), new Typical(40, 0.5, true)),
      Map.entry(PROGRESS_REPORT.activity(), new Typical(8, 0.5, true)),
      Map.entry(FINAL_REPORT.activity(), new Typical(14, 0.6, true)),
      Map.entry(FEEDBACK.activity(), new Typical(8, 0.7, false)),
      Map.entry(CLOSURE.activity(), new Typical(3, 0.8, false)));
  private static final Typical CONSULTATION = new Typical(5, 0.6, false);

  private final Random random;
  private final double officePace;
  private final double yearPace;
  private final int filedMonth;

  /**
   * @param officePace the request's office's pace (1 = typical), for the office's own tasks
   * @param yearsAgo how many years before now the request was filed: earlier requests took longer
   */
  RandomTiming(Random random, double officePace, double yearsAgo, long filedAt) {
    this.random = random;
    this.officePace = officePace;
    this.yearPace = 1 + 0.06 * yearsAgo;
    this.filedMonth = Instant.ofEpochMilli(filedAt).atZone(ZoneOffset.UTC).getMonthValue();
  }

  @Override
  public long duration(Wait wait) {
    Typical typical = TYPICAL.getOrDefault(wait.activity(), CONSULTATION);
    double days = typical.days() * Math.exp(typical.spread() * random.nextGaussian()) * yearPace
        * (typical.office() ? officePace : 1) * (filedMonth == 8 || filedMonth == 12 ? 1.25 : 1);
    // nobody completes a task within ten minutes of it appearing
    return Math.max(600_000L, Math.round(days * DAY));
  }

  @Override
  public long within(Wait wait, long limit) {
    for (int attempt = 0; attempt < 5; attempt++) {
      long duration = duration(wait);
      if (duration < limit) {
        return duration;
      }
    }
    // the answer came, late in the window
    return Math.round(limit * (0.6 + 0.35 * random.nextDouble()));
  }

  /** A pace per office, stable for a seed: some offices are quicker than others. */
  static double officePace(String office, long seed) {
    return Math.exp(0.3 * new SplittableRandom(seed ^ office.hashCode()).nextDouble(-1, 1));
  }
}
