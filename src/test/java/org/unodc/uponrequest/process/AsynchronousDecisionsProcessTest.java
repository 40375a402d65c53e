package org.unodc.uponrequest.process;


import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The decisions are asynchronous continuations with three attempts five minutes apart: the
 * officer's step commits whatever the decision does, and a decision that keeps failing is an
 * incident on the request in Cockpit, which an administrator retries there once the cause is fixed.
 */
@TestPropertySource(properties = "uponrequest.test.decisions-inline=false")
class AsynchronousDecisionsProcessTest extends ProcessTestSupport {

  @Test
  void acceptingTheRequestCommitsAndAJobAssessesItsPriority() {
    ProcessInstance pi = submit("KEN", "TERRORISM");
    screenAndAccept(pi);

    assertThat(pi).isWaitingAt(ASSESS_PRIORITY).hasNotPassed(ASSESS_PRIORITY);
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(pi.getId()).count())
        .as("the screening is done; the planner's review waits for the decision").isZero();
    execute(job(ASSESS_PRIORITY, pi));
    assertThat(pi).hasPassed(ASSESS_PRIORITY).isWaitingAt(REVIEW_PRIORITY);
    assertThat(pi).variables().containsKeys(PRIORITY_SCORE, PRIORITY_BAND, PRIORITY_RATIONALE);
  }

  @Test
  void confirmingTheFundingCommitsAndAJobAssignsTheOffice() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    screenAndAccept(pi);
    execute(job(ASSESS_PRIORITY, pi));
    keepAssessedPriority(pi);
    fund(pi);

    assertThat(pi).isWaitingAt(ASSIGN_OFFICE);
    execute(job(ASSIGN_OFFICE, pi));
    assertThat(pi).hasPassed(ASSIGN_OFFICE).isWaitingAt(DECIDE_ON_ASSIGNMENT);
    assertThat(pi).variables().containsEntry(ASSIGNED_OFFICE, "ROEA");
  }

  @Test
  void theDecisionsInputsAreKeptInTheDecisionsHistoryNotStoredAsVariables() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    screenAndAccept(pi);
    execute(job(ASSESS_PRIORITY, pi));
    keepAssessedPriority(pi);
    fund(pi);
    execute(job(ASSIGN_OFFICE, pi));
    assertThat(pi).isWaitingAt(DECIDE_ON_ASSIGNMENT).variables().containsEntry(ASSIGNED_OFFICE, "ROEA");

    List<String> decisionSteps = historyService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .list().stream().filter(step -> List.of(ASSESS_PRIORITY, ASSIGN_OFFICE).contains(step.getActivityId()))
        .map(HistoricActivityInstance::getId).toList();
    Assertions.assertThat(decisionSteps).hasSize(2);
    List<String> storedOnTheSteps = historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .list().stream().filter(variable -> decisionSteps.contains(variable.getActivityInstanceId()))
        .map(HistoricVariableInstance::getName).toList();
    Assertions.assertThat(storedOnTheSteps).as("variables ever stored on the decisions' steps").isEmpty();
    Map<String, Object> read = new HashMap<>();
    historyService().createHistoricDecisionInstanceQuery().processInstanceId(pi.getId()).includeInputs().list()
        .forEach(decision -> decision.getInputs().forEach(input -> read.put(
            decision.getDecisionDefinitionKey() + "." + input.getClauseName(), input.getValue())));
    Assertions.assertThat(read).as("what the decisions read, in their own history")
        .containsEntry("priorityFactors.Urgency confirmed at screening", "NORMAL")
        .containsEntry("regional-office-assignment.Member state (ISO 3166-1 alpha-3)", "KEN")
        .containsEntry("regional-office-assignment.Piracy request", false)
        .containsKey("priorityFactors.Strategy weight of the counted area (1..5)");
  }

  @Test
  void aDecisionThatKeepsFailingIsAnIncidentAndRetryingItOnceFixedFinishesTheRequest() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    screenAndAccept(pi);
    // what the decision needs went missing (a bad migration, a hand edit): it cannot be evaluated
    runtimeService().removeVariable(pi.getId(), CONFIRMED_URGENCY);

    Job decision = job(ASSESS_PRIORITY, pi);
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(() -> managementService().executeJob(decision.getId())).as("attempt %d", attempt)
          .hasMessageContaining(CONFIRMED_URGENCY);
      Job failed = managementService().createJobQuery().jobId(decision.getId()).singleResult();
      Assertions.assertThat(failed.getRetries()).as("retries left after attempt %d", attempt).isEqualTo(3 - attempt);
      if (attempt < 3) {
        Assertions.assertThat(failed.getDuedate()).as("the next attempt five minutes later")
            .isCloseTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(5))), 2_000);
        Assertions.assertThat(runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        ClockUtil.setCurrentTime(failed.getDuedate());
      }
    }
    Incident incident = runtimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
    Assertions.assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    Assertions.assertThat(incident.getActivityId()).isEqualTo(ASSESS_PRIORITY);
    Assertions.assertThat(incident.getIncidentMessage()).contains(CONFIRMED_URGENCY);
    assertThat(pi).isWaitingAt(ASSESS_PRIORITY);

    // the administrator puts the value back and retries in Cockpit (which gives the job one retry)
    runtimeService().setVariable(pi.getId(), CONFIRMED_URGENCY, "NORMAL");
    managementService().setJobRetries(decision.getId(), 1);
    Assertions.assertThat(runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    execute(job(ASSESS_PRIORITY, pi));
    assertThat(pi).isWaitingAt(REVIEW_PRIORITY);

    keepAssessedPriority(pi);
    fund(pi);
    execute(job(ASSIGN_OFFICE, pi));
    officeAccepts(pi);
    planDelivery(pi, List.of(activity("CAPACITY_BUILDING", "Workshop for prosecutors", "2027-03-01", "2027-03-03", 25)));
    recordActivity(pi, 27, "Workshop held; pre/post tests show improved knowledge.");
    reportAndClose(pi);
    assertThat(pi).hasPassed(END_CLOSED);
    assertNothingLeftOf(pi);
  }

  private static void screenAndAccept(ProcessInstance pi) {
    complete(task(SCREEN_REQUEST, pi), withVariables(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY, "NORMAL"));
  }
}
