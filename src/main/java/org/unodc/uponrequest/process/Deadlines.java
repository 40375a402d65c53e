package org.unodc.uponrequest.process;

import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every deadline of the process in one place ({@code uponrequest.deadlines} in application.yaml):
 * task due dates per stage, named deadlines for timers, and the progress report cycle. Timers in
 * the BPMN call {@code ${deadlines.of('...')}} so a due date and the timer that enforces it
 * never disagree.
 */
@ConfigurationProperties("uponrequest.deadlines")
public class Deadlines {

  private static final DatatypeFactory DURATIONS = datatypeFactory();

  private Map<String, String> stages = new TreeMap<>();
  private Map<String, String> named = new TreeMap<>();
  private String progressReportCycle = "R/P3M";

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

  public String progressReportCycle() {
    return progressReportCycle;
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
    this.progressReportCycle = progressReportCycle;
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
