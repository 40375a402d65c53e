package org.unodc.uponrequest.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing down without ever locking an account for good (ADR 0003). Every
 * attempt is counted as a failure before the password is checked, so parallel guesses cannot slip
 * through between check and count; a right password forgives its own attempt. Attempts that show
 * a valid device cookie for the account count against that device only, so an attacker elsewhere
 * cannot keep the owner out; all others count against the account and against the client.
 * In memory, per node: see ADR 0003 for running several nodes.
 */
@Component
class SignInThrottle {

  enum Kind { ACCOUNT, CLIENT, DEVICE }

  /** What one sign-in attempt is counted against. {@code device} is a verified device id, or null. */
  record Attempt(String account, String client, String device) {}

  /** A key that has failures on record, for the administrators' page. */
  record Watched(Kind kind, String name, String account, int failures, Instant lastFailure, Instant heldUntil) {

    boolean held(Instant now) {
      return heldUntil != null && heldUntil.isAfter(now);
    }
  }

  /** An admitted attempt: {@link #forgive()} it when the password was right, {@link #close()} it in any case. */
  interface Admission extends AutoCloseable {
    void forgive();

    /** The check is over (right, wrong or failed): attempts waiting on it may be decided. */
    @Override
    void close();
  }

  /**
   * How long an attempt that only in-flight checks would hold back waits for them. A machine
   * client opening many connections at once counts each as a failure until its password is
   * checked; without waiting, its own parallel calls would hold it back (seen with 50 clients).
   */
  static final Duration WAIT_FOR_CHECKS_IN_FLIGHT = Duration.ofSeconds(5);

  private static final int PURGE_EVERY = 1_000;

  private final Clock clock;
  private final Map<Key, Failures> failures = new HashMap<>();
  /** Attempts admitted and not yet checked, by key. */
  private final Map<Key, Integer> inFlight = new HashMap<>();
  private int sincePurge;

  private final Duration waitForChecksInFlight;

  @org.springframework.beans.factory.annotation.Autowired
  SignInThrottle(Clock clock) {
    this(clock, WAIT_FOR_CHECKS_IN_FLIGHT);
  }

  /** @param waitForChecksInFlight how long a held-back attempt waits for checks in flight (tests: zero) */
  SignInThrottle(Clock clock, Duration waitForChecksInFlight) {
    this.clock = clock;
    this.waitForChecksInFlight = waitForChecksInFlight;
  }

  /**
   * Admits the attempt (counting it as a failure until forgiven), or empty if it is held back.
   * If it is held back while attempts on the same keys are still being checked, it waits (by
   * default up to {@link #WAIT_FOR_CHECKS_IN_FLIGHT}) for their outcome: a right password forgives, and the
   * attempt goes ahead; wrong ones stay counted, and it is held back as before. So parallel
   * guesses gain nothing, and a client's own parallel calls do not lock it out.
   */
  synchronized Optional<Admission> admit(Attempt attempt) {
    long deadline = System.nanoTime() + waitForChecksInFlight.toNanos();
    List<Key> keys = keysOf(attempt);
    while (true) {
      Instant now = clock.instant();
      purgeNowAndThen(now);
      boolean held = keys.stream().anyMatch(key -> {
        Failures counted = current(key, now);
        return counted != null && counted.heldUntil(key.limit()).isAfter(now);
      });
      if (!held) {
        break;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || keys.stream().noneMatch(key -> inFlight.getOrDefault(key, 0) > 0)) {
        return Optional.empty();
      }
      try {
        wait(Math.max(1, remaining / 1_000_000));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    Instant now = clock.instant();
    for (Key key : keys) {
      failures.computeIfAbsent(key, k -> new Failures()).add(now, key.limit());
      inFlight.merge(key, 1, Integer::sum);
    }
    return Optional.of(new Admission() {
      private boolean closed;

      @Override
      public void forgive() {
        SignInThrottle.this.forgive(keys, now);
      }

      @Override
      public void close() {
        synchronized (SignInThrottle.this) {
          if (!closed) {
            closed = true;
            keys.forEach(key -> inFlight.computeIfPresent(key, (k, count) -> count > 1 ? count - 1 : null));
            SignInThrottle.this.notifyAll();
          }
        }
      }
    });
  }

  /** Every key with failures on record, those held back first. */
  synchronized List<Watched> watched() {
    Instant now = clock.instant();
    purge(now);
    List<Watched> list = new ArrayList<>();
    failures.forEach((key, counted) -> {
      Instant held = counted.heldUntil(key.limit());
      list.add(new Watched(key.kind(), key.name(), key.account(), counted.inARow(key.limit(), now), counted.last,
          held.isAfter(now) ? held : null));
    });
    list.sort(Comparator.comparing((Watched w) -> !w.held(now)).thenComparing(Watched::kind).thenComparing(Watched::name));
    return list;
  }

  Instant now() {
    return clock.instant();
  }

  private synchronized void forgive(List<Key> keys, Instant at) {
    for (Key key : keys) {
      Failures counted = failures.get(key);
      if (counted == null) {
        continue;
      }
      if (key.kind() == Kind.CLIENT) {
        counted.undo(at); // a client's record is not wiped by one good password: an insider could launder a spray
        if (counted.inARow(key.limit(), at) == 0) {
          failures.remove(key);
        }
      } else {
        failures.remove(key); // only the password's owner can do this
      }
    }
  }

  private static List<Key> keysOf(Attempt attempt) {
    String account = normalised(attempt.account());
    if (attempt.device() != null) {
      return List.of(new Key(Kind.DEVICE, attempt.device(), account));
    }
    return List.of(new Key(Kind.ACCOUNT, account, account), new Key(Kind.CLIENT, attempt.client(), null));
  }

  /** Account names are compared case-blind and cut short, so respelling a name gains no fresh budget. */
  static String normalised(String account) {
    String lower = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
    return lower.length() > 64 ? lower.substring(0, 64) : lower;
  }

  private Failures current(Key key, Instant now) {
    Failures counted = failures.get(key);
    if (counted != null && counted.forgotten(key.limit(), now)) {
      failures.remove(key);
      return null;
    }
    return counted;
  }

  private void purgeNowAndThen(Instant now) {
    if (++sincePurge >= PURGE_EVERY) {
      purge(now);
    }
  }

  private void purge(Instant now) {
    sincePurge = 0;
    failures.entrySet().removeIf(entry -> entry.getValue().forgotten(entry.getKey().limit(), now));
  }

  private record Key(Kind kind, String name, String account) {

    SignInLimit limit() {
      return switch (kind) {
        case ACCOUNT -> SignInLimit.ACCOUNT;
        case CLIENT -> SignInLimit.CLIENT;
        case DEVICE -> SignInLimit.DEVICE;
      };
    }
  }

  /** The failures of one key: how many in a row (as of the last one), the last one, those of the last minute. */
  private static final class Failures {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private int inARow;
    private Instant last;
    private final Deque<Instant> lastMinute = new ArrayDeque<>();

    void add(Instant at, SignInLimit limit) {
      inARow = inARow(limit, at) + 1;
      last = at;
      lastMinute.addLast(at);
      while (lastMinute.size() > limit.perMinute()) {
        lastMinute.removeFirst();
      }
    }

    void undo(Instant at) {
      inARow = Math.max(0, inARow - 1);
      lastMinute.removeLastOccurrence(at);
    }

    /** Failures still held against the key at {@code now}: one forgiven per quiet {@code forgiveEvery}. */
    int inARow(SignInLimit limit, Instant now) {
      if (last == null || !now.isAfter(last)) {
        return inARow;
      }
      long forgiven = Duration.between(last, now).dividedBy(limit.forgiveEvery());
      return (int) Math.max(0, inARow - forgiven);
    }

    Instant heldUntil(SignInLimit limit) {
      Instant held = last == null ? Instant.MIN : last.plus(limit.delayAfter(inARow));
      if (lastMinute.size() >= limit.perMinute()) {
        Instant minuteFull = lastMinute.peekFirst().plus(MINUTE);
        held = minuteFull.isAfter(held) ? minuteFull : held;
      }
      return held;
    }

    boolean forgotten(SignInLimit limit, Instant now) {
      return last == null || (!heldUntil(limit).isAfter(now) && inARow(limit, now) == 0);
    }
  }
}
