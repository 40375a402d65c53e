package org.unodc.uponrequest.assignment;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.VariableValues;

/** An office declined: remember which and why, and hand the request to Headquarters. */
@Component("reassignToFallbackOffice")
class ReassignToFallbackOffice implements JavaDelegate {

  private final OfficeAssignment assignment;

  ReassignToFallbackOffice(OfficeAssignment assignment) {
    this.assignment = assignment;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<Map<String, Object>> declined = new ArrayList<>(VariableValues.objects(execution.getVariable(DECLINED_OFFICES)));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("office", execution.getVariable(ASSIGNED_OFFICE));
    entry.put("reason", execution.getVariable(OFFICE_DECLINE_REASON));
    declined.add(entry);
    execution.setVariable(DECLINED_OFFICES, VariableValues.json(declined));
    assignment.assign(execution, OfficeAssignment.FALLBACK_OFFICE);
    execution.removeVariable(OFFICE_DECISION);
    execution.removeVariable(OFFICE_DECLINE_REASON);
  }
}
