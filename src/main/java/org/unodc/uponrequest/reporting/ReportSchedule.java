package org.unodc.uponrequest.reporting;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When the yearly report starts by itself: {@code uponrequest.report.yearly-start}, a Camunda
 * time cycle, read by the yearly schedule's timer start event as {@code ${reportSchedule.yearlyStart()}}. The
 * default, an ISO 8601 repetition from a past 15 January 06:00 UTC every year, fires each 15
 * January at 06:00 UTC whatever the server's time zone (a cron expression would use the server's).
 * The engine reads the cycle when the process is deployed: a new value applies once the timer has
 * fired, or at the next deployment of the process.
 */
@Component("reportSchedule")
public class ReportSchedule {

  static final String DEFAULT = "R/2020-01-15T06:00:00Z/P1Y";

  private final String yearlyStart;

  ReportSchedule(@Value("${uponrequest.report.yearly-start:" + DEFAULT + "}") String yearlyStart) {
    this.yearlyStart = yearlyStart;
  }

  public String yearlyStart() {
    return yearlyStart;
  }
}
