package org.unodc.uponrequest.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.UponRequestCommandAccess;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricTaskInstanceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unodc.uponrequest.process.ConcurrentWrites;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.TaskConflictException;

/**
 * Two people completing the same task: whoever writes second fails, with Camunda's
 * OptimisticLockingException when both were at it at once, or with "Cannot find task" when the
 * first had already committed. Either way the loser's transaction rolled back and nothing of it
 * is kept. This tells the loser why, from what the database holds once the winner committed
 * ({@link EngineCommandGuard} tells it before the engine tries when the task was already closed):
 * the task completed by someone else, closed otherwise, or still open while something else on the
 * request changed ({@link TaskConflictException}). Every door answers that as 409 Conflict
 * ({@link #answer(Throwable)}), and any other write of a caller's that lost to a concurrent one
 * ({@link ConcurrentWrites}: optimistic locking, a deadlock victim, a lock wait timed out) too,
 * never as a 500.
 */
final class CompletionConflicts {

  private static final Logger LOG = LoggerFactory.getLogger(CompletionConflicts.class);

  /** What Camunda records as the delete reason of a task that was completed. */
  private static final String COMPLETED = "completed";

  /** The task as the database holds it: still open, or closed as {@code closed} (null: never existed). */
  private record TaskState(boolean open, TaskConflictException.Kind closed) {}

  /**
   * Inside a command, for a task that is not open: how it closed, from its history (completed, or
   * ended otherwise); null when it never existed (or history is not kept).
   */
  static TaskConflictException.Kind closedAs(CommandContext context, String taskId) {
    HistoricTaskInstanceEntity historic = context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId);
    if (historic == null || historic.getEndTime() == null) {
      return null;
    }
    return COMPLETED.equals(historic.getDeleteReason()) ? TaskConflictException.Kind.COMPLETED_BY_SOMEONE_ELSE
        : TaskConflictException.Kind.NO_LONGER_OPEN;
  }

  /**
   * The failure of a caller's command as the caller should hear it: for a task completion that
   * lost to someone else's, a {@link TaskConflictException}; otherwise the failure itself.
   * Runs after the failed command's transaction ended, outside any command.
   */
  static RuntimeException explain(ProcessEngineConfigurationImpl engine, Object command, RuntimeException failure) {
    String taskId = completedTask(command);
    if (taskId == null || isRefusal(failure)) {
      return failure;
    }
    TaskState state;
    try {
      // a transaction of its own: the failed one may still be open (rollback-only) in a caller's
      state = engine.getCommandExecutorTxRequiresNew().execute(context -> context.getTaskManager().findTaskById(taskId) != null
          ? new TaskState(true, null) : new TaskState(false, closedAs(context, taskId)));
    } catch (RuntimeException unknown) {
      failure.addSuppressed(unknown);
      return failure;
    }
    TaskConflictException.Kind kind;
    if (state.open()) {
      if (!ConcurrentWrites.lostToAnother(failure)) {
        return failure;
      }
      kind = TaskConflictException.Kind.CHANGED_MEANWHILE;
    } else if (state.closed() != null) {
      kind = state.closed();
    } else {
      return failure; // a task that never existed: the engine's own answer (not found)
    }
    LOG.info("Completion of task {} lost to another ({}): {}", taskId, kind, failure.getMessage());
    return new TaskConflictException(kind, taskId, failure);
  }

  /**
   * The body of a 409 for a failure that is a conflict with someone else's write, in Camunda's
   * error shape ({@code type}, {@code message}, and {@code code} 1 for optimistic locking); null for
   * any other failure.
   */
  static Map<String, Object> answer(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TaskConflictException conflict) {
        return switch (conflict.getKind()) {
          case COMPLETED_BY_SOMEONE_ELSE -> body("TaskAlreadyCompleted", conflict.getMessage(), null);
          case NO_LONGER_OPEN -> body("TaskNoLongerOpen", conflict.getMessage(), null);
          case CHANGED_MEANWHILE -> body("OptimisticLockingException", conflict.getMessage(),
              BuiltinExceptionCode.OPTIMISTIC_LOCKING.getCode());
        };
      }
    }
    if (ConcurrentWrites.lostToAnother(failure)) {
      return body("OptimisticLockingException", "This was changed by someone else at the same moment; nothing you sent"
          + " was saved. Please reload and try again.", BuiltinExceptionCode.OPTIMISTIC_LOCKING.getCode());
    }
    return null;
  }

  private static Map<String, Object> body(String type, String message, Integer code) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    if (code != null) {
      body.put("code", code);
    }
    return body;
  }

  private static String completedTask(Object command) {
    if (command instanceof CompleteTaskCmd complete) {
      return UponRequestCommandAccess.taskId(complete);
    }
    if (command instanceof SubmitTaskFormCmd submit) {
      return UponRequestCommandAccess.taskId(submit);
    }
    return null;
  }

  /**
   * Already told (a task found closed before the completion began), or the caller's own fault
   * (input, rights): said as it is, whoever else was at the task.
   */
  private static boolean isRefusal(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TaskConflictException || cause instanceof InvalidInputException || cause instanceof AuthorizationException
          || (cause instanceof BadUserRequestException && !(cause instanceof NotFoundException))) {
        return true;
      }
    }
    return false;
  }

  private CompletionConflicts() {}
}
