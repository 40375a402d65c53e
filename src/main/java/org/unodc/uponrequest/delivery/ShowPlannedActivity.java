package org.unodc.uponrequest.delivery;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * Puts the planned activity of this "record activity" instance into variables local to the
 * instance, so its form shows them and what the office records stays with this instance until
 * {@link RecordActivity} files it. (Input mappings cannot do this: Camunda evaluates them before
 * the multi-instance element variable exists.)
 */
@Component("showPlannedActivity")
class ShowPlannedActivity implements TaskListener {

  private final ReferenceData referenceData;

  ShowPlannedActivity(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  private static final String[] PLANNED = {ACTIVITY_TYPE, ACTIVITY_TITLE, ACTIVITY_START_DATE, ACTIVITY_END_DATE, PLANNED_PARTICIPANTS};

  @Override
  public void notify(DelegateTask task) {
    DelegateExecution instance = task.getExecution();
    int index = (Integer) instance.getVariable(ACTIVITY_INDEX);
    Map<String, Object> activity = DeliveryPlan.activities(instance).get(index);
    for (String field : PLANNED) {
      instance.setVariableLocal(field, activity.get(field));
    }
    Object type = activity.get(ACTIVITY_TYPE);
    instance.setVariableLocal(ACTIVITY_TYPE_LABEL, type == null ? null
        : referenceData.assistanceType(type.toString()).map(t -> t.label()).orElse(type.toString()));
    instance.setVariableLocal(ACTUAL_PARTICIPANTS, null);
    instance.setVariableLocal(ACTIVITY_OUTCOME, null);
  }
}
