package org.unodc.uponrequest.security;

import org.unodc.uponrequest.process.InvalidInputException;

/**
 * The refusal (bad input, or a closed door) of the engine command that the current HTTP request
 * made, remembered for the webapps' engine API: its JAX-RS application wraps every engine
 * exception into a 500 that UponRequest cannot map, so {@link SealedWebappEngineApi} turns the
 * answer back into the 400 or 403 the refusal deserves. Commands run on the request's thread.
 */
final class EngineRefusals {

  private static final ThreadLocal<RuntimeException> LAST = new ThreadLocal<>();

  /** Remembers the refusal in an exception's cause chain, if any. */
  static void remember(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException || cause instanceof EngineDoorClosedException) {
        LAST.set((RuntimeException) cause);
        return;
      }
    }
  }

  /** The refusal remembered on this thread since {@link #forget()}, or null. */
  static RuntimeException last() {
    return LAST.get();
  }

  static void forget() {
    LAST.remove();
  }

  private EngineRefusals() {}
}
