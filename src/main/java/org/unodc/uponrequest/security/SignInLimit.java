package org.unodc.uponrequest.security;

import java.time.Duration;

/**
 * How many failed sign-ins one key (an account, a client, a device) may have before it is held
 * back: {@code free} failures in a row pass at once; from then on each failure holds the key back
 * for {@code firstDelay}, doubling with every further failure up to {@code maxDelay}. Whatever the
 * backoff, no more than {@code perMinute} failures in any minute. Each {@code forgiveEvery} without
 * a failure forgives one (a slow leak, so pausing to be forgotten gains an attacker nothing); nothing
 * ever locks for good.
 */
record SignInLimit(int free, Duration firstDelay, Duration maxDelay, int perMinute, Duration forgiveEvery) {

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration QUARTER_HOUR = Duration.ofMinutes(15);

  /** Guesses at one account from clients that cannot show a device cookie for it. */
  static final SignInLimit ACCOUNT = new SignInLimit(5, SECOND, QUARTER_HOUR, 5, QUARTER_HOUR);
  /** Guesses from one client address (an IPv6 /64), at any accounts; shared addresses get more room. */
  static final SignInLimit CLIENT = new SignInLimit(20, SECOND, QUARTER_HOUR, 10, QUARTER_HOUR);
  /** Guesses from a browser that shows a device cookie for the account (its owner, or a thief of it). */
  static final SignInLimit DEVICE = new SignInLimit(5, SECOND, QUARTER_HOUR, 5, QUARTER_HOUR);

  /** How long a key with this many failures in a row is held back after the last one. */
  Duration delayAfter(int failures) {
    if (failures < free) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - free, 30); // 2^30 seconds is far past any cap
    Duration delay = firstDelay.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
