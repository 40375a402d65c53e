package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.unodc.uponrequest.process.ConcurrentWrites;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.TaskConflictException;
import org.unodc.uponrequest.process.TaskConflictException.Kind;

/**
 * What the doors answer for a write that lost to a concurrent one, however the engine, engine-rest
 * or Spring wrapped it: 409 in Camunda's error shape, never a 500. ConcurrentCompletionTest makes
 * the races happen over HTTP; this pins the failures a race produces only now and then (a deadlock
 * victim, a lock wait that timed out).
 */
class CompletionConflictsTest {

  @Test
  void aTaskCompletedBySomeoneElseIsTaskAlreadyCompletedEvenWrappedByEngineRest() {
    var lost = new TaskConflictException(Kind.COMPLETED_BY_SOMEONE_ELSE, "t1", new OptimisticLockingException("ENGINE-03005"));
    Response answer = new SealedEngineRestErrors.WrappedByEngineRest().toResponse(
        new RestException(Response.Status.INTERNAL_SERVER_ERROR, lost, "Cannot submit task form t1: " + lost.getMessage()));
    assertThat(answer.getStatus()).isEqualTo(409);
    assertThat(body(answer)).containsEntry("type", "TaskAlreadyCompleted").doesNotContainKey("code");
    assertThat(body(answer).get("message").toString()).contains("completed by someone else").contains("reload your task list");
  }

  @Test
  void aTaskClosedOtherwiseIsTaskNoLongerOpen() {
    Response answer = new SealedEngineRestErrors().toResponse(new TaskConflictException(Kind.NO_LONGER_OPEN, "t1", null));
    assertThat(answer.getStatus()).isEqualTo(409);
    assertThat(body(answer)).containsEntry("type", "TaskNoLongerOpen");
  }

  @Test
  void anyOptimisticLockingFailureIsA409WithCamundasCode() {
    Response answer = new SealedEngineRestErrors().toResponse(new OptimisticLockingException("ENGINE-03005 Entity was updated"));
    assertThat(answer.getStatus()).isEqualTo(409);
    assertThat(body(answer)).containsEntry("type", "OptimisticLockingException").containsEntry("code", 1);
    assertThat(body(answer).get("message").toString()).doesNotContain("ENGINE-");
  }

  @Test
  void aDeadlockVictimOrALockTimeoutIsA409TooWhetherSpringOrTheEngineReportsIt() {
    SQLException deadlock = new SQLTransactionRollbackException("Deadlock detected", "40001");
    Response spring = new SealedEngineRestErrors.LostToAConcurrentWrite().toResponse(
        new CannotAcquireLockException("UPDATE UR_METRIC_REQUEST", deadlock));
    assertThat(spring.getStatus()).isEqualTo(409);
    assertThat(body(spring)).containsEntry("type", "OptimisticLockingException");
    Response engine = new SealedEngineRestErrors().toResponse(new ProcessEngineException("ENGINE-03083 flush failed",
        new SQLException("Timeout trying to lock table", "HYT00")));
    assertThat(engine.getStatus()).isEqualTo(409);
  }

  @Test
  void otherFailuresAreNotConflicts() {
    assertThat(ConcurrentWrites.lostToAnother(new ProcessEngineException("boom", new SQLException("syntax", "42000")))).isFalse();
    assertThat(CompletionConflicts.answer(new InvalidInputException("title", "is required"))).isNull();
    assertThat(CompletionConflicts.answer(null)).isNull();
    assertThat(new SealedEngineRestErrors().toResponse(new ProcessEngineException("boom")).getStatus()).isEqualTo(500);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Response response) {
    return (Map<String, Object>) response.getEntity();
  }
}
