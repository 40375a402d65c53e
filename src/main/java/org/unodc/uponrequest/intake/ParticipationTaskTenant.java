package org.unodc.uponrequest.intake;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.ProcessVariables;

/**
 * A participation is called by the lead state's request and so belongs to the lead state's
 * tenant (Camunda gives called instances their caller's tenant). Its confirmation task is put in
 * the co-requesting state's tenant, so that state's focal points can see and answer it, and no
 * other state can; the lead state keeps seeing the answer on its own request.
 */
@Component("participationTaskTenant")
class ParticipationTaskTenant implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    ((TaskEntity) task).setTenantId(task.getVariable(ProcessVariables.MEMBER_STATE).toString());
  }
}
