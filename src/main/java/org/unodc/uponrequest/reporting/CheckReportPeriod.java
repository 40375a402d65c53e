package org.unodc.uponrequest.reporting;

import static org.unodc.uponrequest.reporting.ReportVariables.*;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.InvalidInputException;

/**
 * "Check the reporting period", whichever start brought it: it must run forwards and end by today
 * (UTC), since a report on days still to come would present as final figures that are not. Runs
 * in the start's own transaction, so a period refused here starts nothing and the manager sees
 * why (400, naming the field). Titles the report after its period.
 */
@Component("checkReportPeriod")
class CheckReportPeriod implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC);
    ReportPeriod period = checked(day(PERIOD_FROM, execution.getVariable(PERIOD_FROM)),
        day(PERIOD_TO, execution.getVariable(PERIOD_TO)), today);
    execution.setVariable(REPORT_TITLE, period.title());
  }

  static ReportPeriod checked(LocalDate from, LocalDate to, LocalDate today) {
    if (to.isBefore(from)) {
      throw new InvalidInputException(PERIOD_TO, "must be on or after the first day of the period (" + from + ")");
    }
    if (to.isAfter(today)) {
      throw new InvalidInputException(PERIOD_TO, "must not be after today (" + today + ", UTC): "
          + "a report covers days that have passed");
    }
    return new ReportPeriod(from, to);
  }

  private static LocalDate day(String name, Object value) {
    if (value == null || value.toString().isBlank()) {
      throw new InvalidInputException(name, "is required");
    }
    try {
      return LocalDate.parse(value.toString());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name, "'" + value + "' is not a date (YYYY-MM-DD)");
    }
  }
}
