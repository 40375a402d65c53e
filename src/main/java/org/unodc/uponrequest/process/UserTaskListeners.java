package org.unodc.uponrequest.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * The one engine plugin that adds listeners to every user task: a BPMN parse listener gives each
 * user task every {@link EveryUserTaskListener} bean, in their {@code @Order}, after the listeners
 * the model declares itself. Today: {@link TaskDefaults} (due date, priority),
 * {@code security.RequestAccessOnTask} (read access for the task's groups) and
 * {@code notifications.TaskNotifications} (mails to the task's groups).
 */
@Component
class UserTaskListeners extends AbstractProcessEnginePlugin {

  private final List<EveryUserTaskListener> listeners;

  UserTaskListeners(List<EveryUserTaskListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          for (EveryUserTaskListener listener : listeners) {
            behavior.getTaskDefinition().addTaskListener(listener.event(), listener);
          }
        }
      }
    });
  }
}
