package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.process.ProcessVariables;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.ReferenceData;

/** Officers read the requests their group has had a task on, and no others. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class RequestsTheyTouchTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired ReferenceData referenceData;

  @AfterEach
  void signOut() {
    identityService.clearAuthentication();
  }

  @Test
  void planningSeesARequestOnlyOnceItHasAPlanningTask() {
    String request = runtimeService.startProcessInstanceByKey(TechnicalAssistanceProcess.PROCESS_KEY, Variables.createVariables()
        .putValue(ProcessVariables.MEMBER_STATE, "KEN")
        .putValue(ProcessVariables.TITLE, "Prosecutors' training on corruption cases")
        .putValue(ProcessVariables.DESCRIPTION, "Training for 30 prosecutors on corruption cases.")
        .putValue(ProcessVariables.REQUESTER_NAME, "Wanjiru Kamau")
        .putValue(ProcessVariables.REQUESTER_EMAIL, "wanjiru.kamau@example.org")
        .putValueTyped(ProcessVariables.THEMATIC_AREAS, VariableValues.json(List.of("CORRUPTION")))
        .putValueTyped(ProcessVariables.ASSISTANCE_TYPES, VariableValues.json(List.of("CAPACITY_BUILDING")))
        .putValue(ProcessVariables.URGENCY, "NORMAL")).getId();

    assertThat(visibleTo("planner", "strategic-planning", request)).as("before any planning task").isFalse();
    assertThat(visibleTo("intake", "hq-intake", request)).as("intake screens it").isTrue();

    String screening = taskService.createTaskQuery().processInstanceId(request).singleResult().getId();
    taskService.complete(screening, Variables.createVariables().putValue(ProcessVariables.SCREENING_OUTCOME, "ACCEPT")
        .putValue(ProcessVariables.CONFIRMED_URGENCY, "NORMAL"));

    assertThat(visibleTo("planner", "strategic-planning", request)).as("once it has a planning task").isTrue();
    assertThat(visibleTo("specialist.terrorism", "specialist-tpb", request)).as("never consulted").isFalse();
  }

  private boolean visibleTo(String user, String group, String request) {
    List<String> allStates = referenceData.memberStates().stream().map(s -> s.iso3()).toList();
    identityService.setAuthentication(user, List.of(group), allStates);
    try {
      boolean runtime = runtimeService.createProcessInstanceQuery().processInstanceId(request).count() == 1;
      boolean history = historyService.createHistoricProcessInstanceQuery().processInstanceId(request).count() == 1;
      assertThat(history).as("history agrees with runtime for " + user).isEqualTo(runtime);
      return runtime;
    } finally {
      identityService.clearAuthentication();
    }
  }
}
