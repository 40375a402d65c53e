package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.AdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.CockpitRuntimeDelegate;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.TasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.WelcomeRuntimeDelegate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.unodc.uponrequest.UponRequestApplication;

/** The prod profile never starts with a default or missing administrator password, nor with demo accounts. */
class ProductionProfileTest {

  static final String STRONG = "a-long-production-secret";

  /**
   * Camunda's webapps keep their runtime in static fields, which a context of the webapps clears
   * when it closes: the contexts started and closed here would leave the other test classes'
   * cached contexts with a Tasklist and Cockpit that fail (500). They get theirs back after each test.
   */
  private CockpitRuntimeDelegate cockpit;
  private TasklistRuntimeDelegate tasklist;
  private AdminRuntimeDelegate admin;
  private WelcomeRuntimeDelegate welcome;

  @BeforeEach
  void keepTheWebappsRuntime() {
    cockpit = Cockpit.getRuntimeDelegate();
    tasklist = Tasklist.getRuntimeDelegate();
    admin = Admin.getRuntimeDelegate();
    welcome = Welcome.getRuntimeDelegate();
  }

  @AfterEach
  void giveTheWebappsTheirRuntimeBack() {
    Cockpit.setCockpitRuntimeDelegate(cockpit);
    Tasklist.setTasklistRuntimeDelegate(tasklist);
    Admin.setAdminRuntimeDelegate(admin);
    Welcome.setRuntimeDelegate(welcome);
  }

  @Test
  void prodProfileWithoutAnAdminPasswordRefusesToStartAndSaysWhy() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(UponRequestApplication.class)
            .profiles("prod")
            .properties("spring.datasource.url=jdbc:h2:mem:prod-check", "server.port=0")
            .run())
        .hasStackTraceContaining("UPONREQUEST_ADMIN_PASSWORD")
        .hasStackTraceContaining("refusing to start");
  }

  @Test
  void prodProfileRefusesTheDemoPassword() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(UponRequestApplication.class)
            .profiles("prod")
            .properties("spring.datasource.url=jdbc:h2:mem:prod-check", "server.port=0",
                "UPONREQUEST_ADMIN_PASSWORD=demo")
            .run())
        .hasStackTraceContaining("not the demo password");
  }

  @Test
  void prodProfileRefusesToStartTogetherWithTheDemoProfile() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(UponRequestApplication.class)
            .profiles("prod", "demo")
            .properties("spring.datasource.url=jdbc:h2:mem:prod-check", "server.port=0",
                "UPONREQUEST_ADMIN_PASSWORD=" + STRONG)
            .run())
        .hasStackTraceContaining("demo profile")
        .hasStackTraceContaining("refusing to start");
  }

  @Test
  void prodCreatesNoDemoAccountsSaysNothingOfThemAndRefusesOnesThatKeepTheDemoPassword() throws Exception {
    // as arguments, which outrank application.yaml (default properties would not: the file database, port 8080)
    try (ConfigurableApplicationContext prod = new SpringApplicationBuilder(UponRequestApplication.class)
        .profiles("prod")
        .run("--spring.datasource.url=jdbc:h2:mem:prod-start-" + UUID.randomUUID(), "--server.port=0",
            "--camunda.bpm.job-execution.enabled=false", "--UPONREQUEST_ADMIN_PASSWORD=" + STRONG)) {
      IdentityService identity = prod.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly("admin");
      assertThat(prod.getBeansOfType(DemoUsers.class)).isEmpty();

      int port = ((WebServerApplicationContext) prod).getWebServer().getPort();
      String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(page).contains("Sign in").doesNotContain("demonstration").doesNotContain("ken.focal");

      // someone carried a demo account over into production: the next start refuses, naming it
      User carriedOver = identity.newUser("ken.focal");
      carriedOver.setPassword("demo");
      identity.saveUser(carriedOver);
      assertThatThrownBy(() -> prod.getBean(DemoAccountsRefused.class).refuseDemoAccounts())
          .hasMessageContaining("ken.focal").hasMessageContaining("demo password").hasMessageContaining("refusing to start");
    }
  }
}
