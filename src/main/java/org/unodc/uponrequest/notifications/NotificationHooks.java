package org.unodc.uponrequest.notifications;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.REGISTER_REQUEST;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.REMINDER_SENT;

import java.util.ArrayList;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.Stage;

/**
 * Hooks the member state's notifications into technical-assistance-request without a line in the
 * BPMN: when the engine parses the process (at deployment and whenever it loads a definition), it
 * gives
 * <ul>
 *   <li>"Register the request" ({@code Activity_RegisterRequest}) an end listener: receipt, once the
 *       reference number is given;</li>
 *   <li>every milestone whose {@code stage} property is {@code DELIVERY} ({@code Event_DeliveryStarted},
 *       reached only when an office accepted) an end listener: assignment;</li>
 *   <li>"Reminder sent" ({@code EndEvent_ReminderSent}, where the non-interrupting reminder timer on
 *       "Provide clarification" leads after "Remind the focal points") an end listener: the reminder;</li>
 *   <li>the process itself an end listener: closure, whichever end event set the {@code outcome}.</li>
 * </ul>
 * Task mails come from {@link TaskNotifications}, one of the listeners every user task gets. The
 * listeners run in the step's transaction and only write to the outbox.
 */
@Component
class NotificationHooks extends AbstractProcessEnginePlugin {

  private final Notifications notifications;

  NotificationHooks(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    ExecutionListener received = notifications::received;
    ExecutionListener assigned = notifications::assigned;
    ExecutionListener closed = notifications::closed;
    ExecutionListener reminded = notifications::reminded;
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element element, ProcessDefinitionEntity definition) {
        if (PROCESS_KEY.equals(definition.getKey())) {
          definition.addListener(ExecutionListener.EVENTNAME_END, closed);
        }
      }

      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (REGISTER_REQUEST.equals(activity.getId()) && ofTheRequestProcess(activity)) {
          activity.addListener(ExecutionListener.EVENTNAME_END, received);
        }
      }

      @Override
      public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (REMINDER_SENT.equals(activity.getId()) && ofTheRequestProcess(activity)) {
          activity.addListener(ExecutionListener.EVENTNAME_END, reminded);
        }
      }

      @Override
      public void parseIntermediateThrowEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (ofTheRequestProcess(activity)
            && property(element, "stage").filter(Stage.DELIVERY.name()::equals).isPresent()) {
          activity.addListener(ExecutionListener.EVENTNAME_END, assigned);
        }
      }
    });
  }

  private static boolean ofTheRequestProcess(ActivityImpl activity) {
    return activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
        && PROCESS_KEY.equals(definition.getKey());
  }

  /** A {@code camunda:property} of the element as the model writes it. */
  static Optional<String> property(Element element, String name) {
    Element extensions = element.element("extensionElements");
    if (extensions == null) {
      return Optional.empty();
    }
    for (Element properties : extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties")) {
      for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
        if (name.equals(property.attribute("name"))) {
          return Optional.ofNullable(property.attribute("value"));
        }
      }
    }
    return Optional.empty();
  }
}
