package org.unodc.uponrequest.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a report says about its period (GA 64/179 paras 28-29), compiled once from the reporting
 * tables and kept as JSON with the report, so that what is published is exactly what a manager
 * approved. Labels are resolved when compiled: the report keeps the names of its day.
 */
record ReportFigures(
    LocalDate from,
    LocalDate to,
    Instant compiledAt,
    Counts total,
    List<Line> byTheme,
    List<Line> byRegion,
    List<Line> byOffice,
    List<Line> byBand,
    List<Funding> funding,
    CycleTimes cycleTimes,
    List<ObstacleGroup> obstacles,
    List<EmergingIssue> emergingIssues,
    Ratifications ratifications) {

  /**
   * Requests received (filed) in the period, closed in it by outcome, and still open at its end.
   * Withdrawn includes those withdrawn for want of an answer, which {@code withdrawnNoAnswer} counts apart.
   */
  record Counts(long received, long completed, long declined, long withdrawn, long withdrawnNoAnswer, long unfunded,
      long openAtEnd) {

    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);

    Counts plus(Counts other) {
      return new Counts(received + other.received, completed + other.completed, declined + other.declined,
          withdrawn + other.withdrawn, withdrawnNoAnswer + other.withdrawnNoAnswer, unfunded + other.unfunded,
          openAtEnd + other.openAtEnd);
    }

    long closed() {
      return completed + declined + withdrawn + unfunded;
    }
  }

  /** One row of a breakdown: a thematic area, region, office or band, with its counts. */
  record Line(String code, String label, Counts counts) {}

  /**
   * Requests whose funding was settled in the period (they left the funding stage in it), by the
   * decision and source: what the states asked for (their estimated budgets) against what was secured.
   */
  record Funding(String code, String label, long requests, double requestedUsd, double securedUsd) {}

  /** Medians and 90th percentiles in days, over the requests each line names. */
  record CycleTimes(Days toOfficeAcceptance, Days toClosureCompleted, Days toClosureAny, List<StageTime> stages) {}

  /** How many requests a figure rests on, and its median and 90th percentile in days (null without requests). */
  record Days(long requests, Double median, Double p90) {}

  /**
   * The time requests that left a stage in the period spent in it (in all, if they came back to it),
   * and the tasks completed in it with how many of them after their due date.
   */
  record StageTime(String stage, String label, Days days, long tasks, long lateTasks) {}

  /** Obstacles written in final reports for one thematic area and office: how many, and the first ones by reference. */
  record ObstacleGroup(String theme, String themeLabel, String office, String officeName, long reports,
      List<Obstacle> shown) {}

  record Obstacle(String reference, String state, String stateName, String text) {}

  /** A thematic area of para 10 (emerging policy issues): requests naming it among their areas. */
  record EmergingIssue(String code, String label, long received, long completed, long openAtEnd, List<String> states) {}

  /**
   * The ratification status of the states that filed requests in the period, for the Organized
   * Crime Convention, its three Protocols and the Convention against Corruption (para 29).
   */
  record Ratifications(LocalDate asOf, boolean illustrative, String source, List<InstrumentCount> instruments,
      List<StateStatus> states) {}

  record InstrumentCount(String code, String shortName, long parties, long signatories, long notParties) {}

  /** One requesting state: its requests in the period and its status for each instrument, in the order of {@code instruments}. */
  record StateStatus(String iso3, String name, long requests, List<String> statuses) {}
}
