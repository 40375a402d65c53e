package org.unodc.uponrequest.intake;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The filed submission whose process instance this thread is starting: its reference and when it
 * was filed, which "Register the request" keeps instead of taking a new number. Only the
 * registrar sets it, so a start through any other door (engine-rest, a test) numbers itself.
 */
final class RegisteringSubmission {

  record Filed(String reference, Instant filedAt) {}

  private static final ThreadLocal<Filed> CURRENT = new ThreadLocal<>();

  static Optional<Filed> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  static <T> T during(Filed filed, Supplier<T> start) {
    CURRENT.set(filed);
    try {
      return start.get();
    } finally {
      CURRENT.remove();
    }
  }

  private RegisteringSubmission() {}
}
