package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.unodc.uponrequest.security.SignInThrottle.Admission;
import org.unodc.uponrequest.security.SignInThrottle.Attempt;

/**
 * Many sign-ins of one account at the same moment: a machine client's own parallel calls with the
 * right password all get in, while parallel wrong guesses get no more tries than one after the
 * other would.
 */
class SignInThrottleConcurrencyTest {

  static final int PARALLEL = 50;

  private final SignInThrottle throttle = new SignInThrottle(new MutableClock(Instant.parse("2026-01-05T08:00:00Z")));

  @Test
  void fiftyParallelCallsWithTheRightPasswordAllGetIn() throws Exception {
    assertThat(attempts(true)).as("admitted of " + PARALLEL).isEqualTo(PARALLEL);
  }

  @Test
  void fiftyParallelWrongGuessesGetNoMoreTriesThanFiveInARow() throws Exception {
    assertThat(attempts(false)).as("admitted of " + PARALLEL).isEqualTo(5);
  }

  /** Each attempt takes 20 ms to check, as a password hash and a database read do; returns how many were admitted. */
  private int attempts(boolean rightPassword) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    List<Future<Boolean>> outcomes = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      outcomes.add(pool.submit(() -> {
        start.await();
        Optional<Admission> admission = throttle.admit(new Attempt("ministry.system", "198.51.100.7", null));
        if (admission.isEmpty()) {
          return false;
        }
        try (Admission admitted = admission.get()) {
          Thread.sleep(20);
          if (rightPassword) {
            admitted.forgive();
          }
        }
        return true;
      }));
    }
    start.countDown();
    int admitted = 0;
    for (Future<Boolean> outcome : outcomes) {
      admitted += outcome.get() ? 1 : 0;
    }
    pool.shutdown();
    return admitted;
  }
}
