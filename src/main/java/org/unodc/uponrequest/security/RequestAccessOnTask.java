package org.unodc.uponrequest.security;

import java.util.ArrayList;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Officers see the requests they touch: when a task is created for a group (a stage, a section,
 * an office), that group may from then on read this request and its history, and keeps that
 * right after the task is done. Member states see their own requests through their tenant, and
 * managers everything, so neither needs this.
 */
@Component
class RequestAccessOnTask extends AbstractProcessEnginePlugin implements TaskListener {

  private final AuthorizationService authorizations;

  RequestAccessOnTask(@Lazy AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          behavior.getTaskDefinition().addTaskListener(EVENTNAME_CREATE, RequestAccessOnTask.this);
        }
      }
    });
  }

  @Override
  public void notify(DelegateTask task) {
    String request = task.getProcessInstanceId();
    for (IdentityLink candidate : task.getCandidates()) {
      if (candidate.getGroupId() != null && !candidate.getGroupId().startsWith("focal-")) {
        grant(candidate.getGroupId(), Resources.PROCESS_INSTANCE, request, Permissions.READ);
        grant(candidate.getGroupId(), Resources.HISTORIC_PROCESS_INSTANCE, request, HistoricProcessInstancePermissions.READ);
      }
    }
  }

  private void grant(String group, Resource resource, String resourceId, Permission permission) {
    boolean granted = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(resource).resourceId(resourceId)
        .count() > 0;
    if (!granted) {
      Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
      authorization.addPermission(permission);
      authorizations.saveAuthorization(authorization);
    }
  }
}
