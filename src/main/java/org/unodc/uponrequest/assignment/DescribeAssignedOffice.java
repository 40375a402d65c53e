package org.unodc.uponrequest.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.ProcessVariables;

/** After the assignment rules ran: checks the office they chose and records its name. */
@Component("describeAssignedOffice")
class DescribeAssignedOffice implements ExecutionListener {

  private final OfficeAssignment assignment;

  DescribeAssignedOffice(OfficeAssignment assignment) {
    this.assignment = assignment;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object office = execution.getVariable(ProcessVariables.ASSIGNED_OFFICE);
    if (office == null) {
      throw new IllegalStateException("The office assignment rules gave no office for "
          + execution.getVariable(ProcessVariables.MEMBER_STATE));
    }
    assignment.assign(execution, office.toString());
  }
}
