package org.unodc.uponrequest.metrics;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import java.util.ArrayList;
import java.util.Set;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.HistoryEventListeners;

/**
 * Keeps the reporting tables ({@link RequestMetrics}) current from the engine, in the transaction
 * of each step: the request's history events (start, variables, tasks, wait states, end) and every
 * sequence flow it takes (a {@code take} listener on each flow of the request process). Whichever
 * door or node moves a request, the figures move with it, and a step that rolls back leaves no
 * trace in them. Registered through {@link HistoryEventListeners}, as the request index is.
 */
@Component
class MetricsProjection extends AbstractProcessEnginePlugin {

  /** The activities a request waits in: what the heatmap counts as "waiting here now". */
  static final Set<String> WAIT_STATES = Set.of(ActivityTypes.TASK_USER_TASK, ActivityTypes.TASK_RECEIVE_TASK,
      ActivityTypes.CALL_ACTIVITY, ActivityTypes.SUB_PROCESS, ActivityTypes.INTERMEDIATE_EVENT_TIMER,
      ActivityTypes.INTERMEDIATE_EVENT_MESSAGE, ActivityTypes.INTERMEDIATE_EVENT_SIGNAL,
      ActivityTypes.INTERMEDIATE_EVENT_CONDITIONAL, ActivityTypes.GATEWAY_EVENT_BASED);

  private final RequestMetrics metrics;

  MetricsProjection(RequestMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    HistoryEventListeners.add(configuration, this::project);

    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    ExecutionListener taken = execution -> metrics.flowTaken(execution.getProcessInstanceId(),
        execution.getCurrentTransitionId(), ClockUtil.getCurrentTime());
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
        if (scope.getProcessDefinition() instanceof ProcessDefinitionEntity definition
            && PROCESS_KEY.equals(definition.getKey())) {
          transition.addListener(ExecutionListener.EVENTNAME_TAKE, taken);
        }
      }
    });
  }

  void project(HistoryEvent event) {
    if (!PROCESS_KEY.equals(event.getProcessDefinitionKey())) {
      return;
    }
    if (event instanceof HistoricProcessInstanceEventEntity instance) {
      if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
        metrics.started(instance.getProcessInstanceId(), instance.getBusinessKey(), instance.getTenantId(),
            instance.getStartTime());
      } else if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
        metrics.ended(instance.getProcessInstanceId(), instance.getEndTime());
      }
    } else if (event instanceof HistoricVariableUpdateEventEntity variable && ofTheRequestItself(variable)
        && !event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE)) {
      metrics.variableSet(variable.getProcessInstanceId(), variable.getVariableName(), VariableText.of(variable),
          ClockUtil.getCurrentTime());
    } else if (event instanceof HistoricActivityInstanceEventEntity activity
        && WAIT_STATES.contains(activity.getActivityType())) {
      if (event.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_START)) {
        metrics.waitBegan(activity.getActivityInstanceId(), activity.getProcessInstanceId(), activity.getActivityId(),
            ActivityTypes.TASK_USER_TASK.equals(activity.getActivityType()), activity.getStartTime());
      } else if (event.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)) {
        metrics.waitEnded(activity.getActivityInstanceId(), activity.getProcessInstanceId());
      }
    } else if (event instanceof HistoricTaskInstanceEventEntity task) {
      if (event.isEventOfType(HistoryEventTypes.TASK_INSTANCE_CREATE)
          || event.isEventOfType(HistoryEventTypes.TASK_INSTANCE_UPDATE)) {
        metrics.taskDue(task.getActivityInstanceId(), task.getProcessInstanceId(), task.getDueDate());
      } else if (event.isEventOfType(HistoryEventTypes.TASK_INSTANCE_COMPLETE)
          && TaskEntity.DELETE_REASON_COMPLETED.equals(task.getDeleteReason())) {
        // the engine reports every task's end as "complete"; one ended by a timer, a withdrawal or the
        // request's end has another delete reason and was not completed by anyone
        var end = task.getEndTime() != null ? task.getEndTime() : ClockUtil.getCurrentTime();
        metrics.taskCompleted(task.getProcessInstanceId(), task.getDueDate() != null && end.after(task.getDueDate()));
      }
    }
  }

  /** The process instance's own variable, not a step's local one of the same name. */
  private static boolean ofTheRequestItself(HistoricVariableUpdateEventEntity variable) {
    return variable.getProcessInstanceId() != null && variable.getProcessInstanceId().equals(variable.getExecutionId());
  }
}
