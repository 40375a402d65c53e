package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.unodc.uponrequest.security.SealedEngineIds.Named;
import org.unodc.uponrequest.security.SealedEngineIds.Sealed;

/** The id seal reads an address as the servlets do, whatever its spelling, and knows the engine's ids. */
class SealedEngineIdsTest {

  static final String TASK = "1e0c7a3f-ec35-11f1-a5d2-02fc00000001";

  @Test
  void aPercentEncodedIdIsReadDecoded() {
    assertThat(SealedEngineIds.named("/engine-rest/task/%31e0c7a3f-ec35-11f1-a5d2-02fc00000001/comment/x"))
        .isEqualTo(new Named(Sealed.TASK, TASK));
    assertThat(SealedEngineIds.named("/engine-rest/%74ask/" + TASK)).isEqualTo(new Named(Sealed.TASK, TASK));
  }

  @Test
  void matrixParametersEmptySegmentsAndCaseDoNotHideTheId() {
    assertThat(SealedEngineIds.named("/engine-rest/task;x=y/" + TASK + ";jsessionid=1/comment")).isEqualTo(new Named(Sealed.TASK, TASK));
    assertThat(SealedEngineIds.named("/engine-rest//task//" + TASK)).isEqualTo(new Named(Sealed.TASK, TASK));
    assertThat(SealedEngineIds.named("/Engine-Rest/Task/" + TASK)).isEqualTo(new Named(Sealed.TASK, TASK));
    assertThat(SealedEngineIds.named("/camunda/api/engine/engine/default/history/process-instance/" + TASK + "/"))
        .isEqualTo(new Named(Sealed.REQUEST, TASK));
  }

  @Test
  void onlyTheEnginesOwnIdsAreWellFormed() {
    assertThat(SealedEngineIds.named("/engine-rest/task/" + TASK).wellFormed()).isTrue();
    assertThat(SealedEngineIds.named("/engine-rest/task/" + TASK.toUpperCase()).wellFormed()).isFalse();
    assertThat(SealedEngineIds.named("/engine-rest/task/not-a-task-id").wellFormed()).isFalse();
    assertThat(SealedEngineIds.named("/engine-rest/task/" + TASK + "0").wellFormed()).isFalse();
    assertThat(SealedEngineIds.named("/engine-rest/execution/%ZZ").wellFormed()).as("undecodable").isFalse();
    assertThat(SealedEngineIds.named("/engine-rest/task/count%2F" + TASK).wellFormed()).as("a slash inside a segment").isFalse();
  }

  @Test
  void theResourcesOwnWordsAreNotIds() {
    assertThat(SealedEngineIds.named("/engine-rest/task/count").what()).isEqualTo(Sealed.NOTHING);
    assertThat(SealedEngineIds.named("/engine-rest/task/report/candidate-group-count").what()).isEqualTo(Sealed.NOTHING);
    assertThat(SealedEngineIds.named("/engine-rest/process-instance/suspended").what()).isEqualTo(Sealed.NOTHING);
    assertThat(SealedEngineIds.named("/engine-rest/history/process-instance/report").what()).isEqualTo(Sealed.NOTHING);
    assertThat(SealedEngineIds.named("/engine-rest/task").what()).isEqualTo(Sealed.NOTHING);
    assertThat(SealedEngineIds.named("/engine-rest/process-definition/" + TASK).what()).isEqualTo(Sealed.NOTHING);
  }
}
