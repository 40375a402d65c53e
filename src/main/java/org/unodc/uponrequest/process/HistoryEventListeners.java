package org.unodc.uponrequest.process;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Adds a projection of the engine's history events (the request index, the reporting tables) as a
 * custom history event handler, called in the transaction that produces each event. Plugins add
 * theirs here rather than being HistoryEventHandler beans: Camunda's Spring Boot starter adds such
 * a bean to the engine on its own, and a handler registered twice projects twice.
 */
public final class HistoryEventListeners {

  private HistoryEventListeners() {}

  public static void add(ProcessEngineConfigurationImpl configuration, Consumer<HistoryEvent> listener) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(new HistoryEventHandler() {
      @Override
      public void handleEvent(HistoryEvent event) {
        listener.accept(event);
      }

      @Override
      public void handleEvents(List<HistoryEvent> events) {
        events.forEach(listener);
      }
    });
    configuration.setCustomHistoryEventHandlers(handlers);
  }
}
