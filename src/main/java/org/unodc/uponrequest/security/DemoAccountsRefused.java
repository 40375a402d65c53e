package org.unodc.uponrequest.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.referencedata.DemoUser;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * Outside the demo profile no demo account may still sign in with the demo password (a database
 * carried over from a demo, or accounts made by hand from the README): refuse to start and name
 * them. The administrator's own account is left to {@link ProductionSecrets}, which sets its
 * password from the environment in production.
 */
@Component
@Profile("!" + DemoUsers.PROFILE)
class DemoAccountsRefused {

  private final IdentityService identityService;
  private final ReferenceData referenceData;
  private final String administrator;

  DemoAccountsRefused(IdentityService identityService, ReferenceData referenceData,
      @Value("${camunda.bpm.admin-user.id:admin}") String administrator) {
    this.identityService = identityService;
    this.referenceData = referenceData;
    this.administrator = administrator;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0) // before anything else is created
  void refuseDemoAccounts() {
    List<String> stillDemo = referenceData.demoUsers().stream()
        .map(DemoUser::id)
        .filter(id -> !id.equals(administrator))
        .filter(id -> identityService.createUserQuery().userId(id).count() > 0)
        .filter(id -> identityService.checkPassword(id, DemoUsers.DEMO_PASSWORD))
        .toList();
    if (!stillDemo.isEmpty()) {
      throw new IllegalStateException("Demo accounts still sign in with the demo password outside the demo profile: "
          + String.join(", ", stillDemo) + ". Delete them or change their passwords (Camunda Admin, in the demo profile), "
          + "or start with the demo profile; refusing to start.");
    }
  }
}
