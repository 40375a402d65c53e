package org.unodc.uponrequest.delivery;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.TaskInput;

/** Adds a quarterly progress report to {@code progressReports}. */
@Component("recordProgressReport")
class RecordProgressReport implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put(PROGRESS_SUMMARY, TaskInput.text(task, PROGRESS_SUMMARY));
    report.put(PROGRESS_ISSUES, task.getVariable(PROGRESS_ISSUES));
    report.put("reportedBy", task.getAssignee());
    report.put("reportedAt", ClockUtil.getCurrentTime().toInstant().toString());
    DeliveryJournal.append(task, PROGRESS_REPORTS, report);
  }
}
