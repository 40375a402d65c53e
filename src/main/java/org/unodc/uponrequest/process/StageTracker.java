package org.unodc.uponrequest.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Records the stage a request has reached and, at an end event, how it ended. The stage
 * milestones and end events of the BPMN carry a {@code stage} or {@code outcome} property; the
 * variable updates make every stage change visible in history with its time.
 */
@Component("stageTracker")
class StageTracker implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    var element = execution.getBpmnModelElementInstance();
    ElementProperties.get(element, "stage")
        .ifPresent(stage -> execution.setVariable(ProcessVariables.STAGE, Stage.valueOf(stage).name()));
    ElementProperties.get(element, "outcome").ifPresent(outcome -> {
      execution.setVariable(ProcessVariables.OUTCOME, Outcome.valueOf(outcome).name());
      execution.setVariable(ProcessVariables.STAGE, Stage.CLOSED.name());
    });
  }
}
