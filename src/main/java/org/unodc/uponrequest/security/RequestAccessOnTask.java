package org.unodc.uponrequest.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
    List<String> groups = task.getCandidates().stream().map(IdentityLink::getGroupId)
        .filter(group -> group != null && !group.startsWith("focal-")).distinct().toList();
    if (groups.isEmpty()) {
      return;
    }
    // one read for the request's grants to these groups (most tasks go to a group that had one before)
    Set<String> held = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(groups.toArray(String[]::new)).resourceId(request)
        .list().stream().map(grant -> grant.getGroupId() + "/" + grant.getResourceType()).collect(Collectors.toSet());
    for (String group : groups) {
      grant(held, group, Resources.PROCESS_INSTANCE, request, Permissions.READ);
      grant(held, group, Resources.HISTORIC_PROCESS_INSTANCE, request, HistoricProcessInstancePermissions.READ);
    }
  }

  private void grant(Set<String> held, String group, Resource resource, String resourceId, Permission permission) {
    if (!held.contains(group + "/" + resource.resourceType())) {
      Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
      authorization.addPermission(permission);
      authorizations.saveAuthorization(authorization);
    }
  }
}
