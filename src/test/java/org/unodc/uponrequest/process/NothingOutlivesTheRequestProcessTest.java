package org.unodc.uponrequest.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * Nothing outlives its request (issue 10, ADR 0009): whichever way a request ends, the engine keeps
 * no task, no timer or other job, no execution, no event subscription and no process it called. One
 * test per way a request ends, each driven to its end event; the progress report and the funding
 * pipeline, the two places where work used to go on after the end, first.
 */
class NothingOutlivesTheRequestProcessTest extends ProcessTestSupport {

  /** Delivery planned with one activity: the office records it, a quarterly report may fall due meanwhile. */
  private ProcessInstance requestInDelivery() {
    ProcessInstance pi = requestAssignedToOffice("KEN");
    officeAccepts(pi);
    planDelivery(pi, List.of(activity("CAPACITY_BUILDING", "Workshop for prosecutors", "2027-03-01", "2027-03-03", 25)));
    return pi;
  }

  // --- the progress report ends with delivery ---------------------------------------------------

  @Test
  void aProgressReportStillOpenWhenDeliveryEndsEndsWithItAndTheClosedRequestLeavesNothing() {
    ProcessInstance pi = requestInDelivery();
    execute(job(PROGRESS_REPORT_DUE, pi));
    assertThat(pi).isWaitingAt(RECORD_ACTIVITY, REPORT_PROGRESS);

    // the last activity is recorded before the office hands the report in: the final report covers it
    recordActivity(pi, 27, "Workshop held; pre/post tests show improved knowledge.");

    assertThat(pi).isWaitingAt(WRITE_FINAL_REPORT).isNotWaitingAt(REPORT_PROGRESS);
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(REPORT_PROGRESS)
        .count()).as("open progress reports once delivery ended").isZero();
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).activityId(PROGRESS_REPORT_DUE)
        .count()).as("progress report timers once delivery ended").isZero();
    reportAndClose(pi);
    assertThat(pi).hasPassed(END_CLOSED);
    assertNothingLeftOf(pi);
  }

  @Test
  void aProgressReportDueWhenDeliveryEndsNeverFallsDueAndTheClosedRequestLeavesNothing() {
    ProcessInstance pi = requestInDelivery();
    Assertions.assertThat(job(PROGRESS_REPORT_DUE, pi)).as("the next report's timer while delivery runs").isNotNull();

    recordActivity(pi, 27, "Workshop held; pre/post tests show improved knowledge.");

    Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).activityId(PROGRESS_REPORT_DUE)
        .count()).as("progress report timers once delivery ended").isZero();
    reportAndClose(pi);
    assertNothingLeftOf(pi);
  }

  @Test
  void aRequestCompletedWithAProgressReportHandedInLeavesNothing() {
    ProcessInstance pi = requestInDelivery();
    execute(job(PROGRESS_REPORT_DUE, pi));
    complete(task(REPORT_PROGRESS, pi), withVariables(PROGRESS_SUMMARY, "Workshop prepared; venue and trainers confirmed.", PROGRESS_ISSUES, "None."));
    recordActivity(pi, 27, "Workshop held; pre/post tests show improved knowledge.");
    reportAndClose(pi);

    assertThat(pi).hasPassed(REPORT_PROGRESS, END_CLOSED);
    Assertions.assertThat(historicVariable(pi, OUTCOME)).isEqualTo("COMPLETED");
    assertNothingLeftOf(pi);
  }

  @Test
  void aRequestClosedWithoutFeedbackLeavesNothing() {
    ProcessInstance pi = requestInReporting("KEN");
    writeFinalReport(pi);
    execute(job(FEEDBACK_DEADLINE, pi));
    complete(task(CLOSE_REQUEST, pi), withVariables(CLOSURE_NOTES, "Closed without the state's feedback."));

    assertThat(pi).hasPassed(FEEDBACK_DEADLINE, END_CLOSED);
    assertNothingLeftOf(pi);
  }

  // --- the funding pipeline ends ---------------------------------------------------------------

  @Test
  void aRequestClosedUnfundedByPlanningAfterAReCheckLeavesNothing() {
    ProcessInstance pi = requestAssignedToFunding();
    keepInThePipeline(pi);
    execute(job(FUNDING_RECHECK_DUE, pi));
    complete(task(CONFIRM_FUNDING, pi), withVariables(FUNDING_DECISION, "CLOSE_UNFUNDED", FUNDING_NOTES, "No donor found."));

    assertThat(pi).hasPassed(END_CLOSED_UNFUNDED);
    assertNothingLeftOf(pi);
  }

  @Test
  void aRequestWithdrawnWhileWaitingInTheFundingPipelineLeavesNothing() {
    ProcessInstance pi = requestAssignedToFunding();
    keepInThePipeline(pi);
    assertThat(pi).isWaitingAt(FUNDING_RECHECK_DUE);

    withdraw(pi);

    assertThat(pi).hasPassed(END_WITHDRAWN);
    assertNothingLeftOf(pi);
  }

  // --- every other end ------------------------------------------------------------------------

  @Test
  void aRequestDeclinedAtScreeningLeavesNothing() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    complete(task(SCREEN_REQUEST, pi), withVariables(
        SCREENING_OUTCOME, "DECLINE", DECLINE_REASON, "Electoral assistance is outside UNODC's mandate."));

    assertThat(pi).hasPassed(END_DECLINED);
    assertNothingLeftOf(pi);
  }

  @Test
  void aRequestDeclinedWhileAManagerStillFollowsUpItsOverdueScreeningLeavesNothing() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    execute(job(SCREENING_OVERDUE, pi));
    assertThat(pi).isWaitingAt(SCREEN_REQUEST, FOLLOW_UP_OVERDUE_SCREENING);

    complete(task(SCREEN_REQUEST, pi), withVariables(
        SCREENING_OUTCOME, "DECLINE", DECLINE_REASON, "Electoral assistance is outside UNODC's mandate."));

    assertThat(pi).hasPassed(END_DECLINED);
    Assertions.assertThat(historicVariable(pi, OUTCOME)).isEqualTo("DECLINED");
    assertNothingLeftOf(pi);
  }

  @Test
  void aRequestWithdrawnForNoAnswerAfterAReminderLeavesNothing() {
    ProcessInstance pi = submit("COL", "CORRUPTION");
    complete(task(SCREEN_REQUEST, pi), withVariables(
        SCREENING_OUTCOME, "CLARIFY", CLARIFICATION_QUESTION, "Which institutions would take part?"));
    execute(job(CLARIFICATION_REMINDER_DUE, pi));
    execute(job(CLARIFICATION_DEADLINE, pi));

    assertThat(pi).hasPassed(REMINDER_SENT, END_WITHDRAWN_NO_ANSWER);
    assertNothingLeftOf(pi);
  }

  @Test
  void aRequestDeclinedAfterSpecialistAdviceLeavesNothing() {
    ProcessInstance pi = requestAdvisedAgainst();
    complete(task(DECIDE_ON_NEGATIVE_ADVICE, pi), withVariables(ADVICE_DECISION, "DECLINE",
        DECLINE_REASON, "UNODC cannot train on a law that is being rewritten; please ask again once it is adopted."));

    assertThat(pi).hasPassed(END_DECLINED_AFTER_ADVICE);
    assertNothingLeftOf(pi);
  }

  @Test
  void aRequestWithdrawnForNoRevisionLeavesNothing() {
    ProcessInstance pi = requestAdvisedAgainst();
    complete(task(DECIDE_ON_NEGATIVE_ADVICE, pi), withVariables(ADVICE_DECISION, "REVISE",
        REVISION_REQUEST, "Limit the request to the central authority until the new law is adopted."));
    execute(job(REVISION_DEADLINE, pi));

    assertThat(pi).hasPassed(END_WITHDRAWN_NO_REVISION);
    assertNothingLeftOf(pi);
  }

  @Test
  void aRegionalRequestWithdrawnWhileItsStatesConfirmLeavesNothingOfItsParticipations() {
    ProcessInstance pi = submit(submission("KEN", "CORRUPTION")
        .putValueTyped(CO_REQUESTING_STATES, VariableValues.json(List.of("UGA", "TZA"))));
    accept(pi);
    assertThat(pi).isWaitingAt("Activity_StatesConfirmParticipation");

    withdraw(pi);

    assertThat(pi).hasPassed(END_WITHDRAWN);
    assertNothingLeftOf(pi);
  }

  // -------------------------------------------------------------------------------------------

  private ProcessInstance requestAssignedToFunding() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    accept(pi);
    keepAssessedPriority(pi);
    return pi;
  }

  private void withdraw(ProcessInstance pi) {
    runtimeService().createMessageCorrelation(WITHDRAWAL_MESSAGE).processInstanceId(pi.getId())
        .setVariable(WITHDRAWAL_REASON, "The national programme now covers this need.").correlate();
  }

  private Object historicVariable(ProcessInstance pi, String name) {
    return historyService().createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName(name).singleResult().getValue();
  }
}
