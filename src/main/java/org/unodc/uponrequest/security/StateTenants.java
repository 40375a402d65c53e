package org.unodc.uponrequest.security;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.referencedata.Office;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * One Camunda tenant per member state; each request belongs to its state's tenant
 * ({@link MemberStateTenantIdProvider}). Camunda filters every query, Tasklist and engine-rest
 * included, to the tenants of the asking user, so a state's focal points only ever see their
 * own state's requests. Offices see the states they cover; HQ roles see all. Created when missing.
 */
@Component
class StateTenants {

  private final IdentityService identityService;
  private final ReferenceData referenceData;
  private final AccessGrants accessGrants;

  StateTenants(IdentityService identityService, ReferenceData referenceData, AccessGrants accessGrants) {
    this.identityService = identityService;
    this.referenceData = referenceData;
    this.accessGrants = accessGrants;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(2) // after the groups, before the grants
  void createMissing() {
    Set<String> existing = identityService.createTenantQuery().list().stream().map(Tenant::getId).collect(Collectors.toSet());
    Set<String> allStates = new HashSet<>();
    for (var state : referenceData.memberStates()) {
      allStates.add(state.iso3());
      if (!existing.contains(state.iso3())) {
        Tenant tenant = identityService.newTenant(state.iso3());
        tenant.setName(state.name());
        identityService.saveTenant(tenant);
      }
      join(Groups.focalPoints(state.iso3()), Set.of(state.iso3()));
    }
    for (Office office : referenceData.offices()) {
      // Headquarters is every request's fallback office
      join(office.candidateGroup(), office.code().equals("HQVIE") ? allStates : office.coveredStates());
    }
    for (String group : accessGrants.officerGroups()) {
      if (!group.startsWith(Groups.office(""))) {
        join(group, allStates);
      }
    }
  }

  private void join(String group, Set<String> tenants) {
    Set<String> member = identityService.createTenantQuery().groupMember(group).list().stream()
        .map(Tenant::getId).collect(Collectors.toSet());
    for (String tenant : tenants) {
      if (!member.contains(tenant)) {
        identityService.createTenantGroupMembership(tenant, group);
      }
    }
  }
}
