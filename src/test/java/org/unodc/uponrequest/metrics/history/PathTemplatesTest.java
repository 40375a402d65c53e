package org.unodc.uponrequest.metrics.history;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.unodc.uponrequest.metrics.history.Paths.*;
import static org.unodc.uponrequest.metrics.history.ScriptedTiming.days;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unodc.uponrequest.metrics.history.Choices.Advice;
import org.unodc.uponrequest.intake.RequestFactsFromSeeds;
import org.unodc.uponrequest.metrics.history.Course.TimedStep;
import org.unodc.uponrequest.metrics.history.Paths.Consultation;
import org.unodc.uponrequest.process.Deadlines;
import org.unodc.uponrequest.process.ProcessTestSupport;
import org.unodc.uponrequest.process.Stage;
import org.unodc.uponrequest.process.VariableValues;

/**
 * Proves the path templates of {@link Paths}: each scenario's course (from {@link Course.Builder},
 * as the generator builds it) is driven through the real engine step by step, at the course's own
 * moments. After every step the waits the projection holds open ({@code UR_METRIC_WAIT}, with their
 * due dates) must be those {@link Replay} computes; at the end the flows it wrote
 * ({@code UR_METRIC_FLOW}, by {@code ID_}) must be the template's, in order, the stages reached
 * must be the template's, and the request's row in {@code UR_METRIC_REQUEST} must hold the stage
 * times and task counts the generator would write for it.
 */
class PathTemplatesTest extends ProcessTestSupport {

  /** A Monday morning, far from the clock of the other tests. */
  private static final long FILED_AT = Instant.parse("2030-01-07T08:00:00Z").toEpochMilli();

  @Autowired
  private JdbcTemplate jdbc;

  @Autowired
  private Deadlines deadlines;

  @Autowired
  private RequestFactsFromSeeds facts;

  /** A request to file, what is decided on its way and how long each step takes. */
  private record Scenario(String lead, List<String> areas, List<String> coRequesting, Choices choices, ScriptedTiming timing,
      String withdrawnWaitingAt) {

    Scenario(String lead, List<String> areas, Choices choices, ScriptedTiming timing) {
      this(lead, areas, List.of(), choices, timing, null);
    }
  }

  @Test
  void completedWithoutConsultationAfterAnOverdueScreening() {
    // screening 7 days (due after 5: a manager follows up, late too), two activities over 110 days
    // (a quarterly progress report falls due, handed in late), feedback given
    prove(new Scenario("KEN", List.of("CORRUPTION"), Choices.straightThrough().withDelivery(0, 2, true),
        new ScriptedTiming().take(SCREENING, days(7)).take(FOLLOW_UP, days(3)).take(ACTIVITY, days(50), days(60))
            .take(PROGRESS_REPORT, days(20)).take(FEEDBACK, days(10))));
  }

  @Test
  void completedWithATerrorismConsultationWithCted() {
    prove(new Scenario("KEN", List.of("TERRORISM"),
        Choices.straightThrough().withConsultations(List.of("TPB"), List.of(Advice.IN_FAVOUR)).withDelivery(0, 1, false),
        new ScriptedTiming().take(CONSULTATIONS.get(0).task(), days(12))));
  }

  @Test
  void completedAfterAnOfficeDeclinesAndTheNextOfficeAccepts() {
    // Myanmar: the country office declines, the Bangkok regional office accepts
    prove(new Scenario("MMR", List.of("DRUG_TRAFFICKING"), Choices.straightThrough().withDelivery(1, 1, true),
        new ScriptedTiming().take(OFFICE_ACCEPTANCE, days(6), days(2))));
  }

  @Test
  void declinedAtScreening() {
    prove(new Scenario("COL", List.of("CORRUPTION"), Choices.straightThrough().declinedWhenScreened(), new ScriptedTiming()));
  }

  @Test
  void clarificationAskedThenAnsweredAfterAReminderAndCompleted() {
    prove(new Scenario("COL", List.of("CORRUPTION"), Choices.straightThrough().withClarifications(List.of(true)),
        new ScriptedTiming().take(CLARIFICATION, days(24))));
  }

  @Test
  void clarificationUnansweredWithdrawsTheRequest() {
    prove(new Scenario("COL", List.of("CORRUPTION"), Choices.straightThrough().withClarifications(List.of(false)),
        new ScriptedTiming()));
  }

  @Test
  void withdrawnByTheStateWhileWaitingForFunding() {
    prove(new Scenario("KEN", List.of("CORRUPTION"), List.of(), Choices.straightThrough().withFunding(2, false),
        new ScriptedTiming(), FUNDING_RECHECK_DUE));
  }

  @Test
  void withdrawnByTheStateWhileItsScreeningIsEscalated() {
    prove(new Scenario("KEN", List.of("CORRUPTION"), List.of(), Choices.straightThrough(),
        new ScriptedTiming().take(SCREENING, days(9)).take(FOLLOW_UP, days(3)), FOLLOW_UP_OVERDUE_SCREENING));
  }

  @Test
  void closedUnfundedAfterTwoFundingReChecks() {
    prove(new Scenario("KEN", List.of("CORRUPTION"), Choices.straightThrough().withOverride().withFunding(2, true),
        new ScriptedTiming().take(FUNDING, days(20), days(3), days(2))));
  }

  @Test
  void closedUnfundedWhenPlanningSaysNotYetWithNoReCheckLeft() {
    prove(new Scenario("KEN", List.of("CORRUPTION"),
        Choices.straightThrough().withFunding(deadlines.maxFundingRechecks(), true), new ScriptedTiming()));
  }

  @Test
  void completedWithAProgressReportStillOpenWhenDeliveryEnds() {
    // the report falls due three months into delivery and takes 20 days; the only activity is recorded
    // after 100 days, before the report is in: delivery's end ends the report
    prove(new Scenario("KEN", List.of("CORRUPTION"), Choices.straightThrough().withDelivery(0, 1, true),
        new ScriptedTiming().take(ACTIVITY, days(100)).take(PROGRESS_REPORT, days(20))));
  }

  @Test
  void completedAfterADeliveryLongerThanTheProgressReportCycle() {
    // two activities over 900 days: reports fall due quarterly until the cycle's last, then no more
    prove(new Scenario("KEN", List.of("CORRUPTION"), Choices.straightThrough().withDelivery(0, 2, true),
        new ScriptedTiming().take(ACTIVITY, days(450), days(450))));
  }

  @Test
  void declinedAfterSpecialistAdviceAgainst() {
    prove(new Scenario("KEN", List.of("TERRORISM"),
        Choices.straightThrough().withConsultations(List.of("TPB"), List.of(Advice.DECLINE)), new ScriptedTiming()));
  }

  @Test
  void revisedAfterAdviceAgainstConsultedAgainInParallelAndProceeded() {
    // terrorism and firearms consulted in parallel twice; the second round is advised against again
    // and strategic planning proceeds with a justification
    prove(new Scenario("KEN", List.of("TERRORISM", "FIREARMS"),
        Choices.straightThrough().withConsultations(List.of("TPB", "GFP"), List.of(Advice.REVISE, Advice.PROCEED)),
        new ScriptedTiming().take(CONSULTATIONS.get(0).task(), days(3), days(1)).take(CONSULTATIONS.get(4).task(),
            days(2), days(4))));
  }

  @Test
  void revisionNotGivenByItsDeadlineWithdrawsTheRequest() {
    prove(new Scenario("KEN", List.of("TERRORISM"),
        Choices.straightThrough().withConsultations(List.of("TPB"), List.of(Advice.NO_REVISION)), new ScriptedTiming()));
  }

  @Test
  void regionalRequestWithCoRequestingStatesCompleted() {
    // Uganda takes part, Tanzania lets its deadline pass; both are covered by the Nairobi office
    prove(new Scenario("KEN", List.of("CORRUPTION"), List.of("UGA", "TZA"),
        Choices.straightThrough().withParticipation(List.of("YES", "NO_ANSWER")), new ScriptedTiming(), null));
  }

  /** The generator's bands and offices come from the process's own decision tables, with the facts the process looks up. */
  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource({"KEN, CORRUPTION", "USA, CORRUPTION", "NGA, DRUG_TRAFFICKING", "SGP, DRUG_TRAFFICKING", "KEN, PIRACY",
      "MMR, DRUG_TRAFFICKING", "AFG, TERRORISM", "COL, CYBERCRIME", "FJI, FOREST_WILDLIFE_CRIME", "UKR, FIREARMS"})
  void theGeneratorsDecisionsGiveTheBandAndTheOfficeTheEngineGives(String state, String area) {
    ClockUtil.setCurrentTime(new Date(FILED_AT));
    Decisions decisions = new Decisions(facts);
    var requestFacts = decisions.factsOf(state, List.of(area), null, FILED_AT);
    ProcessInstance pi = submit(state, area);
    accept(pi);
    Assertions.assertThat(decisions.band(requestFacts, "NORMAL")).isEqualTo(runtimeService().getVariable(pi.getId(), PRIORITY_BAND));
    keepAssessedPriority(pi);
    for (Consultation consultation : CONSULTATIONS) {
      if (taskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(consultation.task().activity())
          .count() > 0) {
        complete(task(consultation.task().activity(), pi),
            inputs(pi, Paths.consulted(consultation, "SUPPORT", true, false), null));
      }
    }
    fund(pi);
    Assertions.assertThat(decisions.office(requestFacts)).isEqualTo(runtimeService().getVariable(pi.getId(), ASSIGNED_OFFICE));
  }

  // -------------------------------------------------------------------------------------------

  private void prove(Scenario scenario) {
    DeadlineClock clock = new DeadlineClock(deadlines);
    Course course = new Course.Builder(scenario.timing(), clock).build(scenario.choices(), FILED_AT, "MEDIUM");
    if (scenario.withdrawnWaitingAt() != null) {
      course = course.withdrawnAt(course.whileFirstWaitingAt(scenario.withdrawnWaitingAt()));
    }
    ProcessInstance pi = null;
    for (TimedStep step : course.steps()) {
      ClockUtil.setCurrentTime(new Date(step.at()));
      pi = drive(pi, step, scenario);
      Replay expected = Replay.of(course, step.at(), clock);
      Assertions.assertThat(openWaits(pi)).as("waits after %s at %s", describe(step.step()), Instant.ofEpochMilli(step.at()))
          .containsExactlyInAnyOrderElementsOf(expected.waits.stream()
              .map(w -> wait(w.state().activity(), w.state().task(), w.startedAt(), w.dueAt())).toList());
    }
    Replay ended = Replay.of(course, Long.MAX_VALUE, clock);
    Assertions.assertThat(ended.open()).isFalse();
    assertThat(pi).isEnded();

    Assertions.assertThat(jdbc.queryForList("SELECT FLOW_ID_ FROM UR_METRIC_FLOW WHERE PROC_INST_ID_ = ? ORDER BY ID_",
        String.class, pi.getId())).as("flows taken").containsExactlyElementsOf(
            course.steps().stream().flatMap(s -> s.step().flows().stream()).toList());
    Assertions.assertThat(jdbc.queryForList("SELECT MONTH_ FROM UR_METRIC_FLOW WHERE PROC_INST_ID_ = ? ORDER BY ID_",
        Integer.class, pi.getId())).as("months of the flows taken")
        .containsExactlyElementsOf(ended.flows.stream().map(Replay.Flow::month).toList());
    Assertions.assertThat(stagesReached(pi)).as("stages reached").containsExactlyElementsOf(templateStages(course));

    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM UR_METRIC_REQUEST WHERE PROC_INST_ID_ = ?", pi.getId());
    ended.columns().forEach((column, value) -> Assertions.assertThat(comparable(row.get(column))).as(column)
        .isEqualTo(comparable(value)));
    Map<String, Object> indexed = jdbc.queryForMap("SELECT * FROM UR_REQUEST WHERE PROC_INST_ID_ = ?", pi.getId());
    Assertions.assertThat(indexed.get("STAGE_")).isEqualTo(ended.stage.name());
    Assertions.assertThat(indexed.get("OUTCOME_")).isEqualTo(ended.outcome.name());
    Assertions.assertThat(comparable(indexed.get("CLOSED_AT_"))).isEqualTo(ended.closedAt);
    Assertions.assertThat(comparable(indexed.get("LAST_CHANGE_"))).isEqualTo(ended.lastChange);
  }

  private static Object comparable(Object value) {
    return value instanceof Timestamp t ? (Object) t.getTime() : value instanceof Number n ? (Object) n.longValue() : value;
  }

  private static String wait(String activity, boolean task, long started, Long due) {
    return activity + (task ? " task" : "") + " from " + Instant.ofEpochMilli(started)
        + (due == null ? "" : " due " + Instant.ofEpochMilli(due));
  }

  private List<String> openWaits(ProcessInstance pi) {
    return jdbc.query("SELECT * FROM UR_METRIC_WAIT WHERE PROC_INST_ID_ = ?", (row, n) -> wait(row.getString("ACT_ID_"),
        row.getBoolean("TASK_"), row.getTimestamp("STARTED_AT_").getTime(),
        row.getTimestamp("DUE_AT_") == null ? null : row.getTimestamp("DUE_AT_").getTime()), pi.getId());
  }

  /** The stage variable's values over time, as history recorded them, repeats folded. */
  private List<String> stagesReached(ProcessInstance pi) {
    List<String> stages = new ArrayList<>();
    for (HistoricDetail detail : historyService().createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates()
        .orderPartiallyByOccurrence().asc().list()) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      if (STAGE.equals(update.getVariableName()) && (stages.isEmpty()
          || !stages.get(stages.size() - 1).equals(update.getValue()))) {
        stages.add((String) update.getValue());
      }
    }
    return stages;
  }

  private static List<String> templateStages(Course course) {
    List<String> stages = new ArrayList<>(List.of(Stage.INTAKE.name()));
    course.steps().forEach(step -> step.step().stages().forEach(stage -> stages.add(stage.name())));
    return stages;
  }

  private static String describe(Step step) {
    return step.trigger() + (step.element() == null ? "" : " " + step.element())
        + (step.decision() == null ? "" : " " + step.decision());
  }

  // --- driving the engine as the people and states would --------------------------------------

  private ProcessInstance drive(ProcessInstance pi, TimedStep timed, Scenario scenario) {
    Step step = timed.step();
    switch (step.trigger()) {
      case FILED -> {
        VariableMap request = submission(scenario.lead(), scenario.areas().toArray(String[]::new));
        if (!scenario.coRequesting().isEmpty()) {
          request.putValueTyped(CO_REQUESTING_STATES, VariableValues.json(scenario.coRequesting()));
        }
        return submit(request);
      }
      case COMPLETED -> complete(task(step.element(), pi), inputs(pi, step, scenario));
      case TIMER -> execute(job(step.element(), pi));
      case PARTICIPATION_SETTLED -> {
        String state = scenario.coRequesting().get(timed.subject());
        Task confirmation = taskService().createTaskQuery().processDefinitionKey(PARTICIPATION_PROCESS_KEY)
            .processInstanceBusinessKey(pi.getBusinessKey()).tenantIdIn(state).singleResult();
        if ("NO_ANSWER".equals(step.decision())) {
          execute(managementService().createJobQuery().processInstanceId(confirmation.getProcessInstanceId()).timers()
              .singleResult());
        } else {
          complete(confirmation, withVariables(PARTICIPATION_DECISION, step.decision()));
        }
        // the continuation after each participation, which the job executor runs moments later
        for (Job job : managementService().createJobQuery().processInstanceId(pi.getId())
            .activityId("Activity_StatesConfirmParticipation").list()) {
          managementService().executeJob(job.getId());
        }
      }
      case WITHDRAWN -> runtimeService().createMessageCorrelation(WITHDRAWAL_MESSAGE)
          .processInstanceBusinessKey(pi.getBusinessKey())
          .setVariable(WITHDRAWAL_REASON, "The national programme now covers this need.").correlate();
    }
    return pi;
  }

  /** What the person enters in the task's form for the step's decision. */
  private Map<String, Object> inputs(ProcessInstance pi, Step step, Scenario scenario) {
    String decision = step.decision();
    return switch (step.element()) {
      case SCREEN_REQUEST -> switch (decision) {
        case "ACCEPT" -> withVariables(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY,
            runtimeService().getVariable(pi.getId(), URGENCY));
        case "CLARIFY" -> withVariables(SCREENING_OUTCOME, "CLARIFY",
            CLARIFICATION_QUESTION, "Which institutions would take part in the training?");
        default -> withVariables(SCREENING_OUTCOME, "DECLINE",
            DECLINE_REASON, "Electoral assistance is outside UNODC's mandate.");
      };
      case FOLLOW_UP_OVERDUE_SCREENING -> withVariables(ESCALATION_ACTION, "Asked the intake team lead to screen today.");
      case PROVIDE_CLARIFICATION -> withVariables(CLARIFICATION_ANSWER, "The Attorney General's office and the police.");
      case REVIEW_PRIORITY -> "OVERRIDE".equals(decision)
          ? withVariables(OVERRIDE_PRIORITY, true, OVERRIDDEN_PRIORITY_BAND,
              "HIGH".equals(runtimeService().getVariable(pi.getId(), PRIORITY_BAND)) ? "MEDIUM" : "HIGH",
              OVERRIDE_JUSTIFICATION, "Ministerial request following the regional conference.")
          : withVariables(OVERRIDE_PRIORITY, false);
      case CONSULT_TERRORISM_PREVENTION -> withVariables(TERRORISM_CONSULTATION, decision,
          TERRORISM_CONSULTATION_NOTES, "Reviewed with CTED against its latest assessment.", CTED_CONSULTED, true);
      case CONSULT_MONEY_LAUNDERING -> withVariables(MONEY_LAUNDERING_CONSULTATION, decision,
          MONEY_LAUNDERING_CONSULTATION_NOTES, "Reviewed against the programme's work plan.");
      case CONSULT_COUNTER_PIRACY -> withVariables(PIRACY_CONSULTATION, decision,
          PIRACY_CONSULTATION_NOTES, "Reviewed against the maritime crime programme.");
      case CONSULT_TRAFFICKING_SMUGGLING -> withVariables(TRAFFICKING_CONSULTATION, decision,
          TRAFFICKING_CONSULTATION_NOTES, "Reviewed against the section's work plan.");
      case CONSULT_FIREARMS -> withVariables(FIREARMS_CONSULTATION, decision,
          FIREARMS_CONSULTATION_NOTES, "Reviewed with the national firearms focal point.");
      case DECIDE_ON_NEGATIVE_ADVICE -> switch (decision) {
        case "PROCEED" -> withVariables(ADVICE_DECISION, "PROCEED",
            PROCEED_JUSTIFICATION, "The Executive Director committed to this assistance at the regional conference.");
        case "REVISE" -> withVariables(ADVICE_DECISION, "REVISE",
            REVISION_REQUEST, "Limit the request to the central authority until the new law is adopted.");
        default -> withVariables(ADVICE_DECISION, "DECLINE",
            DECLINE_REASON, "UNODC cannot train on a law that is being rewritten; please ask again once it is adopted.");
      };
      case REVISE_REQUEST -> withVariables(DESCRIPTION, "Training for the central authority on mutual legal assistance only.",
          REVISION_NOTES, "Prosecutors and judges removed until the law is adopted.");
      case CONFIRM_FUNDING -> switch (decision) {
        case "FUNDED" -> withVariables(FUNDING_DECISION, "FUNDED", FUNDING_SOURCE, "EARMARKED",
            DONOR, "Government of Norway", FUNDED_AMOUNT_USD, 180000);
        case "PIPELINE" -> withVariables(FUNDING_DECISION, "PIPELINE", FUNDING_NOTES, "Donor talks ongoing.");
        default -> withVariables(FUNDING_DECISION, "CLOSE_UNFUNDED", FUNDING_NOTES, "No donor found.");
      };
      case DECIDE_ON_ASSIGNMENT -> "DECLINE".equals(decision)
          ? withVariables(OFFICE_DECISION, "DECLINE", OFFICE_DECLINE_REASON, "No capacity until the next programming cycle.")
          : withVariables(OFFICE_DECISION, "ACCEPT");
      case PLAN_DELIVERY -> {
        List<Map<String, Object>> activities = new ArrayList<>();
        for (int i = 1; i <= scenario.choices().activities(); i++) {
          activities.add(activity("CAPACITY_BUILDING", "Workshop " + i + " for prosecutors", "2030-0" + i + "-10",
              "2030-0" + i + "-12", 25));
        }
        yield withVariables(DELIVERY_ACTIVITIES, VariableValues.json(activities));
      }
      case RECORD_ACTIVITY -> withVariables(ACTUAL_PARTICIPANTS, 27,
          ACTIVITY_OUTCOME, "Workshop held; pre/post tests show improved knowledge.");
      case REPORT_PROGRESS -> withVariables(PROGRESS_SUMMARY, "Activities on schedule this quarter.",
          PROGRESS_ISSUES, "None to report this quarter.");
      case WRITE_FINAL_REPORT -> withVariables(RESULTS_ACHIEVED, "Draft law submitted to parliament; 40 officials trained.",
          OBSTACLES_ENCOUNTERED, "Turnover of trained staff.", LESSONS_LEARNED, "Train the trainers.");
      case GIVE_FEEDBACK -> withVariables(SATISFACTION_RATING, 5, FEEDBACK_COMMENTS, "Timely and useful.");
      case CLOSE_REQUEST -> withVariables(CLOSURE_NOTES, "All results delivered.");
      default -> throw new IllegalStateException("No inputs for " + step.element() + " " + Objects.toString(decision));
    };
  }
}
