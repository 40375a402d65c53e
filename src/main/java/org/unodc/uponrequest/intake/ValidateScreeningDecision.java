package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.TaskInput;

/** A screening decision must say what to ask the state, or why the request is declined. */
@Component("validateScreeningDecision")
class ValidateScreeningDecision implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String outcome = TaskInput.oneOf(task, SCREENING_OUTCOME, "ACCEPT", "CLARIFY", "DECLINE");
    if (outcome.equals("CLARIFY")) {
      TaskInput.requiredText(task, CLARIFICATION_QUESTION);
    }
    if (outcome.equals("DECLINE")) {
      TaskInput.requiredText(task, DECLINE_REASON);
    }
  }
}
