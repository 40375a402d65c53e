package org.unodc.uponrequest.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * Demo profile only: one user per role from seeds/demo-users.csv, password "demo", so a
 * person can walk a request through every stage. Existing users keep their password.
 */
@Component
@Profile(DemoUsers.PROFILE)
class DemoUsers {

  static final String PROFILE = "demo";
  static final String DEMO_PASSWORD = "demo";

  private final IdentityService identityService;
  private final ReferenceData referenceData;

  DemoUsers(IdentityService identityService, ReferenceData referenceData) {
    this.identityService = identityService;
    this.referenceData = referenceData;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(4) // after groups, tenants and grants
  void createMissingUsers() {
    for (var seed : referenceData.demoUsers()) {
      if (identityService.createUserQuery().userId(seed.id()).count() == 0) {
        User user = identityService.newUser(seed.id());
        user.setFirstName(seed.firstName());
        user.setLastName(seed.lastName());
        user.setEmail(seed.email());
        user.setPassword(DEMO_PASSWORD);
        identityService.saveUser(user);
      }
      for (String group : seed.groups()) {
        if (identityService.createUserQuery().userId(seed.id()).memberOfGroup(group).count() == 0) {
          identityService.createMembership(seed.id(), group);
        }
      }
    }
  }
}
