package org.unodc.uponrequest.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** One test per path through technical-assistance-request. */
class TechnicalAssistanceRequestProcessTest extends ProcessTestSupport {

  @Autowired
  private Deadlines deadlines;

  @Test
  void happyPathTakesARequestThroughEveryStageToClosure() {
    ProcessInstance pi = submit("KEN", "TERRORISM");

    assertThat(pi).isStarted().hasPassed(REGISTER_REQUEST).isWaitingAt(SCREEN_REQUEST);
    Assertions.assertThat(pi.getBusinessKey()).matches("TA-\\d{4}-\\d{5}");
    assertThat(pi).variables()
        .containsEntry(REFERENCE_NUMBER, pi.getBusinessKey())
        .containsEntry(MEMBER_STATE_NAME, "Kenya")
        .containsEntry(FOCAL_POINT_GROUP, "focal-KEN")
        .containsEntry(ASSISTANCE_TYPE_LABELS, "Legislative assistance")
        .containsEntry(STAGE, "INTAKE");
    assertThat(task(SCREEN_REQUEST, pi)).hasCandidateGroup("hq-intake");

    accept(pi);
    assertThat(pi).hasPassed("Event_AssessmentStarted", "Activity_AssessPriority").isWaitingAt(REVIEW_PRIORITY);
    assertThat(pi).variables().containsKeys(PRIORITY_SCORE, PRIORITY_BAND, PRIORITY_RATIONALE);
    keepAssessedPriority(pi);

    assertThat(pi).isWaitingAt(CONSULT_TERRORISM_PREVENTION);
    assertThat(task(CONSULT_TERRORISM_PREVENTION, pi)).hasCandidateGroup("specialist-tpb");
    complete(task(CONSULT_TERRORISM_PREVENTION, pi), withVariables(
        TERRORISM_CONSULTATION, "SUPPORT", TERRORISM_CONSULTATION_NOTES, "Aligned with CTED's recommendations.",
        CTED_CONSULTED, true));

    fund(pi);
    assertThat(pi).hasPassed("Activity_AssignOffice").isWaitingAt(DECIDE_ON_ASSIGNMENT);
    assertThat(pi).variables().containsEntry(ASSIGNED_OFFICE, "ROEA");
    assertThat(task(DECIDE_ON_ASSIGNMENT, pi)).hasCandidateGroup("office-ROEA");
    officeAccepts(pi);

    assertThat(pi).isWaitingAt(PLAN_DELIVERY);
    assertThat(pi).variables().containsEntry(STAGE, "DELIVERY");
    planDelivery(pi, List.of(activity("LEGISLATIVE_ASSISTANCE", "Review of the draft counter-terrorism law",
        "2027-02-01", "2027-02-28", 6)));
    recordActivity(pi, 8, "Comments on the draft law delivered to the Attorney General's office.");

    writeFinalReport(pi);
    assertThat(pi).isWaitingAt(GIVE_FEEDBACK);
    assertThat(task(GIVE_FEEDBACK, pi)).hasCandidateGroup("focal-KEN");
    complete(task(GIVE_FEEDBACK, pi), withVariables(SATISFACTION_RATING, 5, FEEDBACK_COMMENTS, "Timely and useful."));

    assertThat(pi).isWaitingAt(CLOSE_REQUEST);
    assertThat(task(CLOSE_REQUEST, pi)).hasCandidateGroup("managers");
    complete(task(CLOSE_REQUEST, pi), withVariables(CLOSURE_NOTES, "All results delivered."));

    assertThat(pi).isEnded().hasPassed(END_CLOSED);
    Assertions.assertThat(historicVariable(pi, OUTCOME)).isEqualTo("COMPLETED");
  }

  @Test
  void clarificationAnsweredSendsTheRequestBackToScreening() {
    ProcessInstance pi = submit("COL", "CORRUPTION");
    complete(task(SCREEN_REQUEST, pi), withVariables(
        SCREENING_OUTCOME, "CLARIFY", CLARIFICATION_QUESTION, "Which institutions would take part?"));

    assertThat(pi).isWaitingAt(PROVIDE_CLARIFICATION);
    assertThat(task(PROVIDE_CLARIFICATION, pi)).hasCandidateGroup("focal-COL");
    complete(task(PROVIDE_CLARIFICATION, pi), withVariables(CLARIFICATION_ANSWER, "The Attorney General's office."));

    assertThat(pi).isWaitingAt(SCREEN_REQUEST);
    accept(pi);
    assertThat(pi).isWaitingAt(REVIEW_PRIORITY);
  }

  @Test
  void clarificationUnansweredIsRemindedThenWithdrawnAtTheDeadline() {
    ProcessInstance pi = submit("COL", "CORRUPTION");
    complete(task(SCREEN_REQUEST, pi), withVariables(
        SCREENING_OUTCOME, "CLARIFY", CLARIFICATION_QUESTION, "Which institutions would take part?"));

    execute(job(CLARIFICATION_REMINDER_DUE, pi));
    Task clarification = task(PROVIDE_CLARIFICATION, pi);
    Assertions.assertThat(processEngine.getTaskService().getTaskComments(clarification.getId()))
        .singleElement().satisfies(c -> Assertions.assertThat(c.getFullMessage()).startsWith("Reminder:"));
    assertThat(pi).variables().containsEntry(CLARIFICATION_REMINDERS_SENT, 1);
    assertThat(pi).isWaitingAt(PROVIDE_CLARIFICATION);

    execute(job(CLARIFICATION_DEADLINE, pi));
    assertThat(pi).isEnded().hasPassed(END_WITHDRAWN_NO_ANSWER);
    Assertions.assertThat(historicVariable(pi, OUTCOME)).isEqualTo("WITHDRAWN_NO_ANSWER");
  }

  @Test
  void requestOutsideTheMandateIsDeclinedWithAReason() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    complete(task(SCREEN_REQUEST, pi), withVariables(
        SCREENING_OUTCOME, "DECLINE", DECLINE_REASON, "Electoral assistance is outside UNODC's mandate."));

    assertThat(pi).isEnded().hasPassed(END_DECLINED);
    Assertions.assertThat(historicVariable(pi, OUTCOME)).isEqualTo("DECLINED");
  }

  @Test
  void declineWithoutAReasonIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    assertRefused(() -> complete(task(SCREEN_REQUEST, pi), withVariables(SCREENING_OUTCOME, "DECLINE")),
        DECLINE_REASON);
    assertThat(pi).isWaitingAt(SCREEN_REQUEST);
  }

  @Test
  void plannerOverridesThePriorityBandWithAJustification() {
    ProcessInstance pi = submit("KEN", "CYBERCRIME");
    accept(pi);
    String assessed = (String) runtimeService().getVariable(pi.getId(), PRIORITY_BAND);

    String override = assessed.equals("HIGH") ? "LOW" : "HIGH";
    complete(task(REVIEW_PRIORITY, pi), withVariables(OVERRIDE_PRIORITY, true, OVERRIDDEN_PRIORITY_BAND, override,
        OVERRIDE_JUSTIFICATION, "Ministerial request following the regional conference."));

    assertThat(pi).variables()
        .containsEntry(PRIORITY_BAND, override)
        .containsEntry(ASSESSED_PRIORITY_BAND, assessed)
        .containsEntry(PRIORITY_OVERRIDDEN, true);
    Assertions.assertThat(historyService().createHistoricDetailQuery().processInstanceId(pi.getId())
            .variableUpdates().list())
        .filteredOn(d -> PRIORITY_BAND.equals(((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName()))
        .hasSize(2);
  }

  @Test
  void overrideWithoutJustificationIsRefused() {
    ProcessInstance pi = submit("KEN", "CYBERCRIME");
    accept(pi);
    assertRefused(() -> complete(task(REVIEW_PRIORITY, pi),
            withVariables(OVERRIDE_PRIORITY, true, OVERRIDDEN_PRIORITY_BAND, "HIGH", OVERRIDE_JUSTIFICATION, "because")),
        OVERRIDE_JUSTIFICATION);
  }

  @ParameterizedTest(name = "{0} is referred to {1}")
  @CsvSource({
      "TERRORISM, Activity_ConsultTerrorismPrevention, specialist-tpb",
      "MONEY_LAUNDERING, Activity_ConsultMoneyLaundering, specialist-gpml",
      "PIRACY, Activity_ConsultCounterPiracy, specialist-cpp",
      "TRAFFICKING_IN_PERSONS, Activity_ConsultTraffickingSmuggling, specialist-htmss",
      "SMUGGLING_OF_MIGRANTS, Activity_ConsultTraffickingSmuggling, specialist-htmss",
      "FIREARMS, Activity_ConsultFirearms, specialist-gfp"})
  void eachConsultationBranchIsTakenForItsThematicArea(String area, String consultation, String group) {
    ProcessInstance pi = submit("KEN", area);
    accept(pi);
    keepAssessedPriority(pi);

    assertThat(pi).isWaitingAt(consultation);
    Assertions.assertThat(runtimeService().getActiveActivityIds(pi.getId())).containsExactly(consultation);
    assertThat(task(consultation, pi)).hasCandidateGroup(group);
    String prefix = Map.of(
        "Activity_ConsultTerrorismPrevention", "terrorism", "Activity_ConsultMoneyLaundering", "moneyLaundering",
        "Activity_ConsultCounterPiracy", "piracy", "Activity_ConsultTraffickingSmuggling", "trafficking",
        "Activity_ConsultFirearms", "firearms").get(consultation);
    var advice = withVariables(prefix + "Consultation", "SUPPORT", prefix + "ConsultationNotes", "Fits our programme.");
    if (consultation.equals(CONSULT_TERRORISM_PREVENTION)) {
      advice.put(CTED_CONSULTED, true);
    }
    complete(task(consultation, pi), advice);
    assertThat(pi).isWaitingAt(CONFIRM_FUNDING);
  }

  @Test
  void requestWithSeveralAreasConsultsTheirSectionsInParallel() {
    ProcessInstance pi = submit("KEN", "TERRORISM", "MONEY_LAUNDERING", "FIREARMS");
    accept(pi);
    keepAssessedPriority(pi);

    assertThat(pi).isWaitingAt(CONSULT_TERRORISM_PREVENTION, CONSULT_MONEY_LAUNDERING, CONSULT_FIREARMS);
    complete(task(CONSULT_MONEY_LAUNDERING, pi), withVariables(MONEY_LAUNDERING_CONSULTATION, "SUPPORT",
        MONEY_LAUNDERING_CONSULTATION_NOTES, "Fits the programme's work plan."));
    complete(task(CONSULT_FIREARMS, pi), withVariables(FIREARMS_CONSULTATION, "SUPPORT_WITH_CONDITIONS",
        FIREARMS_CONSULTATION_NOTES, "Only with the national focal point for firearms."));
    assertThat(pi).isWaitingAt(CONSULT_TERRORISM_PREVENTION).isNotWaitingAt(CONFIRM_FUNDING);
    complete(task(CONSULT_TERRORISM_PREVENTION, pi), withVariables(TERRORISM_CONSULTATION, "SUPPORT",
        TERRORISM_CONSULTATION_NOTES, "CTED confirms the gap analysis.", CTED_CONSULTED, true));
    assertThat(pi).isWaitingAt(CONFIRM_FUNDING);
  }

  @Test
  void terrorismAdviceWithoutConsultingCtedIsRefused() {
    ProcessInstance pi = submit("KEN", "TERRORISM");
    accept(pi);
    keepAssessedPriority(pi);
    assertRefused(() -> complete(task(CONSULT_TERRORISM_PREVENTION, pi),
        withVariables(TERRORISM_CONSULTATION, "SUPPORT", TERRORISM_CONSULTATION_NOTES, "Fits the branch's work plan.",
            CTED_CONSULTED, false)), CTED_CONSULTED);
    assertThat(pi).isWaitingAt(CONSULT_TERRORISM_PREVENTION);
  }

  @Test
  void adviceAgainstGoesToStrategicPlanningNotOnToFunding() {
    ProcessInstance pi = requestAdvisedAgainst();
    assertThat(pi).isWaitingAt(DECIDE_ON_NEGATIVE_ADVICE).isNotWaitingAt(CONFIRM_FUNDING);
    assertThat(task(DECIDE_ON_NEGATIVE_ADVICE, pi)).hasCandidateGroup("strategic-planning");
  }

  @Test
  void planningDeclinesARequestAdvisedAgainstWithAReasonToTheState() {
    ProcessInstance pi = requestAdvisedAgainst();
    complete(task(DECIDE_ON_NEGATIVE_ADVICE, pi), withVariables(ADVICE_DECISION, "DECLINE",
        DECLINE_REASON, "UNODC cannot train on a law that is being rewritten; please ask again once it is adopted."));
    assertThat(pi).isEnded().hasPassed(END_DECLINED_AFTER_ADVICE);
    Assertions.assertThat(historicVariable(pi, OUTCOME)).isEqualTo("DECLINED");
  }

  @Test
  void planningProceedsDespiteAdviceAgainstOnlyWithAJustification() {
    ProcessInstance pi = requestAdvisedAgainst();
    assertRefused(() -> complete(task(DECIDE_ON_NEGATIVE_ADVICE, pi), withVariables(ADVICE_DECISION, "PROCEED")),
        PROCEED_JUSTIFICATION);
    complete(task(DECIDE_ON_NEGATIVE_ADVICE, pi), withVariables(ADVICE_DECISION, "PROCEED",
        PROCEED_JUSTIFICATION, "The Executive Director committed to this assistance at the regional conference."));
    assertThat(pi).isWaitingAt(CONFIRM_FUNDING);
  }

  @Test
  void aRevisedRequestIsAssessedAndConsultedAgain() {
    ProcessInstance pi = requestAdvisedAgainst();
    complete(task(DECIDE_ON_NEGATIVE_ADVICE, pi), withVariables(ADVICE_DECISION, "REVISE",
        REVISION_REQUEST, "Limit the request to the central authority until the new law is adopted."));
    assertThat(pi).isWaitingAt(REVISE_REQUEST);
    assertThat(task(REVISE_REQUEST, pi)).hasCandidateGroup("focal-KEN");

    complete(task(REVISE_REQUEST, pi), withVariables(
        DESCRIPTION, "Training for the central authority on mutual legal assistance requests only.",
        REVISION_NOTES, "Prosecutors and judges removed until the law is adopted."));

    assertThat(pi).isWaitingAt(REVIEW_PRIORITY).variables()
        .containsEntry(STAGE, "ASSESSMENT")
        .containsEntry(DESCRIPTION, "Training for the central authority on mutual legal assistance requests only.");
    keepAssessedPriority(pi);
    complete(task(CONSULT_TERRORISM_PREVENTION, pi), withVariables(TERRORISM_CONSULTATION, "SUPPORT",
        TERRORISM_CONSULTATION_NOTES, "The narrower request fits the branch's work plan.", CTED_CONSULTED, true));
    assertThat(pi).isWaitingAt(CONFIRM_FUNDING);
  }

  @Test
  void aRevisionNotGivenByItsDeadlineWithdrawsTheRequest() {
    ProcessInstance pi = requestAdvisedAgainst();
    complete(task(DECIDE_ON_NEGATIVE_ADVICE, pi), withVariables(ADVICE_DECISION, "REVISE",
        REVISION_REQUEST, "Limit the request to the central authority until the new law is adopted."));
    execute(job(REVISION_DEADLINE, pi));
    assertThat(pi).isEnded().hasPassed(END_WITHDRAWN_NO_REVISION);
    Assertions.assertThat(historicVariable(pi, OUTCOME)).isEqualTo("WITHDRAWN_NO_ANSWER");
  }

  @Test
  void requestWithoutASpecialistAreaSkipsConsultations() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    accept(pi);
    keepAssessedPriority(pi);
    assertThat(pi).isWaitingAt(CONFIRM_FUNDING)
        .hasNotPassed(CONSULT_TERRORISM_PREVENTION, CONSULT_MONEY_LAUNDERING, CONSULT_COUNTER_PIRACY,
            CONSULT_TRAFFICKING_SMUGGLING, CONSULT_FIREARMS);
  }

  @Test
  void unfundedRequestWaitsInThePipelineAndProceedsOnceFunded() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    accept(pi);
    keepAssessedPriority(pi);
    complete(task(CONFIRM_FUNDING, pi), withVariables(FUNDING_DECISION, "PIPELINE", FUNDING_NOTES, "Donor talks ongoing."));

    assertThat(pi).isWaitingAt(FUNDING_RECHECK_DUE);
    execute(job(FUNDING_RECHECK_DUE, pi));
    assertThat(pi).isWaitingAt(CONFIRM_FUNDING);
    complete(task(CONFIRM_FUNDING, pi), withVariables(
        FUNDING_DECISION, "FUNDED", FUNDING_SOURCE, "EARMARKED", DONOR, "Government of Norway", FUNDED_AMOUNT_USD, 180000));
    assertThat(pi).isWaitingAt(DECIDE_ON_ASSIGNMENT);
  }

  @Test
  void unfundedRequestCanBeClosedAsUnfunded() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    accept(pi);
    keepAssessedPriority(pi);
    complete(task(CONFIRM_FUNDING, pi), withVariables(FUNDING_DECISION, "PIPELINE"));
    execute(job(FUNDING_RECHECK_DUE, pi));
    complete(task(CONFIRM_FUNDING, pi), withVariables(FUNDING_DECISION, "CLOSE_UNFUNDED", FUNDING_NOTES, "No donor found."));

    assertThat(pi).isEnded().hasPassed(END_CLOSED_UNFUNDED);
    Assertions.assertThat(historicVariable(pi, OUTCOME)).isEqualTo("CLOSED_UNFUNDED");
  }

  @Test
  void aRequestStillUnfundedAtItsLastReCheckIsClosedAsUnfundedWhenPlanningSaysNotYet() {
    int rechecks = deadlines.maxFundingRechecks();
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    accept(pi);
    keepAssessedPriority(pi);
    for (int look = 1; look <= rechecks; look++) {
      keepInThePipeline(pi);
      assertThat(pi).hasPassed(RECHECK_LEFT).isWaitingAt(FUNDING_RECHECK_DUE);
      execute(job(FUNDING_RECHECK_DUE, pi));
      assertThat(pi).isWaitingAt(CONFIRM_FUNDING).variables()
          .containsEntry(FUNDING_RECHECKS, look)
          .containsEntry(FUNDING_LAST_LOOK, look == rechecks);
    }

    // the last look the pipeline allows: "Not yet" closes the request instead of parking it again
    keepInThePipeline(pi);

    assertThat(pi).isEnded().hasPassed(END_CLOSED_UNFUNDED_NO_RECHECK).hasNotPassed(END_CLOSED_UNFUNDED);
    Assertions.assertThat(historicVariable(pi, OUTCOME)).isEqualTo("CLOSED_UNFUNDED");
    Assertions.assertThat(historicVariable(pi, FUNDING_DECISION)).as("the request's funding decision")
        .isEqualTo("CLOSE_UNFUNDED");
    Assertions.assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(FUNDING_RECHECK_DUE).count()).as("re-checks").isEqualTo(rechecks);
    assertNothingLeftOf(pi);
  }

  @Test
  void aRequestFundedAtItsLastReCheckGoesOnToItsOffice() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    accept(pi);
    keepAssessedPriority(pi);
    for (int look = 1; look <= deadlines.maxFundingRechecks(); look++) {
      keepInThePipeline(pi);
      execute(job(FUNDING_RECHECK_DUE, pi));
    }
    fund(pi);
    assertThat(pi).isWaitingAt(DECIDE_ON_ASSIGNMENT);
  }

  @Test
  void earmarkedFundingWithoutDonorIsRefused() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    accept(pi);
    keepAssessedPriority(pi);
    assertRefused(() -> complete(task(CONFIRM_FUNDING, pi),
            withVariables(FUNDING_DECISION, "FUNDED", FUNDING_SOURCE, "EARMARKED", FUNDED_AMOUNT_USD, 50000)),
        DONOR);
  }

  @Test
  void officeThatDeclinesHandsTheRequestToHeadquarters() {
    // the Colombia country office reports to no regional office: its next office is Headquarters
    ProcessInstance pi = requestAssignedToOffice("COL");
    assertThat(pi).variables().containsEntry(ASSIGNED_OFFICE, "COCOL");
    assertThat(task(DECIDE_ON_ASSIGNMENT, pi)).hasCandidateGroup("office-COCOL");

    complete(task(DECIDE_ON_ASSIGNMENT, pi), withVariables(
        OFFICE_DECISION, "DECLINE", OFFICE_DECLINE_REASON, "No capacity until the next programming cycle."));

    assertThat(pi).hasPassed("Activity_ReassignToFallback").isWaitingAt(DECIDE_ON_ASSIGNMENT);
    assertThat(pi).variables().containsEntry(ASSIGNED_OFFICE, "HQVIE");
    assertThat(task(DECIDE_ON_ASSIGNMENT, pi)).hasCandidateGroup("office-HQVIE");
    Assertions.assertThat(VariableValues.objects(runtimeService().getVariable(pi.getId(), DECLINED_OFFICES)))
        .singleElement().satisfies(d -> Assertions.assertThat(d).containsEntry("office", "COCOL"));

    assertRefused(() -> complete(task(DECIDE_ON_ASSIGNMENT, pi),
            withVariables(OFFICE_DECISION, "DECLINE", OFFICE_DECLINE_REASON, "Also busy until the next programming cycle.")),
        "fallback");
    officeAccepts(pi);
    assertThat(pi).isWaitingAt(PLAN_DELIVERY);
  }

  @Test
  void declinedRequestGoesToTheNextOfficeOfTheChainBeforeHeadquarters() {
    // Myanmar's country office works under the Bangkok regional office (seeds/offices.csv next_office)
    ProcessInstance pi = requestAssignedToOffice("MMR");
    assertThat(pi).variables().containsEntry(ASSIGNED_OFFICE, "COMMR");

    complete(task(DECIDE_ON_ASSIGNMENT, pi), withVariables(
        OFFICE_DECISION, "DECLINE", OFFICE_DECLINE_REASON, "No staff for this area in Yangon this year."));
    assertThat(pi).isWaitingAt(DECIDE_ON_ASSIGNMENT);
    assertThat(pi).variables().containsEntry(ASSIGNED_OFFICE, "ROSEAP")
        .containsEntry(ASSIGNED_OFFICE_NAME, "Regional Office for Southeast Asia and the Pacific");
    assertThat(task(DECIDE_ON_ASSIGNMENT, pi)).hasCandidateGroup("office-ROSEAP");

    complete(task(DECIDE_ON_ASSIGNMENT, pi), withVariables(
        OFFICE_DECISION, "DECLINE", OFFICE_DECLINE_REASON, "The regional programme is fully committed."));
    assertThat(pi).variables().containsEntry(ASSIGNED_OFFICE, "HQVIE");
    assertThat(task(DECIDE_ON_ASSIGNMENT, pi)).hasCandidateGroup("office-HQVIE");
    Assertions.assertThat(VariableValues.objects(runtimeService().getVariable(pi.getId(), DECLINED_OFFICES)))
        .extracting(d -> d.get("office")).containsExactly("COMMR", "ROSEAP");
    officeAccepts(pi);
    assertThat(pi).isWaitingAt(PLAN_DELIVERY);
  }

  @Test
  void piracyRequestFromKenyaGoesToTheCounterPiracyProgramme() {
    ProcessInstance pi = submit("KEN", "PIRACY");
    accept(pi);
    keepAssessedPriority(pi);
    complete(task(CONSULT_COUNTER_PIRACY, pi), withVariables(PIRACY_CONSULTATION, "SUPPORT",
        PIRACY_CONSULTATION_NOTES, "Fits the maritime crime programme."));
    fund(pi);
    assertThat(pi).variables().containsEntry(ASSIGNED_OFFICE, "CPP");
  }

  @Test
  void deliveryRecordsEveryPlannedActivityAndQuarterlyProgressReports() {
    ProcessInstance pi = requestAssignedToOffice("KEN");
    officeAccepts(pi);
    planDelivery(pi, List.of(
        activity("CAPACITY_BUILDING", "Training of anti-corruption investigators", "2027-01-10", "2027-01-14", 30),
        activity("LEGISLATIVE_ASSISTANCE", "Review of the whistle-blower protection bill", "2027-02-01", "2027-03-31", 5),
        activity("ADVISORY_SERVICES", "Asset declaration system mission", "2027-04-05", "2027-04-09", 12)));

    assertThat(pi).isWaitingAt(RECORD_ACTIVITY);
    assertThat(task(RECORD_ACTIVITY, pi)).hasCandidateGroup("office-ROEA");
    Assertions.assertThat(taskService().getVariableLocal(task(RECORD_ACTIVITY, pi).getId(), ACTIVITY_TITLE))
        .isNull(); // fields live on the instance's execution, not the task
    Assertions.assertThat(runtimeService().getVariable(task(RECORD_ACTIVITY, pi).getExecutionId(), ACTIVITY_TITLE))
        .isEqualTo("Training of anti-corruption investigators");
    recordActivity(pi, 31, "Investigators trained.");

    // a quarter passes while delivery runs: the office owes a progress report
    execute(job(PROGRESS_REPORT_DUE, pi));
    assertThat(pi).isWaitingAt(RECORD_ACTIVITY, REPORT_PROGRESS);
    complete(task(REPORT_PROGRESS, pi), withVariables(PROGRESS_SUMMARY, "One of three activities done.", PROGRESS_ISSUES, "None."));
    Assertions.assertThat(VariableValues.objects(runtimeService().getVariable(pi.getId(), PROGRESS_REPORTS))).hasSize(1);

    recordActivity(pi, 5, "Comments delivered to the drafting committee.");
    recordActivity(pi, 12, "Mission report with recommendations.");

    assertThat(pi).isWaitingAt(WRITE_FINAL_REPORT);
    Assertions.assertThat(VariableValues.objects(runtimeService().getVariable(pi.getId(), ACTIVITY_RECORDS)))
        .extracting(r -> r.get(ACTIVITY_TITLE), r -> r.get(ACTUAL_PARTICIPANTS))
        .containsExactly(
            Assertions.tuple("Training of anti-corruption investigators", 31),
            Assertions.tuple("Review of the whistle-blower protection bill", 5),
            Assertions.tuple("Asset declaration system mission", 12));
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId())
        .activityId(PROGRESS_REPORT_DUE).count()).as("progress timer ends with delivery").isZero();
  }

  @Test
  void quarterlyProgressReportsStopAfterTheNumberTheCycleAllows() {
    Date accepted = new Date(1_800_000_000_000L);
    ClockUtil.setCurrentTime(accepted);
    ProcessInstance pi = requestAssignedToOffice("KEN");
    officeAccepts(pi);
    planDelivery(pi, List.of(activity("ADVISORY_SERVICES", "Long-term mentoring of the anti-corruption agency",
        "2027-01-10", "2029-12-20", 12)));
    Assertions.assertThat(job(PROGRESS_REPORT_DUE, pi).getDuedate()).as("first report due a period after delivery began")
        .isEqualTo(Date.from(accepted.toInstant().atZone(java.time.ZoneId.systemDefault()).plusMonths(3).toInstant()));

    int reports = deadlines.progressReports();
    for (int report = 1; report <= reports; report++) {
      Job due = job(PROGRESS_REPORT_DUE, pi);
      Assertions.assertThat(due).as("report %d of %d falls due", report, reports).isNotNull();
      ClockUtil.setCurrentTime(new Date(due.getDuedate().getTime() + 60_000)); // the job executor comes a moment later
      execute(due);
      complete(task(REPORT_PROGRESS, pi), withVariables(PROGRESS_SUMMARY, "Mentoring on schedule.", PROGRESS_ISSUES, "None."));
    }

    Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId())
        .activityId(PROGRESS_REPORT_DUE).count()).as("no report falls due after the last the cycle allows").isZero();
    assertThat(pi).isWaitingAt(RECORD_ACTIVITY).isNotWaitingAt(REPORT_PROGRESS);
    Assertions.assertThat(VariableValues.objects(runtimeService().getVariable(pi.getId(), PROGRESS_REPORTS))).hasSize(reports);
    recordActivity(pi, 12, "Agency's case management procedures in place.");
    assertThat(pi).isWaitingAt(WRITE_FINAL_REPORT);
  }

  @Test
  void deliveryPlanWithAnActivityEndingBeforeItStartsIsRefused() {
    ProcessInstance pi = requestAssignedToOffice("KEN");
    officeAccepts(pi);
    assertRefused(() -> planDelivery(pi,
            List.of(activity("CAPACITY_BUILDING", "Workshop", "2027-03-10", "2027-03-01", 10))),
        "deliveryActivities[1].activityEndDate");
  }

  @ParameterizedTest(name = "withdrawn while waiting at {0}")
  @CsvSource({"Activity_ScreenRequest", "Activity_ProvideClarification", "Activity_ReviewPriority",
      "Activity_ConfirmFunding", "Activity_DecideOnAssignment"})
  void memberStateCanWithdrawAtAnyStageBeforeDelivery(String waitingAt) {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    if (waitingAt.equals(PROVIDE_CLARIFICATION)) {
      complete(task(SCREEN_REQUEST, pi), withVariables(SCREENING_OUTCOME, "CLARIFY", CLARIFICATION_QUESTION, "Which agencies would take part?"));
    }
    if (!waitingAt.equals(SCREEN_REQUEST) && !waitingAt.equals(PROVIDE_CLARIFICATION)) {
      accept(pi);
    }
    if (waitingAt.equals(CONFIRM_FUNDING) || waitingAt.equals(DECIDE_ON_ASSIGNMENT)) {
      keepAssessedPriority(pi);
    }
    if (waitingAt.equals(DECIDE_ON_ASSIGNMENT)) {
      fund(pi);
    }
    assertThat(pi).isWaitingAt(waitingAt);

    runtimeService().createMessageCorrelation(WITHDRAWAL_MESSAGE)
        .processInstanceBusinessKey(pi.getBusinessKey())
        .setVariable(WITHDRAWAL_REASON, "The national programme now covers this need.")
        .correlate();

    assertThat(pi).isEnded().hasPassed(END_WITHDRAWN);
    Assertions.assertThat(historicVariable(pi, OUTCOME)).isEqualTo("WITHDRAWN");
  }

  @Test
  void withdrawalOnceDeliveryStartedIsRefusedAndChangesNothing() {
    ProcessInstance pi = requestAssignedToOffice("KEN");
    officeAccepts(pi);

    assertRefused(() -> runtimeService().createMessageCorrelation(WITHDRAWAL_MESSAGE)
            .processInstanceBusinessKey(pi.getBusinessKey()).correlate(),
        "can no longer be withdrawn");
    assertThat(pi).isNotEnded().isWaitingAt(PLAN_DELIVERY);
  }

  @Test
  void feedbackDeadlinePassedClosesWithoutFeedback() {
    ProcessInstance pi = requestInReporting("KEN");
    writeFinalReport(pi);
    assertThat(pi).isWaitingAt(GIVE_FEEDBACK);

    execute(job(FEEDBACK_DEADLINE, pi));

    assertThat(pi).hasPassed("Event_FeedbackDeadline").isWaitingAt(CLOSE_REQUEST);
    assertThat(pi).variables().doesNotContainKey(SATISFACTION_RATING);
  }

  @Test
  void screeningLeftPastItsDueDateEscalatesToAManager() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    Task screening = task(SCREEN_REQUEST, pi);
    Assertions.assertThat(screening.getDueDate()).isNotNull();

    execute(job(SCREENING_OVERDUE, pi));

    assertThat(pi).isWaitingAt(SCREEN_REQUEST, FOLLOW_UP_OVERDUE_SCREENING);
    assertThat(task(FOLLOW_UP_OVERDUE_SCREENING, pi)).hasCandidateGroup("managers");
    complete(task(FOLLOW_UP_OVERDUE_SCREENING, pi), withVariables(ESCALATION_ACTION, "Asked the intake team lead to screen today."));
    assertThat(pi).isWaitingAt(SCREEN_REQUEST);
  }

  @Test
  void tasksAreDueAfterTheirStageDeadlineAndPrioritisedByBand() {
    ClockUtil.setCurrentTime(new Date(1_800_000_000_000L));
    ProcessInstance pi = submit(submission("KEN", "CORRUPTION").putValue(URGENCY, "CRITICAL"));
    Task screening = task(SCREEN_REQUEST, pi);
    Assertions.assertThat(screening.getDueDate()).isEqualTo(new Date(1_800_000_000_000L + 5L * 24 * 3600 * 1000));
    Assertions.assertThat(screening.getPriority()).isEqualTo(TaskDefaults.CRITICAL_URGENCY_PRIORITY);

    accept(pi);
    String band = (String) runtimeService().getVariable(pi.getId(), PRIORITY_BAND);
    int expected = switch (band) {
      case "HIGH" -> TaskDefaults.HIGH_PRIORITY;
      case "MEDIUM" -> 50;
      default -> 20;
    };
    Assertions.assertThat(task(REVIEW_PRIORITY, pi).getPriority()).isEqualTo(expected);
  }

  @Test
  void intakeMayChangeTheStatedUrgencyOnlyWithAReasonAndTheAssessmentCountsTheConfirmedOne() {
    ProcessInstance asStated = submit("KEN", "CORRUPTION");
    accept(asStated);
    int statedScore = ((Number) runtimeService().getVariable(asStated.getId(), PRIORITY_SCORE)).intValue();

    ProcessInstance raised = submit("KEN", "CORRUPTION");
    assertRefused(() -> complete(task(SCREEN_REQUEST, raised),
        withVariables(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY, "CRITICAL")), URGENCY_CHANGE_REASON);
    complete(task(SCREEN_REQUEST, raised), withVariables(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY, "CRITICAL",
        URGENCY_CHANGE_REASON, "Elections in three months; the ministry confirmed the timeline by letter."));

    assertThat(raised).isWaitingAt(REVIEW_PRIORITY).variables()
        .containsEntry(URGENCY, "NORMAL")
        .containsEntry(CONFIRMED_URGENCY, "CRITICAL");
    Assertions.assertThat(((Number) runtimeService().getVariable(raised.getId(), PRIORITY_SCORE)).intValue())
        .isGreaterThan(statedScore);
  }

  @ParameterizedTest(name = "{0} band: looked at again after {1} days")
  @CsvSource({"HIGH,14", "MEDIUM,30", "LOW,60"})
  void theFundingPipelineLooksAgainSoonerAtHigherPriorityRequests(String band, long days) {
    Date now = new Date(1_800_000_000_000L);
    ClockUtil.setCurrentTime(now);
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    accept(pi);
    complete(task(REVIEW_PRIORITY, pi), withVariables(OVERRIDE_PRIORITY, true, OVERRIDDEN_PRIORITY_BAND, band,
        OVERRIDE_JUSTIFICATION, "Band set by strategic planning for the funding pipeline."));
    complete(task(CONFIRM_FUNDING, pi), withVariables(FUNDING_DECISION, "PIPELINE"));

    Assertions.assertThat(job(FUNDING_RECHECK_DUE, pi).getDuedate())
        .isEqualTo(new Date(now.getTime() + days * 24 * 3600 * 1000));
  }

  // --- priority against the resolution ---------------------------------------------------------

  private int score(ProcessInstance pi) {
    return ((Number) runtimeService().getVariable(pi.getId(), PRIORITY_SCORE)).intValue();
  }

  @Test
  void aDevelopingStatesNormalDrugTraffickingRequestOutranksADevelopedStatesLowCorruptionRequest() {
    ProcessInstance unitedStates = submit(submission("USA", "CORRUPTION").putValue(URGENCY, "LOW"));
    accept(unitedStates);
    ProcessInstance nigeria = submit("NGA", "DRUG_TRAFFICKING");
    accept(nigeria);

    Assertions.assertThat(score(nigeria)).isGreaterThan(score(unitedStates));
    assertThat(unitedStates).variables().containsEntry(PRIORITY_BAND, "LOW");
    Assertions.assertThat(runtimeService().getVariable(nigeria.getId(), PRIORITY_BAND)).isIn("MEDIUM", "HIGH");
    Assertions.assertThat((String) runtimeService().getVariable(unitedStates.getId(), PRIORITY_RATIONALE))
        .contains("Developed economy").contains("para 24");
  }

  @Test
  void aHighIncomeSmallIslandDevelopingStateCollectsNoCountryGroupOrVulnerabilityPoints() {
    // Singapore: developing (WESP), small island developing State, high-income (seeds/income-groups.csv),
    // South-eastern Asia x drug trafficking HIGH; drug trafficking 3 + developing 3 + NORMAL 1 (issue 7)
    ProcessInstance singapore = submit("SGP", "DRUG_TRAFFICKING");
    accept(singapore);

    Assertions.assertThat(score(singapore)).isEqualTo(7);
    assertThat(singapore).variables().containsEntry(PRIORITY_BAND, "LOW");
    Assertions.assertThat((String) runtimeService().getVariable(singapore.getId(), PRIORITY_RATIONALE))
        .contains("Developing economy (UN WESP 2025; GA 64/179 para 24")
        .contains("Small island developing State, but a high-income economy (World Bank FY2025): no country-group points")
        .contains("Regional vulnerability HIGH of South-eastern Asia to the counted area, Drug trafficking, but the state"
            + " is a high-income economy (World Bank FY2025): no vulnerability points")
        .doesNotContain("Small island developing State (UN list");
  }

  @Test
  void tickingMoreAreasNeverRaisesThePriorityOnlyADeclaredPrimaryAreaCounts() {
    ProcessInstance ticked = submit("KEN", "DRUG_TRAFFICKING", "CORRUPTION");
    accept(ticked);
    ProcessInstance declared = submit(submission("KEN", "DRUG_TRAFFICKING", "CORRUPTION")
        .putValue(PRIMARY_THEMATIC_AREA, "CORRUPTION"));
    accept(declared);

    // two areas and none declared: the least weighted one (drug trafficking) counts
    assertThat(ticked).variables().containsEntry(STRATEGY_WEIGHT, 3);
    assertThat(declared).variables().containsEntry(STRATEGY_WEIGHT, 5);
    Assertions.assertThat((String) runtimeService().getVariable(declared.getId(), PRIORITY_RATIONALE))
        .contains("Primary area Corruption").contains("(GA 64/179 paras 6, 12, 16)");
    assertRefused(() -> submit(submission("KEN", "DRUG_TRAFFICKING").putValue(PRIMARY_THEMATIC_AREA, "CORRUPTION")),
        PRIMARY_THEMATIC_AREA);
  }

  // --- regional requests ---------------------------------------------------------------------

  private ProcessInstance regionalRequest(String lead, String... coRequesting) {
    ProcessInstance pi = submit(submission(lead, "CORRUPTION")
        .putValueTyped(CO_REQUESTING_STATES, VariableValues.json(List.of(coRequesting))));
    accept(pi);
    return pi;
  }

  /** The confirmation task of one co-requesting state in this request (participations carry its reference number). */
  private Task participationTask(ProcessInstance pi, String state) {
    return taskService().createTaskQuery().processDefinitionKey("regional-participation")
        .processInstanceBusinessKey(pi.getBusinessKey()).tenantIdIn(state).singleResult();
  }

  /** The asynchronous continuations after each settled participation, as the job executor would run them. */
  private void continueAfterParticipations(ProcessInstance pi) {
    managementService().createJobQuery().processInstanceId(pi.getId())
        .activityId("Activity_StatesConfirmParticipation").list()
        .forEach(job -> managementService().executeJob(job.getId()));
  }

  @Test
  void eachCoRequestingStateConfirmsTakingPartInItsOwnTenant() {
    ProcessInstance pi = regionalRequest("KEN", "UGA", "TZA");

    assertThat(pi).isWaitingAt("Activity_StatesConfirmParticipation");
    for (String state : List.of("UGA", "TZA")) {
      Task confirm = participationTask(pi, state);
      Assertions.assertThat(confirm).as("participation task of " + state).isNotNull();
      assertThat(confirm).hasCandidateGroup("focal-" + state);
      Assertions.assertThat(taskService().getVariables(confirm.getId()))
          .containsEntry(LEAD_STATE_NAME, "Kenya")
          .containsEntry(REFERENCE_NUMBER, pi.getBusinessKey())
          .doesNotContainKeys(SCREENING_NOTES, PRIORITY_SCORE);
    }
  }

  @Test
  void aStateThatDoesNotConfirmByTheDeadlineDropsOutAndTheRequestGoesOn() {
    ProcessInstance pi = regionalRequest("KEN", "UGA", "TZA");
    complete(participationTask(pi, "UGA"), withVariables(PARTICIPATION_DECISION, "YES",
        PARTICIPATION_NOTES, "The Office of the Director of Public Prosecutions takes part."));
    execute(managementService().createJobQuery().processDefinitionKey("regional-participation").timers()
        .processInstanceId(taskService().createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey())
            .processDefinitionKey("regional-participation").tenantIdIn("TZA").singleResult().getProcessInstanceId())
        .singleResult());
    continueAfterParticipations(pi);

    assertThat(pi).isWaitingAt(REVIEW_PRIORITY).variables()
        .containsEntry(participationOf("UGA"), "YES")
        .containsEntry(participationOf("TZA"), "NO_ANSWER");
  }

  @Test
  void aRegionalRequestGoesToAnOfficeCoveringAllItsStates() {
    ProcessInstance pi = regionalRequest("KEN", "UGA", "COL");
    complete(participationTask(pi, "UGA"), withVariables(PARTICIPATION_DECISION, "YES"));
    complete(participationTask(pi, "COL"), withVariables(PARTICIPATION_DECISION, "NO",
        PARTICIPATION_NOTES, "Colombia's programme with the country office already covers this."));
    continueAfterParticipations(pi);
    keepAssessedPriority(pi);
    fund(pi);
    // Kenya and Uganda are both covered by the Regional Office for Eastern Africa; Colombia declined
    assertThat(pi).variables().containsEntry(ASSIGNED_OFFICE, "ROEA");
  }

  @Test
  void statesWithNoCommonOfficeStayWithTheLeadStatesOffice() {
    ProcessInstance pi = regionalRequest("COL", "KEN");
    complete(participationTask(pi, "KEN"), withVariables(PARTICIPATION_DECISION, "YES"));
    continueAfterParticipations(pi);
    keepAssessedPriority(pi);
    fund(pi);
    assertThat(pi).variables().containsEntry(ASSIGNED_OFFICE, "COCOL");
  }

  @Test
  void theLeadStateCannotNameItselfAsCoRequesting() {
    assertRefused(() -> submit(submission("KEN", "CORRUPTION")
        .putValueTyped(CO_REQUESTING_STATES, VariableValues.json(List.of("UGA", "KEN")))), CO_REQUESTING_STATES);
  }

  @Test
  void withdrawingARegionalRequestEndsTheParticipationsToo() {
    ProcessInstance pi = regionalRequest("KEN", "UGA");
    runtimeService().createMessageCorrelation(WITHDRAWAL_MESSAGE).processInstanceId(pi.getId())
        .setVariable(WITHDRAWAL_REASON, "Covered by the national programme").correlate();
    assertThat(pi).isEnded();
    Assertions.assertThat(participationTask(pi, "UGA")).isNull();
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey("regional-participation")
        .processInstanceBusinessKey(pi.getBusinessKey()).count()).isZero();
  }

  @Test
  void submissionForAnUnknownStateIsRefusedAndNothingIsCreated() {
    long before = runtimeService().createProcessInstanceQuery().count();
    assertRefused(() -> submit("XXX", "CORRUPTION"),
        MEMBER_STATE);
    assertRefused(() -> submit("KEN", "NOT_AN_AREA"),
        THEMATIC_AREAS);
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void focalPointCanFileForTheirOwnStateOnly() {
    var identity = processEngine.getIdentityService();
    if (identity.createUserQuery().userId("kenya.delegate").count() == 0) {
      identity.saveUser(identity.newUser("kenya.delegate"));
      identity.createMembership("kenya.delegate", "focal-KEN");
    }
    identity.setAuthentication("kenya.delegate", List.of("focal-KEN"), List.of("KEN"));
    try {
      long before = runtimeService().createProcessInstanceQuery().count();
      assertRefused(() -> submit("COL", "CORRUPTION"), MEMBER_STATE);
      Assertions.assertThat(runtimeService().createProcessInstanceQuery().count()).isEqualTo(before);

      ProcessInstance own = submit("KEN", "CORRUPTION");
      assertThat(own).variables().containsEntry(SUBMITTED_BY, "kenya.delegate").containsKey(SUBMITTED_ON);
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void referenceNumbersAreConsecutiveWithinAYear() {
    ProcessInstance first = submit("KEN", "CORRUPTION");
    ProcessInstance second = submit("COL", "CORRUPTION");
    int a = Integer.parseInt(first.getBusinessKey().substring(8));
    int b = Integer.parseInt(second.getBusinessKey().substring(8));
    Assertions.assertThat(b).isEqualTo(a + 1);
  }

  @Test
  void referenceNumbersStartAtOneInANewYear() {
    ClockUtil.setCurrentTime(java.sql.Timestamp.valueOf("2031-01-01 09:00:00"));
    Assertions.assertThat(submit("KEN", "CORRUPTION").getBusinessKey()).isEqualTo("TA-2031-00001");
    Assertions.assertThat(submit("KEN", "CORRUPTION").getBusinessKey()).isEqualTo("TA-2031-00002");
  }

  private Object historicVariable(ProcessInstance pi, String name) {
    return historyService().createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName(name).singleResult().getValue();
  }
}
