package org.unodc.uponrequest.security;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is asking the engine, as far as integrity rules care. Calls with no authenticated user are
 * the product's own (registration, timers, the job executor, the portal's service layer).
 */
enum EngineCaller {
  /** The product itself: no user is authenticated. */
  SYSTEM,
  /** A Camunda administrator: may repair requests (modification, variables) outside the forms. */
  ADMINISTRATOR,
  /** A UNODC officer or manager. */
  STAFF,
  /** Someone who belongs to member states' focal-point groups only: sees only state-visible fields. */
  MEMBER_STATE;

  static EngineCaller of(ProcessEngineConfigurationImpl engine) {
    Authentication authentication = engine.getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return SYSTEM;
    }
    List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    List<String> adminGroups = engine.getAdminGroups() == null ? List.of() : engine.getAdminGroups();
    List<String> adminUsers = engine.getAdminUsers() == null ? List.of() : engine.getAdminUsers();
    if (adminUsers.contains(authentication.getUserId()) || groups.stream().anyMatch(adminGroups::contains)) {
      return ADMINISTRATOR;
    }
    // a user in no staff group at all is treated as a member state: the safe default
    return SignedInGroups.includesStaff(groups) ? STAFF : MEMBER_STATE;
  }

  /** Only the product and administrators go past the forms. */
  boolean mayGoPastTheForms() {
    return this == SYSTEM || this == ADMINISTRATOR;
  }
}
