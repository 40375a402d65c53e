package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PARTICIPATION_PROCESS_KEY;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * The co-requesting states' confirmations of regional requests, read from the participations the
 * request called ({@code regional-participation}, one per state). A participation carries the
 * state in {@code memberState} and its answer in {@code participationDecision}; reading the answer
 * there, not only the copy the request records when the participation ends, lets a state see the
 * request the moment it confirms.
 */
@Component
class Participations {

  /** One state's latest participation in one request. */
  record Participation(String state, String request, boolean open, String decision, String remarks) {

    /** What the state may do with the request, if anything. */
    Optional<StateRole> role() {
      if (open) {
        return Optional.of(StateRole.INVITED);
      }
      return "YES".equals(decision) ? Optional.of(StateRole.PARTICIPANT) : Optional.empty();
    }
  }

  private final HistoryService historyService;

  Participations(HistoryService historyService) {
    this.historyService = historyService;
  }

  /** The requests the states are asked to, or do, take part in, by lead request id. */
  Map<String, StateRole> rolesOf(Collection<String> states) {
    Map<String, StateRole> roles = new HashMap<>();
    for (String state : states) {
      List<HistoricProcessInstance> asked = historyService.createHistoricProcessInstanceQuery()
          .processDefinitionKey(PARTICIPATION_PROCESS_KEY).variableValueEquals(MEMBER_STATE, state).list();
      for (Participation participation : latest(asked, state)) {
        participation.role().ifPresent(role -> roles.merge(participation.request(), role,
            (one, other) -> one.compareTo(other) <= 0 ? one : other));
      }
    }
    return roles;
  }

  /** Every co-requesting state's latest participation in one request, by state. */
  Map<String, Participation> of(String request) {
    List<HistoricProcessInstance> called = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PARTICIPATION_PROCESS_KEY).superProcessInstanceId(request).list();
    Map<String, Participation> byState = new HashMap<>();
    if (called.isEmpty()) {
      return byState;
    }
    Map<String, Map<String, Object>> variables = variablesOf(called);
    called.stream().sorted(Comparator.comparing(HistoricProcessInstance::getStartTime)).forEach(instance -> {
      Map<String, Object> values = variables.getOrDefault(instance.getId(), Map.of());
      Object state = values.get(MEMBER_STATE);
      if (state != null) {
        byState.put(state.toString(), participation(instance, state.toString(), values));
      }
    });
    return byState;
  }

  private List<Participation> latest(List<HistoricProcessInstance> asked, String state) {
    if (asked.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Object>> variables = variablesOf(asked);
    Map<String, Participation> byRequest = new HashMap<>();
    asked.stream().filter(instance -> instance.getSuperProcessInstanceId() != null)
        .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime))
        .forEach(instance -> byRequest.put(instance.getSuperProcessInstanceId(),
            participation(instance, state, variables.getOrDefault(instance.getId(), Map.of()))));
    return List.copyOf(byRequest.values());
  }

  private static Participation participation(HistoricProcessInstance instance, String state, Map<String, Object> values) {
    Object decision = values.get(PARTICIPATION_DECISION);
    Object remarks = values.get(PARTICIPATION_NOTES);
    return new Participation(state, instance.getSuperProcessInstanceId(), instance.getEndTime() == null,
        decision == null ? null : decision.toString(), remarks == null ? null : remarks.toString());
  }

  private Map<String, Map<String, Object>> variablesOf(List<HistoricProcessInstance> instances) {
    Map<String, Map<String, Object>> byInstance = new HashMap<>();
    List<HistoricVariableInstance> found = historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(MEMBER_STATE, PARTICIPATION_DECISION, PARTICIPATION_NOTES).list();
    for (HistoricVariableInstance variable : found) {
      if (variable.getProcessInstanceId().equals(variable.getExecutionId())) {
        byInstance.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), variable.getValue());
      }
    }
    return byInstance;
  }
}
