package org.unodc.uponrequest.consultation;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.InvalidInputException;

/**
 * GA 64/179 para 21: terrorism-related assistance is given "in close consultation with the
 * Counter-Terrorism Committee and its Executive Directorate", so the branch's advice is complete
 * only once CTED has been consulted.
 */
@Component("validateTerrorismConsultation")
class ValidateTerrorismConsultation implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (!Boolean.TRUE.equals(task.getVariable(CTED_CONSULTED))) {
      throw new InvalidInputException(CTED_CONSULTED,
          "consult the Counter-Terrorism Committee Executive Directorate before giving the branch's advice (GA 64/179 para 21)");
    }
  }
}
