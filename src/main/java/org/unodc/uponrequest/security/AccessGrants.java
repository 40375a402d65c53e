package org.unodc.uponrequest.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.reporting.ReportProcess;

/**
 * The Camunda authorizations of every role, created at start-up when missing (permissions are
 * added to an existing grant, never removed, so grants made in Admin survive). Which member
 * state's requests a user sees is decided by tenants ({@link StateTenants}); these grants decide
 * what they may do with them. Tasks are granted per task to their candidate groups by Camunda.
 */
@Component
class AccessGrants {

  static final String TASKLIST = "tasklist";
  static final String COCKPIT = "cockpit";

  private final AuthorizationService authorizations;
  private final ReferenceData referenceData;

  AccessGrants(AuthorizationService authorizations, ReferenceData referenceData) {
    this.authorizations = authorizations;
    this.referenceData = referenceData;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(3) // after the groups exist
  void grantMissing() {
    String process = TechnicalAssistanceProcess.PROCESS_KEY;
    for (String group : workflowGroups()) {
      grant(group, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
      grant(group, Resources.PROCESS_DEFINITION, process, Permissions.READ);
    }
    // a state's focal points follow all their state's requests (their tenant limits them to it);
    // officers read the requests they touch, granted per request by RequestAccessOnTask
    referenceData.memberStates().forEach(state -> grant(Groups.focalPoints(state.iso3()), Resources.PROCESS_DEFINITION,
        process, ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY));
    // who may file requests: a state's focal points (for their own state, checked at registration) and HQ intake
    for (String group : filers()) {
      grant(group, Resources.PROCESS_DEFINITION, process, ProcessDefinitionPermissions.CREATE_INSTANCE);
      grant(group, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }
    // officers see who works on what; member states see only themselves (Camunda grants users their own account)
    for (String group : officerGroups()) {
      grant(group, Resources.USER, ANY, Permissions.READ);
      grant(group, Resources.GROUP, ANY, Permissions.READ);
    }
    String managers = Groups.MANAGERS;
    grant(managers, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
    grant(managers, Resources.PROCESS_DEFINITION, ANY, Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK);
    grant(managers, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grant(managers, Resources.TASK, ANY, Permissions.READ);
    grant(managers, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    // the priority and office rules can be tried out on their own (engine-rest evaluate) by planners and managers
    for (String group : List.of(Groups.STRATEGIC_PLANNING, managers)) {
      grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE);
    }
    grant(managers, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(managers, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(managers, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    grant(managers, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    // the implementation report: managers start it (Tasklist, engine-rest) and review it (its task is theirs
    // as candidates); no other group is granted anything on it, and CREATE_INSTANCE on this one definition
    // keeps "any process instance" to the definitions managers may start
    grant(managers, Resources.PROCESS_DEFINITION, ReportProcess.PROCESS_KEY, ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(managers, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
  }

  List<String> workflowGroups() {
    List<String> groups = new ArrayList<>(officerGroups());
    referenceData.memberStates().forEach(state -> groups.add(Groups.focalPoints(state.iso3())));
    return groups;
  }

  List<String> officerGroups() {
    List<String> groups = new ArrayList<>(List.of(Groups.HQ_INTAKE, Groups.STRATEGIC_PLANNING, Groups.MANAGERS));
    referenceData.specialistSections().forEach(section -> groups.add(section.candidateGroup()));
    referenceData.offices().forEach(office -> groups.add(office.candidateGroup()));
    return groups;
  }

  private List<String> filers() {
    List<String> groups = new ArrayList<>(List.of(Groups.HQ_INTAKE));
    referenceData.memberStates().forEach(state -> groups.add(Groups.focalPoints(state.iso3())));
    return groups;
  }

  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
    Authorization grant = existing;
    if (grant == null) {
      grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      grant.setGroupId(group);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    }
    boolean changed = existing == null;
    for (Permission permission : permissions) {
      if (!grant.isPermissionGranted(permission)) {
        grant.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(grant);
    }
  }
}
