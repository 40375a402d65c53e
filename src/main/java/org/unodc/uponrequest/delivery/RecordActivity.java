package org.unodc.uponrequest.delivery;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.TaskInput;

/** Adds a carried-out activity, planned against actual, to {@code activityRecords}. */
@Component("recordActivity")
class RecordActivity implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    long participants = TaskInput.wholeNumber(task, ACTUAL_PARTICIPANTS);
    String outcome = TaskInput.text(task, ACTIVITY_OUTCOME);
    Map<String, Object> record = new LinkedHashMap<>();
    for (String field : new String[] {ACTIVITY_TYPE, ACTIVITY_TITLE, ACTIVITY_START_DATE, ACTIVITY_END_DATE, PLANNED_PARTICIPANTS}) {
      record.put(field, task.getVariable(field));
    }
    record.put(ACTUAL_PARTICIPANTS, participants);
    record.put(ACTIVITY_OUTCOME, outcome);
    record.put("recordedBy", task.getAssignee());
    record.put("recordedAt", ClockUtil.getCurrentTime().toInstant().toString());
    DeliveryJournal.append(task, ACTIVITY_RECORDS, record);
  }
}
