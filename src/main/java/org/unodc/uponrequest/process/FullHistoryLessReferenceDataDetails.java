package org.unodc.uponrequest.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;

/**
 * Camunda's full history ({@code camunda.bpm.history-level: full}, id 3 as stored in the database),
 * less one thing: the value-by-value log ({@code ACT_HI_DETAIL}, fifteen indexes) of the
 * {@link ProcessVariables#REFERENCE_DATA_COPIES}. Those rows were about a third of what a filing
 * writes (ADR 0007); the copies' values stay in {@code ACT_HI_VARINST}, and the priority decision's
 * history keeps the inputs it read. Every other variable, form field and event is kept as before.
 * Registered under the name "full", so it replaces Camunda's own level (the last level of a name wins).
 */
@Component
class FullHistoryLessReferenceDataDetails extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl engine) {
    List<HistoryLevel> levels = engine.getCustomHistoryLevels() == null ? new ArrayList<>()
        : new ArrayList<>(engine.getCustomHistoryLevels());
    levels.add(new Level());
    engine.setCustomHistoryLevels(levels);
  }

  static final class Level extends HistoryLevelFull {

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL && entity instanceof HistoricVariableUpdateEventEntity update
          && ProcessVariables.REFERENCE_DATA_COPIES.contains(update.getVariableName())) {
        return false;
      }
      return super.isHistoryEventProduced(eventType, entity);
    }
  }
}
