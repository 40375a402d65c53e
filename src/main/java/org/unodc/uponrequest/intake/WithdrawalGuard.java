package org.unodc.uponrequest.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.ProcessVariables;
import org.unodc.uponrequest.process.Stage;

/**
 * Lets a withdrawal through only before delivery starts. Throwing here rolls back the message
 * correlation, so a late withdrawal changes nothing and the caller learns why.
 */
@Component("withdrawalGuard")
class WithdrawalGuard implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Object stage = execution.getVariable(ProcessVariables.STAGE);
    if (stage != null && !Stage.valueOf(stage.toString()).allowsWithdrawal()) {
      throw new InvalidInputException("withdrawal",
          "the request can no longer be withdrawn: it is in the " + stage.toString().toLowerCase() + " stage");
    }
  }
}
