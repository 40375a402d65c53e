package org.unodc.uponrequest.assignment;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.TaskInput;

/** Headquarters, the fallback office, cannot decline (the form makes a declining office say why). */
@Component("validateOfficeDecision")
class ValidateOfficeDecision implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if ("DECLINE".equals(TaskInput.text(task, OFFICE_DECISION))) {
      if (OfficeAssignment.FALLBACK_OFFICE.equals(task.getVariable(ASSIGNED_OFFICE))) {
        throw new InvalidInputException(OFFICE_DECISION,
            "Headquarters (Vienna) is the fallback office and cannot decline; accept the request");
      }
    }
  }
}
