package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Only a write that lost to another transaction holding the same rows is retried as a conflict (a 409 or
 * a job's retry); any other failure of the kept task list's statements is a fault and says so.
 */
class KeptTaskListConflictTest {

  @Test
  void aDeadlockASerializationFailureAConcurrentUpdateOrALockWaitTimedOutIsAConflict() {
    assertThat(KeptTaskList.isConflict(new SQLException("deadlock detected", "40P01"))).isTrue();
    assertThat(KeptTaskList.isConflict(new SQLException("could not serialize access", "40001"))).isTrue();
    assertThat(KeptTaskList.isConflict(new SQLException("Concurrent update", "90131"))).isTrue();
    assertThat(KeptTaskList.isConflict(new SQLException("Timeout trying to lock table", "HYT00"))).isTrue();
    assertThat(KeptTaskList.isConflict(new SQLException("canceling statement due to lock timeout", "55P03"))).isTrue();
  }

  @Test
  void aKeyTakenABrokenStatementOrALostConnectionIsNotAConflict() {
    // the locks keep two writers of one task's rows apart: a key taken is a row left behind, retrying cannot help
    assertThat(KeptTaskList.isConflict(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(KeptTaskList.isConflict(new SQLException("syntax error", "42601"))).isFalse();
    assertThat(KeptTaskList.isConflict(new SQLException("connection closed", "08003"))).isFalse();
    assertThat(KeptTaskList.isConflict(new SQLException("no state"))).isFalse();
  }

  @Test
  void aConflictFurtherDownTheChainCounts() {
    SQLException batch = new SQLException("batch failed", "XX000");
    batch.setNextException(new SQLException("deadlock detected", "40P01"));
    assertThat(KeptTaskList.isConflict(batch)).isTrue();
  }
}
