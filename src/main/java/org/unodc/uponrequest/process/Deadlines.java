package org.unodc.uponrequest.process;

import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every deadline of the process in one place ({@code uponrequest.deadlines} in application.yaml):
 * task due dates per stage, named deadlines for timers, the progress report cycle and how often
 * an unfunded request is looked at again. Timers in the BPMN call {@code ${deadlines.of('...')}}
 * so a due date and the timer that enforces it never disagree. Nothing here repeats without end:
 * the progress report cycle has a number of repetitions and the funding pipeline a number of
 * re-checks (docs/decisions/0009-nothing-outlives-its-request.md).
 */
@ConfigurationProperties("uponrequest.deadlines")
public class Deadlines {

  private static final DatatypeFactory DURATIONS = datatypeFactory();

  /** A bounded ISO-8601 repeating interval: {@code R<n>/<duration>}. */
  private static final Pattern BOUNDED_CYCLE = Pattern.compile("R(\\d+)/(P[^/]+)");

  private Map<String, String> stages = new TreeMap<>();
  private Map<String, String> named = new TreeMap<>();
  private String progressReportCycle = "R8/P3M";
  private int maxFundingRechecks = 6;

  /** The ISO-8601 duration of a named deadline or of a stage, as a timer expects it. */
  public String of(String name) {
    String duration = named.containsKey(name) ? named.get(name) : stages.get(name);
    if (duration == null) {
      throw new IllegalStateException("No deadline configured for '" + name
          + "': add uponrequest.deadlines.named." + name + " or uponrequest.deadlines.stages." + name);
    }
    return duration;
  }

  /**
   * A named deadline that may differ by priority band ({@code <name>-high}, {@code -medium},
   * {@code -low}), so the band orders the work it governs (e.g. how often the funding pipeline
   * looks at a request again); the plain name when no band-specific one is configured.
   */
  public String forBand(String name, Object band) {
    String specific = band == null ? null : name + "-" + band.toString().toLowerCase(java.util.Locale.ROOT);
    return specific != null && named.containsKey(specific) ? named.get(specific) : of(name);
  }

  /** The moment {@code of(name)} after {@code from}. */
  public Date after(Date from, String name) {
    Date due = new Date(from.getTime());
    DURATIONS.newDuration(of(name)).addTo(due);
    return due;
  }

  /**
   * The progress report cycle as the timer of "Quarterly progress report due" reads it, e.g.
   * {@code R8/P3M}: a report every period while delivery runs, at most {@link #progressReports()} of them.
   */
  public String progressReportCycle() {
    return progressReportCycle;
  }

  /** How many progress reports the cycle asks for at most (its repetitions). */
  public int progressReports() {
    return Integer.parseInt(cycle(progressReportCycle).group(1));
  }

  /** The time between two progress reports (the cycle's period), e.g. {@code P3M}. */
  public String progressReportPeriod() {
    return cycle(progressReportCycle).group(2);
  }

  /**
   * How many times a request kept in the funding pipeline is looked at again at most; when it is
   * still not funded at the last look, "Not yet" closes it as unfunded.
   */
  public int maxFundingRechecks() {
    return maxFundingRechecks;
  }

  public Map<String, String> getStages() {
    return stages;
  }

  public void setStages(Map<String, String> stages) {
    stages.values().forEach(Deadlines::checkDuration);
    this.stages = new TreeMap<>(stages);
  }

  public Map<String, String> getNamed() {
    return named;
  }

  public void setNamed(Map<String, String> named) {
    named.values().forEach(Deadlines::checkDuration);
    this.named = new TreeMap<>(named);
  }

  public String getProgressReportCycle() {
    return progressReportCycle;
  }

  public void setProgressReportCycle(String progressReportCycle) {
    Matcher cycle = cycle(progressReportCycle);
    checkDuration(cycle.group(2));
    if (Integer.parseInt(cycle.group(1)) < 1) {
      throw new IllegalArgumentException("uponrequest.deadlines.progress-report-cycle: '" + progressReportCycle
          + "' asks for no report at all; give at least R1");
    }
    this.progressReportCycle = progressReportCycle;
  }

  public int getMaxFundingRechecks() {
    return maxFundingRechecks;
  }

  public void setMaxFundingRechecks(int maxFundingRechecks) {
    if (maxFundingRechecks < 1) {
      throw new IllegalArgumentException("uponrequest.deadlines.max-funding-rechecks: " + maxFundingRechecks
          + "; a request kept in the pipeline is looked at again at least once");
    }
    this.maxFundingRechecks = maxFundingRechecks;
  }

  private static Matcher cycle(String value) {
    Matcher cycle = BOUNDED_CYCLE.matcher(value == null ? "" : value.strip());
    if (!cycle.matches()) {
      throw new IllegalArgumentException("uponrequest.deadlines.progress-report-cycle: '" + value
          + "' is not a bounded cycle such as R8/P3M (at most 8 reports, one every 3 months); an unbounded R/P3M"
          + " would ask for reports without end");
    }
    return cycle;
  }

  private static void checkDuration(String value) {
    try {
      DURATIONS.newDuration(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("uponrequest.deadlines: '" + value
          + "' is not an ISO-8601 duration such as P5D or PT12H", e);
    }
  }

  private static DatatypeFactory datatypeFactory() {
    try {
      return DatatypeFactory.newInstance();
    } catch (DatatypeConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
