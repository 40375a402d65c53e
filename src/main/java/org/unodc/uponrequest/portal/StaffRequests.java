package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.unodc.uponrequest.intake.Registrar;
import org.unodc.uponrequest.security.ActingUser;

/**
 * A request as UNODC staff see it on its page: every recorded field (internal notes, the
 * specialists' advice, funding, the office's reports), every step with who did it and when, and
 * the open tasks. Whether the officer may see the request at all is the engine's decision: the
 * request is looked up as the officer, with Camunda's authorizations and tenants.
 */
@Service
class StaffRequests {

  /** A step of the request's history: what, who, when; {@code ended} null while it is open. */
  record Step(String name, String type, String assignee, Date started, Date ended, boolean canceled) {}

  /** An open task of the request, to open in Tasklist. */
  record OpenTask(String id, String name, String assignee, Date due) {}

  record StaffRequest(String referenceNumber, String leadState, RequestStatus status, Date filedAt, Date closedAt,
      Map<String, Object> fields, List<Step> steps, List<OpenTask> openTasks) {}

  private final HistoryService historyService;
  private final TaskService taskService;
  private final ActingUser actingUser;
  private final org.unodc.uponrequest.tracking.RequestIndex index;

  private final Registrar registrar;

  StaffRequests(HistoryService historyService, TaskService taskService, ActingUser actingUser,
      org.unodc.uponrequest.tracking.RequestIndex index, Registrar registrar) {
    this.index = index;
    this.registrar = registrar;
    this.historyService = historyService;
    this.taskService = taskService;
    this.actingUser = actingUser;
  }

  /**
   * The requests the officer may read, most recently filed first, as the engine's authorizations
   * decide (the query runs as the officer); {@code text} narrows to references containing it.
   */
  RequestList page(Authentication caller, String text, int page, int size) {
    var query = actingUser.call(caller, () -> {
      var requests = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY);
      if (text != null) {
        requests.processInstanceBusinessKeyLike("%" + text.toUpperCase(java.util.Locale.ROOT)
            .replace("\\", "").replace("%", "").replace("_", "") + "%");
      }
      return new Object[] {requests.count(), requests.orderByProcessInstanceStartTime().desc().listPage(page * size, size)};
    });
    @SuppressWarnings("unchecked")
    List<HistoricProcessInstance> found = (List<HistoricProcessInstance>) query[1];
    Map<String, org.unodc.uponrequest.tracking.RequestIndex.Entry> entries =
        index.byProcessInstance(found.stream().map(HistoricProcessInstance::getId).toList());
    List<RequestSummary> summaries = found.stream().map(request -> {
      var entry = entries.get(request.getId());
      return new RequestSummary(request.getBusinessKey(), null, entry == null ? null : entry.title(), request.getTenantId(),
          null, entry == null ? null : entry.stage(),
          RequestStatus.of(request.getEndTime() == null, entry == null ? null : entry.outcome()),
          entry == null ? null : entry.outcome(), entry == null ? null : entry.priorityBand(),
          entry == null ? null : entry.assignedOffice(), request.getStartTime(), request.getEndTime(),
          entry == null ? request.getStartTime() : entry.lastChange(), 0);
    }).toList();
    return new RequestList(summaries, page, size, (Long) query[0]);
  }

  Optional<StaffRequest> find(Authentication caller, String reference) {
    if (!registrar.registered(reference)) {
      throw PortalProblem.stillBeingRegistered(reference);
    }
    HistoricProcessInstance request = actingUser.call(caller, () -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(reference).singleResult());
    if (request == null) {
      return Optional.empty();
    }
    Map<String, Object> fields = new TreeMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(request.getId()).disableCustomObjectDeserialization().list()) {
      Object value = JsonValues.plain(variable.getTypedValue());
      if (request.getId().equals(variable.getExecutionId()) && value != null) {
        fields.put(variable.getName(), value);
      }
    }
    List<Step> steps = historyService.createHistoricActivityInstanceQuery().processInstanceId(request.getId())
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
        .filter(step -> step.getActivityName() != null && !step.getActivityType().endsWith("Gateway"))
        .map(StaffRequests::step).toList();
    List<OpenTask> open = taskService.createTaskQuery().processInstanceBusinessKey(reference).orderByTaskCreateTime().asc()
        .list().stream().map(task -> new OpenTask(task.getId(), task.getName(), task.getAssignee(), task.getDueDate())).toList();
    Object outcome = fields.get("outcome");
    return Optional.of(new StaffRequest(reference, request.getTenantId(),
        RequestStatus.of(request.getEndTime() == null, outcome), request.getStartTime(), request.getEndTime(), fields,
        steps, open));
  }

  private static Step step(HistoricActivityInstance step) {
    return new Step(step.getActivityName(), step.getActivityType(), step.getAssignee(), step.getStartTime(),
        step.getEndTime(), step.isCanceled());
  }
}
