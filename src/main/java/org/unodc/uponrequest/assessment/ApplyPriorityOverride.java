package org.unodc.uponrequest.assessment;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.TaskInput;

/**
 * When the strategic-planning officer overrides the band the rules gave, the override becomes
 * {@code priorityBand}; the rules' band and the written justification stay as variables, and
 * history keeps every change with who made it.
 */
@Component("applyPriorityOverride")
class ApplyPriorityOverride implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object assessedBand = task.getVariable(PRIORITY_BAND);
    task.setVariable(ASSESSED_PRIORITY_BAND, assessedBand);
    if (!Boolean.TRUE.equals(task.getVariable(OVERRIDE_PRIORITY))) {
      task.setVariable(PRIORITY_OVERRIDDEN, false);
      return;
    }
    String band = TaskInput.text(task, OVERRIDDEN_PRIORITY_BAND);
    task.setVariable(PRIORITY_BAND, band);
    task.setVariable(PRIORITY_OVERRIDDEN, !band.equals(assessedBand));
  }
}
