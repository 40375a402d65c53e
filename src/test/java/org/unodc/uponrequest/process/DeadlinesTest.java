package org.unodc.uponrequest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Nothing in {@code uponrequest.deadlines} repeats without end: a cycle without a count is refused at start-up. */
class DeadlinesTest {

  @Test
  void theProgressReportCycleGivesItsNumberOfReportsAndItsPeriod() {
    Deadlines deadlines = new Deadlines();
    deadlines.setProgressReportCycle("R4/P6M");

    assertThat(deadlines.progressReportCycle()).isEqualTo("R4/P6M");
    assertThat(deadlines.progressReports()).isEqualTo(4);
    assertThat(deadlines.progressReportPeriod()).isEqualTo("P6M");
  }

  @Test
  void theDefaultsAreBounded() {
    Deadlines deadlines = new Deadlines();
    assertThat(deadlines.progressReports()).isEqualTo(8);
    assertThat(deadlines.progressReportPeriod()).isEqualTo("P3M");
    assertThat(deadlines.maxFundingRechecks()).isEqualTo(6);
  }

  @Test
  void aProgressReportCycleWithoutEndIsRefused() {
    Deadlines deadlines = new Deadlines();
    assertThatThrownBy(() -> deadlines.setProgressReportCycle("R/P3M"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("progress-report-cycle")
        .hasMessageContaining("R8/P3M");
    assertThatThrownBy(() -> deadlines.setProgressReportCycle("0 0 6 1 */3 ?")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> deadlines.setProgressReportCycle("R0/P3M")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> deadlines.setProgressReportCycle("R8/three months")).isInstanceOf(IllegalArgumentException.class);
    assertThat(deadlines.progressReportCycle()).as("unchanged by a refused value").isEqualTo("R8/P3M");
  }

  @Test
  void aFundingPipelineWithoutAReCheckIsRefused() {
    Deadlines deadlines = new Deadlines();
    assertThatThrownBy(() -> deadlines.setMaxFundingRechecks(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-funding-rechecks");
    deadlines.setMaxFundingRechecks(3);
    assertThat(deadlines.maxFundingRechecks()).isEqualTo(3);
  }
}
