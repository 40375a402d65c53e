package org.unodc.uponrequest.delivery;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.VariableValues;

/**
 * A delivery plan has at least one activity and none ends before it starts: the rules the form
 * cannot express (its contract already checked each activity's fields, types and dates).
 */
@Component("validateDeliveryPlan")
class ValidateDeliveryPlan implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    List<Map<String, Object>> activities = VariableValues.objects(task.getVariable(DELIVERY_ACTIVITIES));
    if (activities.isEmpty()) {
      throw new InvalidInputException(DELIVERY_ACTIVITIES, "plan at least one activity");
    }
    for (int i = 0; i < activities.size(); i++) {
      Map<String, Object> activity = activities.get(i);
      LocalDate start = LocalDate.parse(activity.get(ACTIVITY_START_DATE).toString());
      LocalDate end = LocalDate.parse(activity.get(ACTIVITY_END_DATE).toString());
      if (end.isBefore(start)) {
        throw new InvalidInputException(DELIVERY_ACTIVITIES + "[" + (i + 1) + "]." + ACTIVITY_END_DATE, "ends before it starts");
      }
    }
  }
}
