package org.unodc.uponrequest.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * Creates the candidate groups of seeds/groups.csv (roles, offices, one per member state's focal
 * points) when missing. Runs in every profile: tasks are routed to these groups.
 */
@Component
class IdentityBootstrap {

  private final IdentityService identityService;
  private final ReferenceData referenceData;

  IdentityBootstrap(IdentityService identityService, ReferenceData referenceData) {
    this.identityService = identityService;
    this.referenceData = referenceData;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(1) // groups before the users, tenants and grants that refer to them
  void createMissingGroups() {
    for (var seed : referenceData.groups()) {
      if (identityService.createGroupQuery().groupId(seed.id()).count() == 0) {
        Group group = identityService.newGroup(seed.id());
        group.setName(seed.name());
        group.setType(seed.type());
        identityService.saveGroup(group);
      }
    }
  }
}
