package org.unodc.uponrequest.reporting;

import static org.unodc.uponrequest.reporting.ReportVariables.*;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Ask for the report on the previous year", when the yearly schedule's timer fires: starts the
 * report at its message start event with the calendar year before the day it fires on (UTC), in
 * the timer job's transaction, so the yearly report is asked for exactly once per firing.
 */
@Component("askForYearlyReport")
class AskForYearlyReport implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    ReportPeriod period = ReportPeriod.yearBefore(LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC));
    execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(ReportProcess.YEARLY_REPORT_DUE_MESSAGE)
        .setVariable(PERIOD_FROM, period.from().toString())
        .setVariable(PERIOD_TO, period.to().toString())
        .correlateStartMessage();
  }
}
