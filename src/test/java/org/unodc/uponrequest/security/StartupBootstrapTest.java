package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.referencedata.ReferenceData;

/** What start-up creates in the demo profile: groups, demo users, shared Tasklist filters; and only once. */
@SpringBootTest
@ActiveProfiles({"test", "demo"})
class StartupBootstrapTest {

  @Autowired IdentityService identityService;
  @Autowired FilterService filterService;
  @Autowired ReferenceData referenceData;
  @Autowired ApplicationEventPublisher events;
  @Autowired ConfigurableApplicationContext context;

  @Test
  void everyGroupOfTheSeedsExists() {
    assertThat(identityService.createGroupQuery().count()).isEqualTo(referenceData.groups().size());
    assertThat(identityService.createGroupQuery().groupId("focal-KEN").singleResult().getName()).contains("Kenya");
  }

  @Test
  void demoUsersOfEveryRoleCanLogInWithTheDemoPassword() {
    for (String user : new String[] {"admin", "ken.focal", "col.focal", "intake", "planner", "office.nairobi",
        "office.bogota", "manager"}) {
      assertThat(identityService.checkPassword(user, "demo")).as(user).isTrue();
    }
    assertThat(identityService.createUserQuery().memberOfGroup("focal-KEN").userId("ken.focal").count()).isOne();
    assertThat(identityService.createUserQuery().memberOfGroup("office-ROEA").userId("office.nairobi").count()).isOne();
    assertThat(identityService.createUserQuery().memberOfGroup("camunda-admin").userId("admin").count()).isOne();
  }

  @Test
  void sharedTaskFiltersExistOnceEvenAfterAnotherStart() {
    events.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, null));

    assertThat(filterService.createFilterQuery().list())
        .extracting(f -> f.getName())
        .containsExactlyInAnyOrder("My work", "My tasks", "My groups' tasks", "Overdue", "High priority");
    assertThat(identityService.createUserQuery().count()).isEqualTo(referenceData.demoUsers().size());
  }
}
