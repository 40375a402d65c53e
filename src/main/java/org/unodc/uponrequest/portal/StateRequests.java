package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.ProcessVariables.*;

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
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.unodc.uponrequest.intake.Registrar;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.MemberState;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.tracking.RequestIndex;
import org.unodc.uponrequest.tracking.RequestIndex.Answer;
import org.unodc.uponrequest.tracking.RequestIndex.Entry;

/**
 * The requests a member state sees: those it filed and the regional requests it is asked to, or
 * does, take part in (GA 64/179 paras 5, 9, 12). Camunda's tenants give a request to its lead
 * state only, so this decides per request who is asking and what of it that state sees, from the
 * product's request index (who takes part) and the engine's history (the fields), read as the
 * product itself.
 */
@Service
public class StateRequests {

  private final RequestIndex index;
  private final HistoryService historyService;
  private final TaskService taskService;
  private final ReferenceData referenceData;
  private final RequestHistory history;
  private final Registrar registrar;

  StateRequests(RequestIndex index, HistoryService historyService, TaskService taskService, ReferenceData referenceData,
      RequestHistory history, Registrar registrar) {
    this.registrar = registrar;
    this.history = history;
    this.index = index;
    this.historyService = historyService;
    this.taskService = taskService;
    this.referenceData = referenceData;
  }

  /** One page of the states' requests, with what waits on them. */
  RequestList page(Set<String> states, String text, RequestIndex.Order order, boolean descending, int page, int size) {
    RequestIndex.Page found = index.visibleTo(states, text, order, descending, page * size, size);
    List<String> ids = found.entries().stream().map(Entry::processInstanceId).toList();
    Map<String, List<Answer>> answers = index.answers(ids);
    Map<String, Integer> waiting = waitingCounts(states, found.entries(), answers);
    List<RequestSummary> items = found.entries().stream().map(entry -> new RequestSummary(entry.reference(),
        roleOf(states, entry, answers.getOrDefault(entry.processInstanceId(), List.of())).map(Role::role).orElse(null),
        entry.title(), entry.leadState(), nameOf(entry.leadState()), entry.stage(),
        RequestStatus.of(entry.closedAt() == null, entry.outcome()), entry.outcome(), entry.priorityBand(),
        entry.assignedOffice(), entry.filedAt(), entry.closedAt(), entry.lastChange(),
        waiting.getOrDefault(entry.processInstanceId(), 0))).toList();
    return new RequestList(items, page, size, found.total());
  }

  /**
   * How the states stand to the request with this reference: the state among them that sees it and
   * its role, the decision {@link #find} makes (documents use it). Empty when the request does not
   * exist or none of the states sees it.
   */
  public Optional<Standing> standing(Set<String> states, String reference) {
    return index.byReference(reference).flatMap(request -> roleOf(states, request, answersOf(request))
        .map(role -> new Standing(request.processInstanceId(), request.leadState(), role.state(), role.role(),
            request.closedAt() == null)));
  }

  /** A state's standing to a request: {@code state} is the asking state that sees it, in {@code role}. */
  public record Standing(String processInstanceId, String leadState, String state, StateRole role, boolean open) {}

  private List<Answer> answersOf(Entry request) {
    return index.answers(List.of(request.processInstanceId())).getOrDefault(request.processInstanceId(), List.of());
  }

  /**
   * Where a request that one of the states leads stands, from the index alone: what a filing
   * answers with, without reading its fields, history and tasks back.
   */
  Optional<Entry> ledBy(Set<String> states, String reference) {
    return index.byReference(reference).filter(request -> states.contains(request.leadState()));
  }

  /** The request with this reference as the states see it; empty when it does not exist or is none of theirs. */
  Optional<RequestForState> find(Set<String> states, String reference) {
    Optional<Entry> indexed = index.byReference(reference);
    if (indexed.isPresent() && !indexed.get().registered()) {
      // filed moments ago and still in the intake inbox: only its lead state knows of it, and the
      // page and its actions need the process
      if (!states.contains(indexed.get().leadState())) {
        return Optional.empty();
      }
      if (!registrar.registered(reference)) {
        throw PortalProblem.stillBeingRegistered(reference);
      }
      indexed = index.byReference(reference);
    }
    if (indexed.isEmpty()) {
      return Optional.empty();
    }
    Entry request = indexed.get();
    List<Answer> answers = answersOf(request);
    Optional<Role> role = roleOf(states, request, answers);
    if (role.isEmpty()) {
      return Optional.empty();
    }
    boolean lead = role.get().role() == StateRole.LEAD;
    String asking = role.get().state();
    Map<String, Object> fields = new TreeMap<>(variablesOf(request.processInstanceId(),
        List.copyOf(lead ? STATE_VISIBLE : SHARED_WITH_PARTICIPANTS)));
    Map<String, String> remarks = remarksOf(answers);
    List<RequestForState.Participant> participants = new ArrayList<>();
    for (String state : coRequesting(fields)) {
      Optional<Answer> answer = answers.stream().filter(a -> a.state().equals(state)).findFirst();
      String status = answer.map(Answer::answer).orElse("NOT_YET_ASKED");
      boolean own = state.equals(asking);
      if (lead || own || "YES".equals(status)) {
        participants.add(new RequestForState.Participant(state, nameOf(state), status,
            lead || own ? answer.map(a -> remarks.get(a.participationId())).orElse(null) : null));
      }
    }
    List<RequestForState.Task> waiting = waitingOn(asking, request, answers);
    RequestForState found = new RequestForState(reference, asking, role.get().role(),
        RequestStatus.of(request.closedAt() == null, request.outcome()), request.filedAt(), request.closedAt(),
        request.lastChange(), fields, participants, waiting, history.timeline(reference), List.of());
    return Optional.of(withActions(found));
  }

  /**
   * A step of the asking state on the request that no longer waits on it: the task with this id,
   * or with none, the last of these steps to close. Lets a state that answers what no longer waits
   * be told why (answered already, or closed). Empty when the request had no such step of the state's.
   */
  Optional<HistoricTaskInstance> closedStep(RequestForState request, String taskId, Set<String> steps) {
    Optional<Entry> indexed = index.byReference(request.referenceNumber());
    if (indexed.isEmpty()) {
      return Optional.empty();
    }
    List<String> instances = new ArrayList<>(List.of(indexed.get().processInstanceId()));
    answersOf(indexed.get()).stream().filter(answer -> answer.state().equals(request.yourState()))
        .forEach(answer -> instances.add(answer.participationId()));
    HistoricTaskInstance last = null;
    for (String instance : instances) {
      var query = historyService.createHistoricTaskInstanceQuery().processInstanceId(instance)
          .taskHadCandidateGroup(Groups.focalPoints(request.yourState())).finished();
      if (taskId != null) {
        query.taskId(taskId);
      }
      if (steps != null) {
        query.taskDefinitionKeyIn(steps.toArray(String[]::new));
      }
      for (HistoricTaskInstance closed : query.orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1)) {
        if (last == null || closed.getEndTime().after(last.getEndTime())) {
          last = closed;
        }
      }
    }
    return Optional.ofNullable(last);
  }

  /** The actions open to the state: its waiting steps, and withdrawal while it is allowed. */
  private static RequestForState withActions(RequestForState request) {
    String base = "/api/requests/" + request.referenceNumber();
    List<RequestForState.Action> actions = new ArrayList<>();
    for (RequestForState.Task task : request.waitingOnYou()) {
      String action = StateSteps.actionOf(task.step());
      if (action != null) {
        actions.add(new RequestForState.Action(action, "POST", base + StateSteps.pathOf(action)));
      }
    }
    if (StateActions.mayWithdraw(request)) {
      actions.add(new RequestForState.Action("WITHDRAW", "POST", base + "/withdrawal"));
    }
    return new RequestForState(request.referenceNumber(), request.yourState(), request.yourRole(), request.status(),
        request.filedAt(), request.closedAt(), request.lastChange(), request.fields(), request.coRequestingStates(),
        request.waitingOnYou(), request.timeline(), List.copyOf(actions));
  }

  /** A state and how it stands to a request. */
  private record Role(String state, StateRole role) {}

  /** The strongest standing any of the states has: the lead, then a participant, then invited. */
  private static Optional<Role> roleOf(Set<String> states, Entry request, List<Answer> answers) {
    if (states.contains(request.leadState())) {
      return Optional.of(new Role(request.leadState(), StateRole.LEAD));
    }
    return answers.stream().filter(answer -> states.contains(answer.state()) && RequestIndex.seesTheRequest(answer.answer()))
        .map(answer -> new Role(answer.state(), "YES".equals(answer.answer()) ? StateRole.PARTICIPANT : StateRole.INVITED))
        .min(Comparator.comparing(Role::role));
  }

  /** Open tasks of the states' focal points, by request: the request's own and the states' confirmations. */
  private Map<String, Integer> waitingCounts(Set<String> states, List<Entry> entries, Map<String, List<Answer>> answers) {
    Map<String, String> requestOfInstance = new HashMap<>();
    for (Entry entry : entries) {
      requestOfInstance.put(entry.processInstanceId(), entry.processInstanceId());
      answers.getOrDefault(entry.processInstanceId(), List.of())
          .forEach(answer -> requestOfInstance.put(answer.participationId(), entry.processInstanceId()));
    }
    Map<String, Integer> counts = new HashMap<>();
    if (requestOfInstance.isEmpty()) {
      return counts;
    }
    List<Task> open = taskService.createTaskQuery().processInstanceIdIn(requestOfInstance.keySet().toArray(String[]::new))
        .taskCandidateGroupIn(states.stream().map(Groups::focalPoints).toList()).includeAssignedTasks().list();
    for (Task task : open) {
      counts.merge(requestOfInstance.get(task.getProcessInstanceId()), 1, Integer::sum);
    }
    return counts;
  }

  /** The state's open steps on the request: its own, or its confirmation in a participation instance. */
  private List<RequestForState.Task> waitingOn(String state, Entry request, List<Answer> answers) {
    List<String> instances = new ArrayList<>(List.of(request.processInstanceId()));
    answers.forEach(answer -> instances.add(answer.participationId()));
    return taskService.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new))
        .taskCandidateGroup(Groups.focalPoints(state)).includeAssignedTasks().orderByTaskCreateTime().asc().list()
        .stream().map(task -> new RequestForState.Task(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getCreateTime(), task.getDueDate()))
        .toList();
  }

  /** What each co-requesting state wrote with its answer, by participation. */
  private Map<String, String> remarksOf(List<Answer> answers) {
    Map<String, String> remarks = new HashMap<>();
    if (answers.isEmpty()) {
      return remarks;
    }
    for (HistoricVariableInstance note : historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(answers.stream().map(Answer::participationId).toArray(String[]::new))
        .variableName(PARTICIPATION_NOTES).list()) {
      if (note.getProcessInstanceId().equals(note.getExecutionId()) && note.getValue() != null) {
        remarks.put(note.getProcessInstanceId(), note.getValue().toString());
      }
    }
    return remarks;
  }

  private static List<String> coRequesting(Map<String, Object> fields) {
    Object states = fields.get(CO_REQUESTING_STATES);
    return VariableValues.strings(states instanceof JsonNode json ? json.toString() : states);
  }

  private String nameOf(String state) {
    return referenceData.memberState(state).map(MemberState::name).orElse(state);
  }

  private Map<String, Object> variablesOf(String request, List<String> names) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(request).variableNameIn(names.toArray(String[]::new))
        .disableCustomObjectDeserialization().list()) {
      // the request's own fields only, not a step's local copies of the same names
      if (request.equals(variable.getExecutionId())) {
        values.put(variable.getName(), JsonValues.plain(variable.getTypedValue()));
      }
    }
    return values;
  }
}
