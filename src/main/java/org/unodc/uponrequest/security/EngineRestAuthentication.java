package org.unodc.uponrequest.security;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * Camunda's engine-rest authentication, with the caller's tenants kept as the portal keeps them
 * ({@link ActingUser}, ADR 0007): Camunda looks them up on every call (members directly or through
 * a group, 193 tenants for HQ), which was 15-18% of the CPU of an officer's steps over engine-rest
 * on H2. A tenant given to or taken from a group in Admin applies within the same time as in the portal.
 */
class EngineRestAuthentication extends ProcessEngineAuthenticationFilter {

  private final ActingUser actingUser;

  EngineRestAuthentication(ActingUser actingUser) {
    this.actingUser = actingUser;
  }

  @Override
  protected void setAuthenticatedUser(ProcessEngine engine, String userId, List<String> groupIds, List<String> tenantIds) {
    List<String> groups = groupIds != null ? groupIds : getGroupsOfUser(engine, userId);
    List<String> tenants = tenantIds != null ? tenantIds : actingUser.tenantsOf(userId, groups);
    engine.getIdentityService().setAuthentication(userId, groups, tenants);
  }
}
