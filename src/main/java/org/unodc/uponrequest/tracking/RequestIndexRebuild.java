package org.unodc.uponrequest.tracking;

import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PARTICIPATION_PROCESS_KEY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Adds to the index the requests that history has and the index lacks: those filed before the
 * index existed (a database from an earlier version). Requests filed while it runs are indexed
 * by {@link RequestIndexer} as usual; a row either of them wrote first is left alone.
 */
@Component
class RequestIndexRebuild {

  private static final Logger LOG = LoggerFactory.getLogger(RequestIndexRebuild.class);
  private static final int PAGE = 500;

  private final HistoryService historyService;
  private final RequestIndex index;

  RequestIndexRebuild(HistoryService historyService, RequestIndex index) {
    this.historyService = historyService;
    this.index = index;
  }

  @EventListener(ApplicationReadyEvent.class)
  void addMissing() {
    long inHistory = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();
    if (index.count() >= inHistory) {
      return;
    }
    int added = 0;
    for (int first = 0; first < inHistory; first += PAGE) {
      List<HistoricProcessInstance> requests = historyService.createHistoricProcessInstanceQuery()
          .processDefinitionKey(PROCESS_KEY).orderByProcessInstanceId().asc().listPage(first, PAGE);
      for (HistoricProcessInstance request : requests) {
        if (!index.contains(request.getId()) && add(request)) {
          added++;
        }
      }
    }
    LOG.info("Request index: added {} request(s) found in history only", added);
  }

  private boolean add(HistoricProcessInstance request) {
    Map<String, String> values = texts(request.getId(), RequestIndex.COLUMN_OF_VARIABLE.keySet().toArray(String[]::new));
    Date at = request.getEndTime() != null ? request.getEndTime() : request.getStartTime();
    try {
      index.filed(request.getId(), request.getTenantId(), request.getBusinessKey(), request.getStartTime());
    } catch (DuplicateKeyException indexedMeanwhile) {
      return false;
    }
    values.forEach((name, value) -> index.set(request.getId(), RequestIndex.COLUMN_OF_VARIABLE.get(name), value, at));
    if (request.getEndTime() != null) {
      index.closed(request.getId(), request.getEndTime());
    }
    for (HistoricProcessInstance participation : historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PARTICIPATION_PROCESS_KEY).superProcessInstanceId(request.getId())
        .orderByProcessInstanceStartTime().asc().list()) {
      Map<String, String> answer = texts(participation.getId(), MEMBER_STATE, PARTICIPATION_DECISION);
      if (answer.get(MEMBER_STATE) == null) {
        continue;
      }
      index.asked(request.getId(), answer.get(MEMBER_STATE), participation.getId(), at);
      if (answer.get(PARTICIPATION_DECISION) != null) {
        index.answered(participation.getId(), answer.get(PARTICIPATION_DECISION), request.getId(), at);
      } else if (participation.getEndTime() != null) {
        index.unanswered(participation.getId());
      }
    }
    return true;
  }

  private Map<String, String> texts(String instance, String... names) {
    Map<String, String> values = new HashMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableNameIn(names).disableCustomObjectDeserialization().list()) {
      if (instance.equals(variable.getExecutionId()) && variable.getValue() != null) {
        values.put(variable.getName(), variable.getValue().toString());
      }
    }
    return values;
  }
}
