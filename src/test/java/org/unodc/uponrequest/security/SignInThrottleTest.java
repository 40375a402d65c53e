package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * Guessing passwords through any door is slowed down per account and per client, and can never
 * be turned against the account's owner: no permanent lock, and the owner's browser (its device
 * cookie) still signs in while an attacker keeps guessing. The throttle's clock is moved by hand.
 * Every test here knocks from 127.0.0.1, so each starts after a quiet day (everything forgotten).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@Import(SignInThrottleTest.HandMovedClock.class)
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTest {

  @TestConfiguration
  static class HandMovedClock {
    @Bean
    @Primary
    MutableClock handMovedClock() {
      return new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    }
  }

  static final String SIGNED_IN = "/";
  static final String REFUSED = "/login?error";

  @LocalServerPort int port;
  @Autowired MutableClock clock;

  @BeforeEach
  void aQuietDayHasPassed() {
    clock.advance(Duration.ofDays(2));
  }

  @Test
  void attackerGuessingOnTheLoginPageIsHeldBackWhileTheOwnerSignsInWithTheDeviceCookie() {
    HttpSession owner = new HttpSession(port);
    assertThat(landing(owner.login("manager", "demo"))).isEqualTo(SIGNED_IN);

    HttpSession attacker = new HttpSession(port);
    for (int guess = 1; guess <= 30; guess++) {
      assertThat(landing(attacker.login("manager", "guess-" + guess))).isEqualTo(REFUSED);
    }
    assertThat(landing(attacker.login("manager", "demo"))).as("the attacker is held back, even with the right password")
        .isEqualTo(REFUSED);

    clock.advance(Duration.ofSeconds(30));
    assertThat(landing(owner.login("manager", "demo"))).as("the owner's browser, within a minute").isEqualTo(SIGNED_IN);
  }

  @Test
  void attackerGuessingWithHttpBasicIsHeldBackWhileTheOwnerSignsInWithTheDeviceCookie() {
    HttpSession owner = new HttpSession(port);
    assertThat(landing(owner.login("manager", "demo"))).isEqualTo(SIGNED_IN);

    HttpSession attacker = HttpSession.machine(port);
    for (int guess = 1; guess <= 30; guess++) {
      assertThat(attacker.getAs("manager", "guess-" + guess, "/engine-rest/task").statusCode()).isEqualTo(401);
    }
    assertThat(attacker.getAs("manager", "demo", "/engine-rest/task").statusCode()).as("held back").isEqualTo(401);
    assertThat(attacker.getAs("manager", "demo", "/camunda/api/admin/auth/user/default").statusCode())
        .as("Basic on the rest of the application, held back too").isEqualTo(401);

    clock.advance(Duration.ofSeconds(30));
    assertThat(landing(owner.login("manager", "demo"))).as("the owner's browser, within a minute").isEqualTo(SIGNED_IN);
  }

  @Test
  void anAccountIsNeverLockedForGoodWhateverTheGuessesAndTheirPace() throws InterruptedException {
    HttpSession attacker = HttpSession.machine(port);
    for (int guess = 1; guess <= 6; guess++) {
      attacker.getAs("planner", "guess-" + guess, "/engine-rest/task");
      Thread.sleep(1_100); // past any per-failure delay of the engine itself
    }
    clock.advance(Duration.ofMinutes(20));
    assertThat(attacker.getAs("planner", "demo", "/engine-rest/task").statusCode())
        .as("the owner gets in once the backoff has run out, no administrator needed").isEqualTo(200);
  }

  @Test
  void oneClientGuessingAcrossManyAccountsIsHeldBackForEveryAccount() {
    HttpSession owner = new HttpSession(port);
    assertThat(landing(owner.login("intake", "demo"))).isEqualTo(SIGNED_IN);

    HttpSession sprayer = HttpSession.machine(port);
    for (int account = 1; account <= 25; account++) {
      assertThat(sprayer.getAs("someone." + account, "Summer2026!", "/engine-rest/task").statusCode()).isEqualTo(401);
    }
    assertThat(sprayer.getAs("office.bogota", "demo", "/engine-rest/task").statusCode())
        .as("an account the client never guessed at, held back at this client").isEqualTo(401);
    assertThat(landing(owner.login("intake", "demo"))).as("a browser with its device cookie").isEqualTo(SIGNED_IN);
  }

  @Test
  void eachFailureIsLoggedWithAccountAndClientButNeverThePassword(CapturedOutput output) {
    HttpSession.machine(port).getAs("col.focal", "Secret-guess-4711", "/engine-rest/task");
    new HttpSession(port).login("col.focal", "Secret-guess-4712");

    assertThat(output.getAll()).contains("col.focal").contains("127.0.0.1")
        .doesNotContain("Secret-guess-4711").doesNotContain("Secret-guess-4712");
  }

  @Test
  void administratorsSeeTheAccountsAndClientsHeldBack() {
    HttpSession attacker = HttpSession.machine(port);
    for (int guess = 1; guess <= 10; guess++) {
      attacker.getAs("office.vienna", "guess-" + guess, "/engine-rest/task");
    }
    HttpSession admin = new HttpSession(port);
    assertThat(landing(admin.login("admin", "demo"))).isEqualTo(SIGNED_IN);
    HttpResponse<String> page = admin.get("/security/throttled-sign-ins");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html lang=\"en\"").contains("<h1").contains("office.vienna").contains("127.0.0.1");

    HttpSession manager = new HttpSession(port);
    assertThat(landing(manager.login("manager", "demo"))).isEqualTo(SIGNED_IN);
    assertThat(manager.get("/security/throttled-sign-ins").statusCode()).isEqualTo(403);
  }

  /** Where a sign-in sends the browser: the landing page, or back to the login page with an error. */
  private static String landing(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    String location = response.headers().firstValue("Location").orElse("");
    return location.replaceFirst("^https?://[^/]+", "");
  }
}
