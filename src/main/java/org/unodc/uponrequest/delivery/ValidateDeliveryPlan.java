package org.unodc.uponrequest.delivery;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.ReferenceData;

/** A delivery plan has at least one activity, each complete, typed from the seeds, with sane dates. */
@Component("validateDeliveryPlan")
class ValidateDeliveryPlan implements TaskListener {

  private final ReferenceData referenceData;

  ValidateDeliveryPlan(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  @Override
  public void notify(DelegateTask task) {
    List<Map<String, Object>> activities = VariableValues.objects(task.getVariable(DELIVERY_ACTIVITIES));
    if (activities.isEmpty()) {
      throw new InvalidInputException(DELIVERY_ACTIVITIES, "plan at least one activity");
    }
    for (int i = 0; i < activities.size(); i++) {
      Map<String, Object> activity = activities.get(i);
      String where = DELIVERY_ACTIVITIES + "[" + (i + 1) + "].";
      String type = text(activity, ACTIVITY_TYPE, where);
      if (referenceData.assistanceTypes().stream().noneMatch(t -> t.code().equals(type))) {
        throw new InvalidInputException(where + ACTIVITY_TYPE, "'" + type + "' is not an assistance type");
      }
      text(activity, ACTIVITY_TITLE, where);
      LocalDate start = date(activity, ACTIVITY_START_DATE, where);
      LocalDate end = date(activity, ACTIVITY_END_DATE, where);
      if (end.isBefore(start)) {
        throw new InvalidInputException(where + ACTIVITY_END_DATE, "ends before it starts");
      }
      Object participants = activity.get(PLANNED_PARTICIPANTS);
      if (participants != null && !(participants instanceof Number n && n.doubleValue() >= 0)) {
        throw new InvalidInputException(where + PLANNED_PARTICIPANTS, "must be a number of people");
      }
    }
  }

  private static String text(Map<String, Object> activity, String field, String where) {
    Object value = activity.get(field);
    if (value == null || value.toString().isBlank()) {
      throw new InvalidInputException(where + field, "is required");
    }
    return value.toString();
  }

  private static LocalDate date(Map<String, Object> activity, String field, String where) {
    String value = text(activity, field, where);
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(where + field, "'" + value + "' is not a date (YYYY-MM-DD)");
    }
  }
}
