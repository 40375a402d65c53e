package org.unodc.uponrequest.security;

import org.unodc.uponrequest.process.ConcurrentWrites;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.TaskConflictException;

/**
 * The refusal (bad input, a closed door, or a conflict with someone else's write) of the engine
 * command that the current HTTP request made, remembered for the webapps' engine API: its JAX-RS
 * application wraps every engine exception into a 500 that UponRequest cannot map, so
 * {@link SealedWebappEngineApi} turns the answer back into the 400, 403 or 409 the refusal
 * deserves. Commands run on the request's thread.
 */
final class EngineRefusals {

  private static final ThreadLocal<RuntimeException> LAST = new ThreadLocal<>();

  /** Remembers the refusal in an exception's cause chain, if any. */
  static void remember(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException || cause instanceof EngineDoorClosedException
          || cause instanceof TaskConflictException) {
        LAST.set((RuntimeException) cause);
        return;
      }
    }
    if (failure instanceof RuntimeException lost && ConcurrentWrites.lostToAnother(lost)) {
      LAST.set(lost);
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
