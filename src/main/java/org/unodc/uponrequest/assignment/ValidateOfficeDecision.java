package org.unodc.uponrequest.assignment;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.TaskInput;

/** An office that declines says why; Headquarters, the fallback, cannot decline. */
@Component("validateOfficeDecision")
class ValidateOfficeDecision implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String decision = TaskInput.oneOf(task, OFFICE_DECISION, "ACCEPT", "DECLINE");
    if (decision.equals("DECLINE")) {
      if (OfficeAssignment.FALLBACK_OFFICE.equals(task.getVariable(ASSIGNED_OFFICE))) {
        throw new InvalidInputException(OFFICE_DECISION,
            "Headquarters (Vienna) is the fallback office and cannot decline; accept the request");
      }
      TaskInput.requiredText(task, OFFICE_DECLINE_REASON);
    }
  }
}
