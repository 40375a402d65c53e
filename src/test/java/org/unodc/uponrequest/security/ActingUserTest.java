package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;

/** The engine sees the caller's own groups and tenants; a tenant taken from a group stops counting once kept tenants expire. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class ActingUserTest {

  @Autowired IdentityService identityService;
  @Autowired ProcessEngine processEngine;
  @Autowired FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication;

  @AfterEach
  void putBack() {
    if (!identityService.createTenantQuery().groupMember("focal-KEN").tenantId("KEN").list().isEmpty()) {
      return;
    }
    identityService.createTenantGroupMembership("KEN", "focal-KEN");
  }

  @Test
  void engineCallsRunAsTheCallerWithTheirGroupsAndTheTenantsOfThem() {
    ActingUser acting = new ActingUser(identityService, new MutableClock(Instant.parse("2027-03-01T09:00:00Z")));

    var seen = acting.call(kenyasFocalPoint(), () -> identityService.getCurrentAuthentication());

    assertThat(seen.getUserId()).isEqualTo("ken.focal");
    assertThat(seen.getGroupIds()).containsExactly("focal-KEN");
    assertThat(seen.getTenantIds()).containsExactly("KEN");
    assertThat(identityService.getCurrentAuthentication()).as("cleared after the call").isNull();
  }

  @Test
  void aTenantTakenFromTheGroupStopsCountingWithinTheTimeTenantsAreKept() {
    MutableClock clock = new MutableClock(Instant.parse("2027-03-01T09:00:00Z"));
    ActingUser acting = new ActingUser(identityService, clock);
    acting.call(kenyasFocalPoint(), () -> null);

    identityService.deleteTenantGroupMembership("KEN", "focal-KEN");
    clock.advance(ActingUser.TENANTS_KEPT.minus(Duration.ofSeconds(1)));
    assertThat(acting.call(kenyasFocalPoint(), () -> identityService.getCurrentAuthentication().getTenantIds()))
        .as("still kept").containsExactly("KEN");

    clock.advance(Duration.ofSeconds(1));
    assertThat(acting.call(kenyasFocalPoint(), () -> identityService.getCurrentAuthentication().getTenantIds()))
        .as("looked up again").isEmpty();
  }

  @Test
  void engineRestCallsRunWithTheTenantsAsKeptForThePortal() {
    assertThat(engineRestAuthentication.getFilter()).as("the filter engine-rest's calls go through")
        .isInstanceOf(EngineRestAuthentication.class);
    MutableClock clock = new MutableClock(Instant.parse("2027-03-01T09:00:00Z"));
    EngineRestAuthentication filter = new EngineRestAuthentication(new ActingUser(identityService, clock));
    try {
      filter.setAuthenticatedUser(processEngine, "ken.focal", null, null);
      assertThat(identityService.getCurrentAuthentication().getGroupIds()).as("groups looked up").containsExactly("focal-KEN");
      assertThat(identityService.getCurrentAuthentication().getTenantIds()).containsExactly("KEN");
      identityService.clearAuthentication();

      identityService.deleteTenantGroupMembership("KEN", "focal-KEN");
      filter.setAuthenticatedUser(processEngine, "ken.focal", null, null);
      assertThat(identityService.getCurrentAuthentication().getTenantIds()).as("still kept").containsExactly("KEN");
      identityService.clearAuthentication();

      clock.advance(ActingUser.TENANTS_KEPT);
      filter.setAuthenticatedUser(processEngine, "ken.focal", null, null);
      assertThat(identityService.getCurrentAuthentication().getTenantIds()).as("looked up again").isEmpty();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static Authentication kenyasFocalPoint() {
    return UsernamePasswordAuthenticationToken.authenticated("ken.focal", null,
        List.of(new SimpleGrantedAuthority(SignedInGroups.PREFIX + "focal-KEN")));
  }
}
