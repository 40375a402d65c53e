package org.unodc.uponrequest.metrics.history;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.unodc.uponrequest.metrics.history.Step.Trigger;
import org.unodc.uponrequest.process.Outcome;
import org.unodc.uponrequest.process.Stage;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;

/**
 * The path templates: every move a request can make through bpmn/technical-assistance-request.bpmn,
 * with the sequence flows the engine takes for it in the order it takes them, the stages reached
 * and the waits ended and begun. {@link Course} strings them together into a request's path.
 * Written from the BPMN and proven against the engine by {@code PathTemplatesTest}: when the model
 * changes, that test says which template no longer matches.
 */
final class Paths {

  // --- wait states: user tasks with the deadline of their due date, timers, call activity, sub-process

  static final Wait SCREENING = Wait.task(SCREEN_REQUEST, "INTAKE");
  static final Wait FOLLOW_UP = Wait.task(FOLLOW_UP_OVERDUE_SCREENING, "escalation");
  static final Wait CLARIFICATION = Wait.task(PROVIDE_CLARIFICATION, "clarification-answer");
  static final Wait PARTICIPATION = Wait.other("Activity_StatesConfirmParticipation");
  static final Wait REVIEW = Wait.task(REVIEW_PRIORITY, "ASSESSMENT");
  static final Wait ADVICE_AGAINST_DECISION = Wait.task(DECIDE_ON_NEGATIVE_ADVICE, "CONSULTATION");
  static final Wait REVISION = Wait.task(REVISE_REQUEST, "clarification-answer");
  static final Wait FUNDING = Wait.task(CONFIRM_FUNDING, "FUNDING");
  static final Wait RECHECK = Wait.other(FUNDING_RECHECK_DUE);
  static final Wait OFFICE_ACCEPTANCE = Wait.task(DECIDE_ON_ASSIGNMENT, "ASSIGNMENT");
  static final Wait DELIVERY = Wait.other("SubProcess_Delivery");
  static final Wait PLANNING = Wait.task(PLAN_DELIVERY, "delivery-planning");
  static final Wait ACTIVITY = Wait.task(RECORD_ACTIVITY, "DELIVERY");
  /** The event sub-process a progress report is written in: it begins when a report falls due and ends with the report or with delivery. */
  static final Wait PROGRESS_REPORTING = Wait.other(TechnicalAssistanceProcess.PROGRESS_REPORTING);
  static final Wait PROGRESS_REPORT = Wait.task(REPORT_PROGRESS, "progress-report");
  static final Wait FINAL_REPORT = Wait.task(WRITE_FINAL_REPORT, "REPORTING");
  static final Wait FEEDBACK = Wait.task(GIVE_FEEDBACK, "feedback");
  static final Wait CLOSURE = Wait.task(CLOSE_REQUEST, "REPORTING");

  /** A specialist section's consultation: its task and the flows into and out of it. */
  record Consultation(String section, Wait task, String flowIn, String flowOut) {}

  /** The consultations in the order of the inclusive gateway's outgoing flows, which is the order the engine takes them in. */
  static final List<Consultation> CONSULTATIONS = List.of(
      new Consultation("TPB", Wait.task(CONSULT_TERRORISM_PREVENTION, "CONSULTATION"), "Flow_ToTerrorismPrevention",
          "Flow_TerrorismPreventionDone"),
      new Consultation("GPML", Wait.task(CONSULT_MONEY_LAUNDERING, "CONSULTATION"), "Flow_ToMoneyLaundering",
          "Flow_MoneyLaunderingDone"),
      new Consultation("CPP", Wait.task(CONSULT_COUNTER_PIRACY, "CONSULTATION"), "Flow_ToCounterPiracy",
          "Flow_CounterPiracyDone"),
      new Consultation("HTMSS", Wait.task(CONSULT_TRAFFICKING_SMUGGLING, "CONSULTATION"), "Flow_ToTraffickingSmuggling",
          "Flow_TraffickingSmugglingDone"),
      new Consultation("GFP", Wait.task(CONSULT_FIREARMS, "CONSULTATION"), "Flow_ToFirearms", "Flow_FirearmsDone"));
  static final Map<String, Consultation> CONSULTATION_OF_SECTION = Map.of(
      "TPB", CONSULTATIONS.get(0), "GPML", CONSULTATIONS.get(1), "CPP", CONSULTATIONS.get(2), "HTMSS", CONSULTATIONS.get(3),
      "GFP", CONSULTATIONS.get(4));

  // --- intake

  static final Step FILED = new Step(Trigger.FILED, null, null,
      List.of("Flow_SubmittedToRegister", "Flow_RegisterToScreening", "Flow_ReadyToScreen"), List.of(), List.of(),
      List.of(SCREENING), null);
  static final Step SCREENING_OVERDUE_FIRED = new Step(Trigger.TIMER, SCREENING_OVERDUE, null,
      List.of("Flow_OverdueToFollowUp"), List.of(), List.of(), List.of(FOLLOW_UP), null);
  static final Step FOLLOWED_UP = Step.completed(FOLLOW_UP, null, List.of("Flow_FollowUpToEnd"), List.of(), List.of());
  static final Step CLARIFICATION_ASKED = Step.completed(SCREENING, "CLARIFY",
      List.of("Flow_ScreenToOutcome", "Flow_AskClarification"), List.of(), List.of(CLARIFICATION));
  static final Step REMINDED = new Step(Trigger.TIMER, CLARIFICATION_REMINDER_DUE, null,
      List.of("Flow_ReminderToRemind", "Flow_RemindToEnd"), List.of(), List.of(), List.of(), null);
  static final Step CLARIFIED = Step.completed(CLARIFICATION, null,
      List.of("Flow_ClarificationAnswered", "Flow_ReadyToScreen"), List.of(), List.of(SCREENING));
  static final Step NO_CLARIFICATION = new Step(Trigger.TIMER, CLARIFICATION_DEADLINE, null,
      List.of("Flow_DeadlineToWithdrawn"), List.of(Stage.CLOSED), List.of(CLARIFICATION), List.of(),
      Outcome.WITHDRAWN_NO_ANSWER);
  static final Step DECLINED_AT_SCREENING = Step.completedAndEnded(SCREENING, "DECLINE",
      List.of("Flow_ScreenToOutcome", "Flow_Declined"), Outcome.DECLINED);
  private static final List<String> TO_REVIEW = List.of("Flow_ParticipationSettled", "Flow_AssessmentToDmn",
      "Flow_DmnToReview");
  static final Step ACCEPTED = Step.completed(SCREENING, "ACCEPT",
      concat(List.of("Flow_ScreenToOutcome", "Flow_Accepted"), TO_REVIEW), List.of(Stage.ASSESSMENT), List.of(REVIEW));

  /** A regional request accepted: each co-requesting state is asked in a participation of its own. */
  static Step acceptedRegional(int coRequesting) {
    return Step.completed(SCREENING, "ACCEPT", List.of("Flow_ScreenToOutcome", "Flow_Accepted"), List.of(),
        Collections.nCopies(coRequesting, PARTICIPATION));
  }

  /**
   * One co-requesting state's participation ended with its answer (YES, NO, or NO_ANSWER at the
   * deadline); after the last one the request goes on to its priority assessment.
   */
  static Step participationSettled(String answer, boolean last) {
    return last
        ? new Step(Trigger.PARTICIPATION_SETTLED, null, answer, TO_REVIEW, List.of(Stage.ASSESSMENT), List.of(PARTICIPATION),
            List.of(REVIEW), null)
        : new Step(Trigger.PARTICIPATION_SETTLED, null, answer, List.of(), List.of(), List.of(PARTICIPATION), List.of(), null);
  }

  // --- assessment and consultations

  private static final List<String> TO_FUNDING = List.of("Flow_FundingStartedToConfirm", "Flow_ToConfirmFunding");
  private static final List<String> ADVICE_IN_FAVOUR = concat(List.of("Flow_ConsultationsToAdviceCheck",
      "Flow_AdviceInFavour"), TO_FUNDING);

  /**
   * Strategic planning reviewed the priority (KEEP or OVERRIDE the band): the consultations the
   * request's areas need start in parallel, or, with none, the request goes straight on to funding.
   */
  static Step reviewed(String decision, List<Consultation> consultations) {
    List<String> flows = new ArrayList<>(List.of("Flow_ReviewToConsultations", "Flow_ConsultationStartedToSplit"));
    if (consultations.isEmpty()) {
      flows.add("Flow_NoConsultation");
      flows.addAll(ADVICE_IN_FAVOUR);
      return Step.completed(REVIEW, decision, flows, List.of(Stage.CONSULTATION, Stage.FUNDING), List.of(FUNDING));
    }
    consultations.forEach(consultation -> flows.add(consultation.flowIn()));
    return Step.completed(REVIEW, decision, flows, List.of(Stage.CONSULTATION),
        consultations.stream().map(Consultation::task).toList());
  }

  /**
   * A section gave its advice (SUPPORT or NOT_SUPPORTED). The last one to answer moves the request on:
   * to funding, or to strategic planning when any section advised against it.
   */
  static Step consulted(Consultation consultation, String advice, boolean last, boolean anyAgainst) {
    List<String> flows = new ArrayList<>(List.of(consultation.flowOut()));
    if (!last) {
      return Step.completed(consultation.task(), advice, flows, List.of(), List.of());
    }
    if (anyAgainst) {
      flows.addAll(List.of("Flow_ConsultationsToAdviceCheck", "Flow_AdviceAgainst"));
      return Step.completed(consultation.task(), advice, flows, List.of(), List.of(ADVICE_AGAINST_DECISION));
    }
    flows.addAll(ADVICE_IN_FAVOUR);
    return Step.completed(consultation.task(), advice, flows, List.of(Stage.FUNDING), List.of(FUNDING));
  }

  static final Step PROCEEDED_DESPITE_ADVICE = Step.completed(ADVICE_AGAINST_DECISION, "PROCEED",
      concat(List.of("Flow_DecisionOnAdvice", "Flow_ProceedDespiteAdvice"), TO_FUNDING), List.of(Stage.FUNDING),
      List.of(FUNDING));
  static final Step DECLINED_AFTER_ADVICE = Step.completedAndEnded(ADVICE_AGAINST_DECISION, "DECLINE",
      List.of("Flow_DecisionOnAdvice", "Flow_DeclineAfterAdvice"), Outcome.DECLINED);
  static final Step REVISION_ASKED = Step.completed(ADVICE_AGAINST_DECISION, "REVISE",
      List.of("Flow_DecisionOnAdvice", "Flow_AskForRevision"), List.of(), List.of(REVISION));
  static final Step REVISED = Step.completed(REVISION, null, List.of("Flow_RevisedToAssessment", "Flow_DmnToReview"),
      List.of(Stage.ASSESSMENT), List.of(REVIEW));
  static final Step NO_REVISION = new Step(Trigger.TIMER, REVISION_DEADLINE, null,
      List.of("Flow_RevisionDeadlineToWithdrawn"), List.of(Stage.CLOSED), List.of(REVISION), List.of(),
      Outcome.WITHDRAWN_NO_ANSWER);

  // --- funding and assignment

  static final Step FUNDED = Step.completed(FUNDING, "FUNDED", List.of("Flow_ConfirmToDecision", "Flow_Funded",
      "Flow_AssignmentStartedToDmn", "Flow_DmnToOffice", "Flow_ToDecide"), List.of(Stage.ASSIGNMENT), List.of(OFFICE_ACCEPTANCE));
  /** "Not yet" with a re-check left (uponrequest.deadlines.max-funding-rechecks): the request waits in the pipeline. */
  static final Step KEPT_IN_PIPELINE = Step.completed(FUNDING, "PIPELINE", List.of("Flow_ConfirmToDecision", "Flow_Pipeline",
      "Flow_RecheckLeft"), List.of(), List.of(RECHECK));
  /** "Not yet" at the last look the pipeline allows: the request is closed as unfunded. */
  static final Step NO_RECHECK_LEFT = Step.completedAndEnded(FUNDING, "PIPELINE", List.of("Flow_ConfirmToDecision",
      "Flow_Pipeline", "Flow_NoRecheckLeft"), Outcome.CLOSED_UNFUNDED);
  static final Step RECHECK_DUE = new Step(Trigger.TIMER, FUNDING_RECHECK_DUE, null,
      List.of("Flow_RecheckToConfirm", "Flow_ToConfirmFunding"), List.of(), List.of(RECHECK), List.of(FUNDING), null);
  static final Step CLOSED_UNFUNDED = Step.completedAndEnded(FUNDING, "CLOSE_UNFUNDED",
      List.of("Flow_ConfirmToDecision", "Flow_Unfunded"), Outcome.CLOSED_UNFUNDED);
  static final Step OFFICE_DECLINED = Step.completed(OFFICE_ACCEPTANCE, "DECLINE", List.of("Flow_DecideToDecision",
      "Flow_OfficeDeclines", "Flow_ReassignedToDecide", "Flow_ToDecide"), List.of(), List.of(OFFICE_ACCEPTANCE));
  static final Step OFFICE_ACCEPTED = Step.completed(OFFICE_ACCEPTANCE, "ACCEPT", List.of("Flow_DecideToDecision",
      "Flow_OfficeAccepts", "Flow_StartedToDelivery", "Flow_DeliveryBeginsToPlan"), List.of(Stage.DELIVERY),
      List.of(DELIVERY, PLANNING));

  // --- delivery and reporting

  static final Step PLANNED = Step.completed(PLANNING, null, List.of("Flow_PlanToRecord"), List.of(), List.of(ACTIVITY));
  /** An activity recorded while others of the plan remain: the next one's task begins (a sequential multi-instance). */
  static final Step ACTIVITY_RECORDED = Step.completed(ACTIVITY, null, List.of(), List.of(), List.of(ACTIVITY));
  /** The plan's last activity recorded: delivery ends and the final report is due. */
  static final Step DELIVERED = new Step(Trigger.COMPLETED, RECORD_ACTIVITY, null,
      List.of("Flow_RecordToEnd", "Flow_DeliveryToReporting", "Flow_ReportingToFinalReport"), List.of(Stage.REPORTING),
      List.of(ACTIVITY, DELIVERY), List.of(FINAL_REPORT), null);

  /**
   * The plan's last activity recorded while progress reports are still being written: delivery's end
   * ends them (its end event terminates the sub-process), and the final report covers their periods.
   */
  static Step delivered(int reportsOpen) {
    if (reportsOpen == 0) {
      return DELIVERED;
    }
    List<Wait> ends = new ArrayList<>(DELIVERED.ends());
    for (int i = 0; i < reportsOpen; i++) {
      ends.addAll(List.of(PROGRESS_REPORT, PROGRESS_REPORTING));
    }
    return new Step(Trigger.COMPLETED, RECORD_ACTIVITY, null, DELIVERED.flows(), DELIVERED.stages(), ends,
        DELIVERED.begins(), null);
  }

  static final Step PROGRESS_REPORT_DUE_FIRED = new Step(Trigger.TIMER, PROGRESS_REPORT_DUE, null,
      List.of("Flow_ProgressDueToReport"), List.of(), List.of(), List.of(PROGRESS_REPORTING, PROGRESS_REPORT), null);
  static final Step PROGRESS_REPORTED = new Step(Trigger.COMPLETED, REPORT_PROGRESS, null, List.of("Flow_ReportToEnd"),
      List.of(), List.of(PROGRESS_REPORT, PROGRESS_REPORTING), List.of(), null);
  static final Step FINAL_REPORT_WRITTEN = Step.completed(FINAL_REPORT, null, List.of("Flow_FinalReportToFeedback"),
      List.of(), List.of(FEEDBACK));
  static final Step FEEDBACK_GIVEN = Step.completed(FEEDBACK, null, List.of("Flow_FeedbackGiven", "Flow_FeedbackToClose"),
      List.of(), List.of(CLOSURE));
  static final Step NO_FEEDBACK = new Step(Trigger.TIMER, FEEDBACK_DEADLINE, null,
      List.of("Flow_FeedbackSkipped", "Flow_FeedbackToClose"), List.of(), List.of(FEEDBACK), List.of(CLOSURE), null);
  static final Step CLOSED = Step.completedAndEnded(CLOSURE, null, List.of("Flow_CloseToEnd"), Outcome.COMPLETED);

  /** The member state withdrew the request (before delivery started): whatever waited ends. */
  static final Step WITHDRAWN = new Step(Trigger.WITHDRAWN, null, null, List.of("Flow_WithdrawalToEnd"),
      List.of(Stage.CLOSED), List.of(), List.of(), Outcome.WITHDRAWN);

  private Paths() {}

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
