package org.unodc.uponrequest.process;

import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * A completion of a task that lost to someone else's: the task was completed (or closed) by
 * another transaction before this one could write, or the request changed under it. Nothing of
 * the loser's completion is saved (its transaction rolled back). Every door answers it as 409
 * Conflict in the words of {@link Kind#message()}, never as a server error.
 *
 * <p>It is an {@link OptimisticLockingException}: the loser's view of the task was stale, whether
 * the winner committed a moment before or during the loser's own transaction, and Camunda logs it
 * as the expected event it is (debug), not as an error.
 */
public class TaskConflictException extends OptimisticLockingException {

  /** What the loser finds once its own completion rolled back. */
  public enum Kind {
    /** Someone else completed the task first (at the same moment, or before this one was sent). */
    COMPLETED_BY_SOMEONE_ELSE("This task was completed by someone else (or by you in another window); nothing you sent"
        + " was saved. Please reload your task list."),
    /** The task ended without being completed: the request was withdrawn, a deadline or another branch closed it. */
    NO_LONGER_OPEN("This task is no longer open: the request moved on (withdrawn, or closed by a deadline); nothing you"
        + " sent was saved. Please reload your task list."),
    /** The task is still open, but something else on the request changed at the same moment. */
    CHANGED_MEANWHILE("The request was changed by someone else at the same moment; nothing you sent was saved."
        + " Please reload the task and submit it again.");

    private final String message;

    Kind(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }

  private final Kind kind;
  private final String taskId;

  public TaskConflictException(Kind kind, String taskId, Throwable cause) {
    super(kind.message(), cause);
    this.kind = kind;
    this.taskId = taskId;
  }

  public Kind getKind() {
    return kind;
  }

  public String getTaskId() {
    return taskId;
  }
}
