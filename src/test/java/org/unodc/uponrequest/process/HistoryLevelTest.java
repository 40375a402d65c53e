package org.unodc.uponrequest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;

import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * Full history stays full (id 3), but the reference-data copies that registration writes leave no
 * value-by-value log; the request's own fields do.
 */
class HistoryLevelTest extends ProcessTestSupport {

  @Test
  void theRequestsOwnFieldsKeepTheirLogAndTheReferenceDataCopiesTheirValuesOnly() {
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(engine.getHistoryLevel()).isInstanceOf(FullHistoryLessReferenceDataDetails.Level.class);
    assertThat(engine.getHistoryLevel().getId()).isEqualTo(3);

    ProcessInstance pi = submit("KEN", "CORRUPTION");

    var logged = historyService().createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates().list()
        .stream().map(detail -> ((HistoricVariableUpdate) detail).getVariableName()).toList();
    assertThat(logged).contains(ProcessVariables.TITLE, ProcessVariables.MEMBER_STATE, ProcessVariables.REFERENCE_NUMBER)
        .doesNotContainAnyElementsOf(ProcessVariables.REFERENCE_DATA_COPIES);
    for (String copy : ProcessVariables.REFERENCE_DATA_COPIES) {
      assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(copy).count())
          .as("value of %s", copy).isOne();
    }
  }
}
