package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.process.diagram.DiagramMarks;
import org.unodc.uponrequest.process.diagram.ProcessDiagram;

/**
 * What a request's page tells of its past: a timeline in plain words from the engine's history
 * ("Offered to the Regional Office for Eastern Africa, 3 March 2027"), and the process diagram
 * with the steps passed and the one it waits at. A state's timeline names the milestones that
 * concern it, not UNODC's internal steps one by one.
 */
@Component
class RequestHistory {

  /** One line of the timeline: when, and what in the page's language. */
  record Moment(Date at, String text) {}

  /** The steps a state's timeline tells of, by element id: "started" or "ended" says which moment counts. */
  private static final Map<String, String> MILESTONES = Map.ofEntries(
      Map.entry("StartEvent_RequestSubmitted", "ended"),
      Map.entry("Activity_ScreenRequest", "ended"),
      Map.entry("Activity_ProvideClarification", "both"),
      Map.entry("Activity_StatesConfirmParticipation", "started"),
      Map.entry("Activity_AssessPriority", "ended"),
      Map.entry("Activity_ReviewPriority", "ended"),
      Map.entry("Activity_ReviseRequest", "both"),
      Map.entry("Activity_ConfirmFunding", "ended"),
      Map.entry("Activity_DecideOnAssignment", "started"),
      Map.entry("Activity_PlanDelivery", "ended"),
      Map.entry("Activity_RecordActivity", "ended"),
      Map.entry("Activity_WriteFinalReport", "ended"),
      Map.entry("Activity_GiveFeedback", "ended"),
      Map.entry("EndEvent_RequestClosed", "ended"),
      Map.entry("EndEvent_RequestDeclined", "ended"),
      Map.entry("EndEvent_DeclinedAfterAdvice", "ended"),
      Map.entry("EndEvent_RequestWithdrawn", "ended"),
      Map.entry("EndEvent_WithdrawnNoAnswer", "ended"),
      Map.entry("EndEvent_WithdrawnNoRevision", "ended"),
      Map.entry("EndEvent_ClosedUnfunded", "ended"),
      Map.entry("EndEvent_ClosedUnfundedNoRecheck", "ended"));

  private final HistoryService historyService;
  private final RepositoryService repositoryService;
  private final MessageSource messages;
  private final PortalLabels labels;
  private final Map<String, ProcessDiagram> diagrams = new ConcurrentHashMap<>();

  RequestHistory(HistoryService historyService, RepositoryService repositoryService, MessageSource messages,
      PortalLabels labels) {
    this.historyService = historyService;
    this.repositoryService = repositoryService;
    this.messages = messages;
    this.labels = labels;
  }

  /** The request's milestones, oldest first. */
  List<Moment> timeline(String reference) {
    Optional<HistoricProcessInstance> request = instance(reference);
    if (request.isEmpty()) {
      return List.of();
    }
    List<Moment> moments = new ArrayList<>();
    for (HistoricActivityInstance step : historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(request.get().getId()).orderPartiallyByOccurrence().asc().list()) {
      String when = MILESTONES.get(step.getActivityId());
      if (when == null) {
        continue;
      }
      if ((when.equals("started") || when.equals("both")) && step.getStartTime() != null) {
        moments.add(new Moment(step.getStartTime(), text(step, "started")));
      }
      if ((when.equals("ended") || when.equals("both")) && step.getEndTime() != null && !step.isCanceled()) {
        moments.add(new Moment(step.getEndTime(), text(step, "ended")));
      }
    }
    moments.sort(java.util.Comparator.comparing(Moment::at));
    return moments;
  }

  /** The process diagram of the request's version, its passed steps and where it waits now. */
  String diagram(String reference) {
    Optional<HistoricProcessInstance> request = instance(reference);
    if (request.isEmpty()) {
      return null;
    }
    ProcessDiagram diagram = diagrams.computeIfAbsent(request.get().getProcessDefinitionId(),
        id -> ProcessDiagram.of(repositoryService.getBpmnModelInstance(id)));
    Set<String> current = new LinkedHashSet<>();
    Set<String> done = new LinkedHashSet<>();
    for (HistoricActivityInstance step : historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(request.get().getId()).list()) {
      (step.getEndTime() == null ? current : done).add(step.getActivityId());
    }
    String currentNames = String.join(", ", diagram.names(current));
    String description = current.isEmpty() ? message("diagram.ended")
        : message("diagram.current", currentNames);
    return diagram.svg(DiagramMarks.current(current).withDone(done), message("diagram.title"), description);
  }

  private String text(HistoricActivityInstance step, String moment) {
    String key = "timeline." + step.getActivityId() + "." + moment;
    if (step.getActivityId().equals("Activity_DecideOnAssignment")) {
      return message(key, labels.office(officeOf(step).orElse("")));
    }
    return message(key);
  }

  /** The office a decide-on-assignment task was offered to: its candidate group. */
  private Optional<String> officeOf(HistoricActivityInstance step) {
    if (step.getTaskId() == null) {
      return Optional.empty();
    }
    String prefix = Groups.office("");
    return historyService.createHistoricIdentityLinkLogQuery().taskId(step.getTaskId()).type("candidate").list().stream()
        .map(HistoricIdentityLinkLog::getGroupId).filter(group -> group != null && group.startsWith(prefix))
        .map(group -> group.substring(prefix.length())).findFirst();
  }

  private Optional<HistoricProcessInstance> instance(String reference) {
    return Optional.ofNullable(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(reference).singleResult());
  }

  private String message(String key, Object... arguments) {
    return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
  }
}
