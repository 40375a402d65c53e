package org.unodc.uponrequest.delivery;

import static org.unodc.uponrequest.process.ProcessVariables.DELIVERY_ACTIVITIES;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.VariableValues;

/**
 * The office's plan ({@code deliveryActivities}, a dynamic list in the plan-delivery form) as the
 * multi-instance "record activity" task needs it: one instance per planned activity. Public
 * because the BPMN calls it through an expression.
 */
@Component("deliveryPlan")
public class DeliveryPlan {

  public List<Integer> activityIndexes(DelegateExecution execution) {
    return IntStream.range(0, activities(execution).size()).boxed().toList();
  }

  static List<Map<String, Object>> activities(DelegateExecution execution) {
    return VariableValues.objects(execution.getVariable(DELIVERY_ACTIVITIES));
  }
}
