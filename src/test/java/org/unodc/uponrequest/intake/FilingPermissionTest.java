package org.unodc.uponrequest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.security.MutableClock;

/** Who may file is asked of Camunda's grants; a grant withdrawn stops counting once the kept answer expires. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class FilingPermissionTest {

  @Autowired AuthorizationService authorizationService;

  @Test
  void focalPointsAndIntakeMayFileOfficersOfOtherSectionsMayNot() {
    FilingPermission permission = new FilingPermission(authorizationService, new MutableClock(Instant.parse("2027-03-01T09:00:00Z")));
    assertThat(permission.mayFile("ken.focal", List.of("focal-KEN"))).isTrue();
    assertThat(permission.mayFile("intake", List.of("hq-intake"))).isTrue();
    assertThat(permission.mayFile("planner", List.of("strategic-planning"))).isFalse();
    assertThat(permission.mayFile("someone", List.of())).isFalse();
  }

  @Test
  void aGrantWithdrawnStopsCountingWithinTheTimeAnswersAreKept() {
    MutableClock clock = new MutableClock(Instant.parse("2027-03-01T09:00:00Z"));
    FilingPermission permission = new FilingPermission(authorizationService, clock);
    assertThat(permission.mayFile("ken.focal", List.of("focal-KEN"))).isTrue();
    Authorization grant = authorizationService.createAuthorizationQuery().groupIdIn("focal-KEN")
        .resourceType(Resources.PROCESS_INSTANCE).resourceId("*").list().stream()
        .filter(each -> each.isPermissionGranted(Permissions.CREATE)).findFirst().orElseThrow();
    try {
      grant.removePermission(Permissions.CREATE);
      authorizationService.saveAuthorization(grant);
      clock.advance(FilingPermission.KEPT.minus(Duration.ofSeconds(1)));
      assertThat(permission.mayFile("ken.focal", List.of("focal-KEN"))).as("still kept").isTrue();
      clock.advance(Duration.ofSeconds(1));
      assertThat(permission.mayFile("ken.focal", List.of("focal-KEN"))).as("asked again").isFalse();
      assertThat(permission.mayFile("ken.focal", List.of("focal-KEN", "other"))).as("another group set is asked anew")
          .isFalse();
    } finally {
      grant.addPermission(Permissions.CREATE);
      authorizationService.saveAuthorization(grant);
    }
  }
}
