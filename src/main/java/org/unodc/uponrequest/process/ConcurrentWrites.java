package org.unodc.uponrequest.process;

import java.sql.SQLException;
import java.util.Set;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * Whether a write failed because another transaction wrote the same data at the same moment:
 * Camunda's optimistic locking (an entity changed since it was read), or the database refusing a
 * statement for a row another transaction held (a deadlock victim, a lock wait that timed out),
 * as Spring or the driver reports it. Such a write was rolled back whole; the user should be told
 * "someone else changed this, reload" (409), not "server error".
 */
public final class ConcurrentWrites {

  /**
   * SQLSTATEs of a statement that lost to another transaction: serialization failure and deadlock
   * (40001, PostgreSQL's 40P01), H2's lock timeout (HYT00), PostgreSQL's lock not available (55P03).
   */
  private static final Set<String> LOST_TO_ANOTHER = Set.of("40001", "40P01", "HYT00", "55P03");

  public static boolean lostToAnother(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyFailureException) {
        return true;
      }
      if (cause instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if (next.getSQLState() != null && LOST_TO_ANOTHER.contains(next.getSQLState())) {
            return true;
          }
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private ConcurrentWrites() {}
}
