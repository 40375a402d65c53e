package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;
import org.unodc.uponrequest.portal.Participations.Participation;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.process.ProcessVariables;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.MemberState;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * The requests a member state sees: those it filed and the regional requests it is asked to, or
 * does, take part in (GA 64/179 paras 5, 9, 12). Camunda's tenants give a request to its lead
 * state only, so this reads the engine as the product (no engine user) and decides here, per
 * request, who is asking and what of the request that state sees.
 */
@Service
class StateRequests {

  /** The fields of a request in a list of requests; all of them shared with participants. */
  static final List<String> SUMMARY = List.of(REFERENCE_NUMBER, TITLE, MEMBER_STATE, MEMBER_STATE_NAME, STAGE,
      OUTCOME, PRIORITY_BAND, ASSIGNED_OFFICE_NAME);

  private final HistoryService historyService;
  private final TaskService taskService;
  private final Participations participations;
  private final ReferenceData referenceData;

  StateRequests(HistoryService historyService, TaskService taskService, Participations participations,
      ReferenceData referenceData) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.participations = participations;
    this.referenceData = referenceData;
  }

  /** One page of the states' requests, most recently filed first. */
  RequestPage page(Set<String> states, int page, int size) {
    Map<String, StateRole> asked = participations.rolesOf(states);
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY);
    if (asked.isEmpty()) {
      query.tenantIdIn(states.toArray(String[]::new));
    } else {
      query.or().tenantIdIn(states.toArray(String[]::new)).processInstanceIds(asked.keySet()).endOr();
    }
    long total = query.count();
    List<HistoricProcessInstance> requests = query.orderByProcessInstanceStartTime().desc()
        .orderByProcessInstanceId().asc().listPage(page * size, size);
    Map<String, Map<String, Object>> values = variablesOf(requests.stream().map(HistoricProcessInstance::getId).toList(), SUMMARY);
    List<RequestSummary> items = requests.stream().map(request -> {
      Map<String, Object> fields = values.getOrDefault(request.getId(), Map.of());
      StateRole role = states.contains(request.getTenantId()) ? StateRole.LEAD : asked.get(request.getId());
      return new RequestSummary(request.getBusinessKey(), role, text(fields.get(TITLE)), request.getTenantId(),
          text(fields.get(MEMBER_STATE_NAME)), text(fields.get(STAGE)),
          RequestStatus.of(request.getEndTime() == null, fields.get(OUTCOME)), text(fields.get(OUTCOME)),
          text(fields.get(PRIORITY_BAND)), text(fields.get(ASSIGNED_OFFICE_NAME)), request.getStartTime(),
          request.getEndTime());
    }).toList();
    return new RequestPage(items, page, size, total);
  }

  /** The request with this reference as the states see it; empty when it does not exist or is none of theirs. */
  Optional<RequestForState> find(Set<String> states, String reference) {
    HistoricProcessInstance request = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(reference).singleResult();
    if (request == null) {
      return Optional.empty();
    }
    Map<String, Participation> answers = participations.of(request.getId());
    String lead = request.getTenantId();
    String asking;
    StateRole role;
    if (states.contains(lead)) {
      asking = lead;
      role = StateRole.LEAD;
    } else {
      Optional<Participation> own = states.stream().map(answers::get).filter(p -> p != null && p.role().isPresent())
          .min(Comparator.comparing(p -> p.role().get()));
      if (own.isEmpty()) {
        return Optional.empty();
      }
      asking = own.get().state();
      role = own.get().role().get();
    }
    Set<String> visible = role == StateRole.LEAD ? STATE_VISIBLE : SHARED_WITH_PARTICIPANTS;
    Map<String, Object> fields = new TreeMap<>(variablesOf(List.of(request.getId()), List.copyOf(visible))
        .getOrDefault(request.getId(), Map.of()));
    Map<String, Object> recorded = variablesOf(List.of(request.getId()), participationNames(fields))
        .getOrDefault(request.getId(), Map.of());
    return Optional.of(new RequestForState(reference, asking, role,
        RequestStatus.of(request.getEndTime() == null, fields.get(OUTCOME)),
        request.getStartTime(), request.getEndTime(), fields,
        participants(fields, answers, recorded, role, asking), waitingOn(asking, reference)));
  }

  private List<RequestForState.Participant> participants(Map<String, Object> fields, Map<String, Participation> answers,
      Map<String, Object> recorded, StateRole role, String asking) {
    List<RequestForState.Participant> participants = new ArrayList<>();
    for (String state : coRequesting(fields)) {
      Participation answer = answers.get(state);
      String status = status(recorded.get(participationOf(state)), answer);
      boolean own = state.equals(asking);
      if (role == StateRole.LEAD || own || "YES".equals(status)) {
        participants.add(new RequestForState.Participant(state, nameOf(state), status,
            (role == StateRole.LEAD || own) && answer != null ? answer.remarks() : null));
      }
    }
    return participants;
  }

  /** YES, NO or NO_ANSWER once recorded on the request; before that, what the participation says. */
  private static String status(Object recorded, Participation answer) {
    if (recorded != null) {
      return recorded.toString();
    }
    if (answer == null) {
      return "NOT_YET_ASKED";
    }
    if (answer.open()) {
      return "AWAITING_ANSWER";
    }
    return answer.decision() == null ? "NO_ANSWER" : answer.decision();
  }

  private List<RequestForState.Task> waitingOn(String state, String reference) {
    return taskService.createTaskQuery().processInstanceBusinessKey(reference)
        .taskCandidateGroup(Groups.focalPoints(state)).includeAssignedTasks().orderByTaskCreateTime().asc().list()
        .stream().map(task -> new RequestForState.Task(task.getId(), task.getName(), task.getCreateTime(), task.getDueDate()))
        .toList();
  }

  private static List<String> participationNames(Map<String, Object> fields) {
    return coRequesting(fields).stream().map(ProcessVariables::participationOf).toList();
  }

  private static List<String> coRequesting(Map<String, Object> fields) {
    Object states = fields.get(CO_REQUESTING_STATES);
    return VariableValues.strings(states instanceof JsonNode json ? json.toString() : states);
  }

  private String nameOf(String state) {
    return referenceData.memberState(state).map(MemberState::name).orElse(state);
  }

  private Map<String, Map<String, Object>> variablesOf(List<String> requests, List<String> names) {
    Map<String, Map<String, Object>> byRequest = new HashMap<>();
    if (requests.isEmpty() || names.isEmpty()) {
      return byRequest;
    }
    List<HistoricVariableInstance> found = historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(requests.toArray(String[]::new)).variableNameIn(names.toArray(String[]::new))
        .disableCustomObjectDeserialization().list();
    for (HistoricVariableInstance variable : found) {
      // the request's own fields only, not a step's local copies of the same names
      if (variable.getProcessInstanceId().equals(variable.getExecutionId())) {
        byRequest.computeIfAbsent(variable.getProcessInstanceId(), id -> new LinkedHashMap<>())
            .put(variable.getName(), JsonValues.plain(variable.getTypedValue()));
      }
    }
    return byRequest;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
