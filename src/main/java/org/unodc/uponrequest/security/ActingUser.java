package org.unodc.uponrequest.security;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls as the signed-in user, with their groups and tenants, so that Camunda's
 * authorizations, tenant checks and the integrity rules (ADR 0004) judge the portal's writes
 * exactly as they judge the same write through any other door.
 */
@Component
public class ActingUser {

  private final IdentityService identityService;

  ActingUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  public <T> T call(Authentication caller, Supplier<T> work) {
    String user = caller.getName();
    List<String> groups = List.copyOf(SignedInGroups.of(caller));
    List<String> tenants = identityService.createTenantQuery().userMember(user).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    identityService.setAuthentication(user, groups, tenants);
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  public void run(Authentication caller, Runnable work) {
    call(caller, () -> {
      work.run();
      return null;
    });
  }
}
