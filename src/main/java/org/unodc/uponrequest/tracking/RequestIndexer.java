package org.unodc.uponrequest.tracking;

import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PARTICIPATION_PROCESS_KEY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.HistoryEventListeners;

/**
 * Keeps {@link RequestIndex} current from the engine's history events, inside the transaction
 * that produces them: a request is in the index exactly when the engine committed it, whichever
 * door or node changed it (a step, a timer, a withdrawal, an administrator's repair). Registered
 * through {@link HistoryEventListeners}, which says why it is not a HistoryEventHandler bean.
 */
@Component
class RequestIndexer extends AbstractProcessEnginePlugin {

  private final RequestIndex index;

  RequestIndexer(RequestIndex index) {
    this.index = index;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    HistoryEventListeners.add(configuration, this::index);
  }

  void index(HistoryEvent event) {
    String definition = event.getProcessDefinitionKey();
    if (PROCESS_KEY.equals(definition)) {
      onRequest(event);
    } else if (PARTICIPATION_PROCESS_KEY.equals(definition)) {
      onParticipation(event);
    }
  }

  private void onRequest(HistoryEvent event) {
    if (event instanceof HistoricProcessInstanceEventEntity instance) {
      if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
        index.filed(instance.getProcessInstanceId(), instance.getTenantId(), instance.getBusinessKey(),
            instance.getStartTime());
      } else if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
        index.closed(instance.getProcessInstanceId(), instance.getEndTime());
      } else if (instance.getBusinessKey() != null) {
        index.set(instance.getProcessInstanceId(), "REFERENCE_", instance.getBusinessKey(), now());
      }
    } else if (event instanceof HistoricVariableUpdateEventEntity variable && ofTheRequestItself(variable)) {
      String column = RequestIndex.COLUMN_OF_VARIABLE.get(variable.getVariableName());
      if (column != null) {
        String value = event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE) ? null : variable.getTextValue();
        index.set(variable.getProcessInstanceId(), column, value, now());
      }
    } else if (event instanceof HistoricTaskInstanceEventEntity task) {
      index.touched(task.getProcessInstanceId(), now());
    }
  }

  /** A co-requesting state is asked (its participation receives the state), answers, or lets the deadline pass. */
  private void onParticipation(HistoryEvent event) {
    String request = event.getRootProcessInstanceId();
    if (event instanceof HistoricVariableUpdateEventEntity variable && ofTheRequestItself(variable)
        && !event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE)) {
      if (MEMBER_STATE.equals(variable.getVariableName())) {
        index.asked(request, variable.getTextValue(), variable.getProcessInstanceId(), now());
      } else if (PARTICIPATION_DECISION.equals(variable.getVariableName())) {
        index.answered(variable.getProcessInstanceId(), variable.getTextValue(), request, now());
      }
    } else if (event instanceof HistoricProcessInstanceEventEntity instance
        && event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
      index.unanswered(instance.getProcessInstanceId());
    } else if (event instanceof HistoricTaskInstanceEventEntity) {
      index.touched(request, now());
    }
  }

  /** The process instance's own variable, not a step's local one of the same name. */
  private static boolean ofTheRequestItself(HistoricVariableUpdateEventEntity variable) {
    return variable.getProcessInstanceId() != null && variable.getProcessInstanceId().equals(variable.getExecutionId());
  }

  private static java.util.Date now() {
    return ClockUtil.getCurrentTime();
  }
}
