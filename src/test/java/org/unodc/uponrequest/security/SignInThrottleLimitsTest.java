package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.unodc.uponrequest.security.SignInThrottle.Attempt;

/**
 * The throttle's arithmetic, on a hand-moved clock: backoff, the cap per minute, the keys kept
 * apart, nothing locked for good, and the guesses per hour that SECURITY.md states.
 */
class SignInThrottleLimitsTest {

  /** Stated in SECURITY.md ("How fast can anyone guess"); a change of limits must change both. */
  static final int ACCOUNT_FIRST_HOUR = 17;
  static final int ACCOUNT_LATER_HOURS = 4;
  static final int ACCOUNT_FIRST_DAY = 109;
  static final int CLIENT_FIRST_HOUR = 32;
  static final int CLIENT_LATER_HOURS = 4;
  static final int CLIENT_FIRST_DAY = 124;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
  private final SignInThrottle throttle = new SignInThrottle(clock, Duration.ZERO);

  @Test
  void fiveWrongPasswordsPassThenTheAccountIsHeldBackForAMinute() {
    for (int guess = 1; guess <= 5; guess++) {
      assertThat(throttle.admit(new Attempt("manager", "10.0.0." + guess, null))).as("guess %d", guess).isPresent();
    }
    assertThat(throttle.admit(new Attempt("manager", "10.0.0.9", null))).as("from any client").isEmpty();
    clock.advance(Duration.ofSeconds(59));
    assertThat(throttle.admit(new Attempt("manager", "10.0.0.9", null))).as("five in a minute at most").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.admit(new Attempt("manager", "10.0.0.9", null))).isPresent();
  }

  @Test
  void eachFurtherWrongPasswordDoublesTheWaitUpToAQuarterOfAnHour() {
    assertThat(SignInLimit.ACCOUNT.delayAfter(4)).isZero();
    assertThat(SignInLimit.ACCOUNT.delayAfter(5)).hasSeconds(1);
    assertThat(SignInLimit.ACCOUNT.delayAfter(6)).hasSeconds(2);
    assertThat(SignInLimit.ACCOUNT.delayAfter(14)).hasSeconds(512);
    assertThat(SignInLimit.ACCOUNT.delayAfter(15)).isEqualTo(Duration.ofMinutes(15));
    assertThat(SignInLimit.ACCOUNT.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void noNumberOfWrongPasswordsLocksAnAccountForGood() {
    int admitted = guessAtFullSpeed(Duration.ofDays(3), second -> new Attempt("manager", "10.0." + (second % 250) + ".1", null));
    assertThat(admitted).isGreaterThan(100);
    clock.advance(Duration.ofMinutes(15));
    assertThat(throttle.admit(new Attempt("manager", "192.0.2.1", null))).isPresent();
  }

  @Test
  void theRightPasswordWipesTheAccountsRecordButOnlyItsOwnAttemptFromTheClients() {
    for (int guess = 1; guess <= 4; guess++) {
      throttle.admit(new Attempt("planner", "10.0.0.1", null));
    }
    throttle.admit(new Attempt("planner", "10.0.0.1", null)).orElseThrow().forgive();

    assertThat(throttle.watched()).extracting(SignInThrottle.Watched::name).containsExactly("10.0.0.1");
    assertThat(throttle.watched().get(0).failures()).isEqualTo(4);
  }

  @Test
  void oneClientIsHeldBackForEveryAccountAfterTenWrongPasswordsInAMinute() {
    for (int account = 1; account <= 10; account++) {
      assertThat(throttle.admit(new Attempt("someone." + account, "203.0.113.7", null))).isPresent();
    }
    assertThat(throttle.admit(new Attempt("office.bogota", "203.0.113.7", null))).isEmpty();
    assertThat(throttle.admit(new Attempt("office.bogota", "198.51.100.1", null))).as("another client").isPresent();
  }

  @Test
  void aBrowserWithTheAccountsDeviceCookieIsNotHeldBackByOthersGuesses() {
    for (int guess = 1; guess <= 30; guess++) {
      throttle.admit(new Attempt("manager", "203.0.113.7", null));
    }
    assertThat(throttle.admit(new Attempt("manager", "203.0.113.7", null))).isEmpty();
    assertThat(throttle.admit(new Attempt("manager", "203.0.113.7", "manager/0a1b"))).isPresent();
  }

  @Test
  void aDeviceCookieHasItsOwnLimitSoAStolenOneBuysLittle() {
    for (int guess = 1; guess <= 5; guess++) {
      assertThat(throttle.admit(new Attempt("manager", "203.0.113.7", "manager/0a1b"))).isPresent();
    }
    assertThat(throttle.admit(new Attempt("manager", "203.0.113.7", "manager/0a1b"))).isEmpty();
    assertThat(throttle.admit(new Attempt("manager", "198.51.100.1", null))).as("the account's own record is apart").isPresent();
  }

  @Test
  void accountNamesInAnotherCaseShareTheAccountsRecord() {
    for (int guess = 1; guess <= 5; guess++) {
      throttle.admit(new Attempt(guess % 2 == 0 ? "MANAGER" : " Manager", "10.0.0." + guess, null));
    }
    assertThat(throttle.admit(new Attempt("manager", "10.0.0.9", null))).isEmpty();
  }

  @Test
  void guessesAtOneAccountFromEverywhereAreAsFewAsSecurityMdSays() {
    // a botnet: every guess from another address, so only the account's own limit applies
    int firstHour = guessAtFullSpeed(Duration.ofHours(1), second -> new Attempt("manager", "10." + second + ".0.1", null));
    int secondHour = guessAtFullSpeed(Duration.ofHours(1), second -> new Attempt("manager", "11." + second + ".0.1", null));
    int restOfDay = guessAtFullSpeed(Duration.ofHours(22), second -> new Attempt("manager", "12." + second + ".0.1", null));

    assertThat(firstHour).isEqualTo(ACCOUNT_FIRST_HOUR);
    assertThat(secondHour).isEqualTo(ACCOUNT_LATER_HOURS);
    assertThat(firstHour + secondHour + restOfDay).isEqualTo(ACCOUNT_FIRST_DAY);
  }

  @Test
  void guessesFromOneClientAtManyAccountsAreAsFewAsSecurityMdSays() {
    int[] account = {0};
    IntFunction<Attempt> spray = second -> new Attempt("someone." + account[0]++, "203.0.113.7", null);
    int firstHour = guessAtFullSpeed(Duration.ofHours(1), spray);
    int secondHour = guessAtFullSpeed(Duration.ofHours(1), spray);
    int restOfDay = guessAtFullSpeed(Duration.ofHours(22), spray);

    assertThat(firstHour).isEqualTo(CLIENT_FIRST_HOUR);
    assertThat(secondHour).isEqualTo(CLIENT_LATER_HOURS);
    assertThat(firstHour + secondHour + restOfDay).isEqualTo(CLIENT_FIRST_DAY);
  }

  @Test
  void aClientThatPausesToBeForgottenGuessesNoMoreThanOneThatKeepsGoing() {
    int[] account = {0};
    int admitted = 0;
    Instant end = clock.instant().plus(Duration.ofDays(1));
    Instant lastAdmitted = clock.instant();
    while (clock.instant().isBefore(end)) {
      if (throttle.admit(new Attempt("someone." + account[0]++, "203.0.113.7", null)).isPresent()) {
        admitted++;
        lastAdmitted = clock.instant();
        continue;
      }
      Instant heldUntil = throttle.watched().stream().filter(key -> key.kind() == SignInThrottle.Kind.CLIENT)
          .findFirst().orElseThrow().heldUntil();
      if (Duration.between(clock.instant(), heldUntil).compareTo(SignInLimit.CLIENT.maxDelay()) >= 0) {
        clock.advance(Duration.between(clock.instant(), lastAdmitted.plus(Duration.ofHours(1))));
      } else {
        clock.advance(Duration.ofSeconds(1));
      }
    }
    assertThat(admitted).as("a client pausing an hour whenever held back a quarter of an hour")
        .isLessThanOrEqualTo(CLIENT_FIRST_DAY);
  }

  /** An attacker who guesses whenever the throttle lets them, second by second; the guesses it let through. */
  private int guessAtFullSpeed(Duration during, IntFunction<Attempt> attempt) {
    int admitted = 0;
    for (int second = 0; second < during.toSeconds(); second++) {
      while (throttle.admit(attempt.apply(second)).isPresent()) {
        admitted++;
      }
      clock.advance(Duration.ofSeconds(1));
    }
    return admitted;
  }
}
