package org.unodc.uponrequest.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Engine-level process tests: the real Spring beans, seeds and DMN, an in-memory database, and
 * timers fired by the test. Helpers move a request to the start of a stage along the happy path.
 */
@SpringBootTest
@ActiveProfiles("test")
public abstract class ProcessTestSupport {

  @Autowired
  protected ProcessEngine processEngine;

  @BeforeEach
  void initAssertions() {
    init(processEngine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** The groups of the demo accounts (seeds/demo-users.csv), which the test profile does not create. */
  /**
   * A grant of READ on one task to every user ({@code '*'} as the user of a grant, not a global
   * authorization), as an administrator can make in Admin. Delete it after the test: the engine's
   * database outlives it.
   */
  protected Authorization grantReadToEveryUser(String taskId) {
    AuthorizationService authorizations = processEngine.getAuthorizationService();
    Authorization everyone = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    everyone.setResource(Resources.TASK);
    everyone.setResourceId(taskId);
    everyone.setUserId(Authorization.ANY);
    everyone.addPermission(Permissions.READ);
    return authorizations.saveAuthorization(everyone);
  }

  protected static final Map<String, List<String>> DEMO_ACCOUNT_GROUPS = demoAccountGroups();

  private static Map<String, List<String>> demoAccountGroups() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    groups.put("intake", List.of("hq-intake"));
    groups.put("office.nairobi", List.of("office-ROEA", "office-CPP"));
    groups.put("office.bogota", List.of("office-COCOL"));
    groups.put("office.vienna", List.of("office-HQVIE"));
    groups.put("manager", List.of("managers"));
    groups.put("planner", List.of("strategic-planning"));
    groups.put("ken.focal", List.of("focal-KEN"));
    groups.put("specialist.terrorism", List.of("specialist-tpb"));
    groups.put("admin", List.of("camunda-admin", "managers"));
    return groups;
  }

  /**
   * Signs the user in on this thread with these groups and the member states (tenants) of them, as
   * the product's sign-in does. The tenants are read as nobody in particular, not as whoever was signed in.
   */
  protected void signInAs(String user, List<String> groups) {
    IdentityService identity = processEngine.getIdentityService();
    identity.clearAuthentication();
    List<String> tenants = groups.stream().flatMap(group -> identity.createTenantQuery().groupMember(group).list().stream())
        .map(Tenant::getId).distinct().toList();
    identity.setAuthentication(user, groups, tenants);
  }

  /** A request as a focal point of Kenya would submit it through the start form. */
  protected static VariableMap submission(String memberState, String... thematicAreas) {
    return Variables.createVariables()
        .putValue(MEMBER_STATE, memberState)
        .putValue(TITLE, "Strengthening the criminal justice response")
        .putValue(DESCRIPTION, "Legislative drafting support and training for prosecutors and judges.")
        .putValueTyped(THEMATIC_AREAS, VariableValues.json(List.of(thematicAreas)))
        .putValueTyped(ASSISTANCE_TYPES, VariableValues.json(List.of("LEGISLATIVE_ASSISTANCE")))
        .putValue(ESTIMATED_BUDGET_USD, 250000)
        .putValue(URGENCY, "NORMAL")
        .putValue(REQUESTER_NAME, "Wanjiru Kamau")
        .putValue(REQUESTER_EMAIL, "wanjiru.kamau@example.org");
  }

  protected ProcessInstance submit(VariableMap variables) {
    return processEngine.getFormService().submitStartForm(
        processEngine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey(PROCESS_KEY).latestVersion().singleResult().getId(),
        variables);
  }

  protected ProcessInstance submit(String memberState, String... thematicAreas) {
    return submit(submission(memberState, thematicAreas));
  }

  protected void accept(ProcessInstance pi) {
    assertThat(pi).isWaitingAt(SCREEN_REQUEST);
    // HQ intake confirms the urgency the member state stated
    complete(task(SCREEN_REQUEST, pi), withVariables(SCREENING_OUTCOME, "ACCEPT",
        CONFIRMED_URGENCY, runtimeService().getVariable(pi.getId(), URGENCY)));
  }

  protected void keepAssessedPriority(ProcessInstance pi) {
    assertThat(pi).isWaitingAt(REVIEW_PRIORITY);
    complete(task(REVIEW_PRIORITY, pi), withVariables(OVERRIDE_PRIORITY, false));
  }

  protected void fund(ProcessInstance pi) {
    assertThat(pi).isWaitingAt(CONFIRM_FUNDING);
    complete(task(CONFIRM_FUNDING, pi), withVariables(
        FUNDING_DECISION, "FUNDED", FUNDING_SOURCE, "REGULAR_BUDGET", FUNDED_AMOUNT_USD, 200000));
  }

  protected void officeAccepts(ProcessInstance pi) {
    assertThat(pi).isWaitingAt(DECIDE_ON_ASSIGNMENT);
    complete(task(DECIDE_ON_ASSIGNMENT, pi), withVariables(OFFICE_DECISION, "ACCEPT"));
  }

  /** Accepted, assessed and funded request with no consultation, now waiting for its office. */
  protected ProcessInstance requestAssignedToOffice(String memberState) {
    ProcessInstance pi = submit(memberState, "CORRUPTION");
    accept(pi);
    keepAssessedPriority(pi);
    fund(pi);
    return pi;
  }

  /** The call is refused with an {@link InvalidInputException} (possibly wrapped by the engine) naming the field. */
  protected static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    org.assertj.core.api.Assertions.assertThatThrownBy(call)
        .satisfies(e -> {
          Throwable cause = e;
          while (cause != null && !(cause instanceof InvalidInputException)) {
            cause = cause.getCause();
          }
          org.assertj.core.api.Assertions.assertThat(cause).as("InvalidInputException in the cause chain of " + e)
              .isNotNull();
          org.assertj.core.api.Assertions.assertThat(cause.getMessage()).contains(field);
        });
  }

  protected static Map<String, Object> activity(String type, String title, String start, String end, int participants) {
    return Map.of(ACTIVITY_TYPE, type, ACTIVITY_TITLE, title, ACTIVITY_START_DATE, start,
        ACTIVITY_END_DATE, end, PLANNED_PARTICIPANTS, participants);
  }

  protected void planDelivery(ProcessInstance pi, List<Map<String, Object>> activities) {
    assertThat(pi).isWaitingAt(PLAN_DELIVERY);
    complete(task(PLAN_DELIVERY, pi), withVariables(DELIVERY_ACTIVITIES, VariableValues.json(activities)));
  }

  protected void recordActivity(ProcessInstance pi, int participants, String outcome) {
    assertThat(pi).isWaitingAt(RECORD_ACTIVITY);
    complete(task(RECORD_ACTIVITY, pi), withVariables(ACTUAL_PARTICIPANTS, participants, ACTIVITY_OUTCOME, outcome));
  }

  protected void writeFinalReport(ProcessInstance pi) {
    assertThat(pi).isWaitingAt(WRITE_FINAL_REPORT);
    complete(task(WRITE_FINAL_REPORT, pi), withVariables(
        RESULTS_ACHIEVED, "Draft law on corruption prevention submitted to parliament; 40 officials trained.",
        OBSTACLES_ENCOUNTERED, "Turnover of trained staff; delays in the legislative calendar.",
        LESSONS_LEARNED, "Train-the-trainer sessions keep the knowledge in the institution."));
  }

  /** A request for terrorism prevention that the Terrorism Prevention Branch advised against: strategic planning decides. */
  protected ProcessInstance requestAdvisedAgainst() {
    ProcessInstance pi = submit("KEN", "TERRORISM");
    accept(pi);
    keepAssessedPriority(pi);
    complete(task(CONSULT_TERRORISM_PREVENTION, pi), withVariables(TERRORISM_CONSULTATION, "NOT_SUPPORTED",
        TERRORISM_CONSULTATION_NOTES, "The national framework is being rewritten; training now would be premature.",
        CTED_CONSULTED, true));
    return pi;
  }

  /** Planning keeps the request in the funding pipeline: it waits for its next re-check. */
  protected void keepInThePipeline(ProcessInstance pi) {
    assertThat(pi).isWaitingAt(CONFIRM_FUNDING);
    complete(task(CONFIRM_FUNDING, pi), withVariables(FUNDING_DECISION, "PIPELINE", FUNDING_NOTES, "Donor talks ongoing."));
  }

  /** The final report, the state's feedback and a manager's closure: the request ends as completed. */
  protected void reportAndClose(ProcessInstance pi) {
    writeFinalReport(pi);
    complete(task(GIVE_FEEDBACK, pi), withVariables(SATISFACTION_RATING, 4, FEEDBACK_COMMENTS, "Useful."));
    complete(task(CLOSE_REQUEST, pi), withVariables(CLOSURE_NOTES, "All results delivered."));
  }

  /**
   * The request has ended and the engine keeps nothing of it that could still act: no task, no timer
   * or other job, no execution, no event subscription, and no process it called still running (a
   * co-requesting state's participation carries the request's reference as business key).
   */
  protected void assertNothingLeftOf(ProcessInstance pi) {
    String id = pi.getId();
    assertThat(pi).isEnded();
    org.assertj.core.api.Assertions.assertThat(taskService().createTaskQuery().processInstanceId(id).list())
        .as("open tasks of the ended request").isEmpty();
    org.assertj.core.api.Assertions.assertThat(managementService().createJobQuery().processInstanceId(id).count())
        .as("timers and other jobs of the ended request").isZero();
    org.assertj.core.api.Assertions.assertThat(runtimeService().createExecutionQuery().processInstanceId(id).count())
        .as("executions of the ended request").isZero();
    org.assertj.core.api.Assertions.assertThat(runtimeService().createEventSubscriptionQuery().processInstanceId(id).count())
        .as("event subscriptions of the ended request").isZero();
    org.assertj.core.api.Assertions.assertThat(runtimeService().createProcessInstanceQuery()
            .processInstanceBusinessKey(pi.getBusinessKey()).count())
        .as("processes still running for the ended request %s", pi.getBusinessKey()).isZero();
    org.assertj.core.api.Assertions.assertThat(taskService().createTaskQuery()
            .processInstanceBusinessKey(pi.getBusinessKey()).count())
        .as("tasks of processes called by the ended request").isZero();
  }

  /** Through delivery of one activity, now waiting for the office's final report. */
  protected ProcessInstance requestInReporting(String memberState) {
    ProcessInstance pi = requestAssignedToOffice(memberState);
    officeAccepts(pi);
    planDelivery(pi, List.of(activity("CAPACITY_BUILDING", "Workshop for prosecutors", "2027-03-01", "2027-03-03", 25)));
    recordActivity(pi, 27, "Workshop held; pre/post tests show improved knowledge.");
    return pi;
  }
}
