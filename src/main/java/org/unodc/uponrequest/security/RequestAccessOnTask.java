package org.unodc.uponrequest.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.EveryUserTaskListener;

/**
 * Officers see the requests they touch: when a task is created for a group (a stage, a section,
 * an office), that group may from then on read this request and its history, and keeps that
 * right after the task is done. Member states see their own requests through their tenant, and
 * managers everything, so neither needs this. A create listener on every user task, installed by
 * {@code process.UserTaskListeners} after the task defaults (it depends only on the candidate
 * groups, which the engine sets before any create listener runs).
 */
@Component
@Order(2)
class RequestAccessOnTask implements EveryUserTaskListener {

  private final AuthorizationService authorizations;

  RequestAccessOnTask(@Lazy AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  @Override
  public String event() {
    return EVENTNAME_CREATE;
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
