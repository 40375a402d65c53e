package org.unodc.uponrequest.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.unodc.uponrequest.process.VariableValues;

/**
 * Appends an entry to a Json list variable of the process instance (activity records, progress
 * reports), so the final report and the annual report read one list instead of history.
 */
final class DeliveryJournal {

  static void append(DelegateTask task, String listVariable, Map<String, Object> entry) {
    var processInstance = task.getExecution().getProcessInstance();
    List<Map<String, Object>> entries = new ArrayList<>(VariableValues.objects(processInstance.getVariable(listVariable)));
    entries.add(entry);
    processInstance.setVariable(listVariable, VariableValues.json(entries));
  }

  private DeliveryJournal() {}
}
