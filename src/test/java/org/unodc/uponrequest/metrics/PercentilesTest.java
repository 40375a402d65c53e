package org.unodc.uponrequest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The figures' percentiles are SQL's PERCENTILE_CONT: linear between the two nearest values. */
class PercentilesTest {

  @Test
  void nothingToMeasureIsNull() {
    assertThat(new ManagerMetrics.Values().percentile(0.5)).isNull();
  }

  @Test
  void theMedianOfAnEvenCountIsMidwayAndTheNinetiethInterpolates() {
    ManagerMetrics.Values values = values(40, 10, 30, 20);
    assertThat(values.percentile(0.5)).isEqualTo(25.0);
    // position 0.9 * 3 = 2.7: 30 + 0.7 * (40 - 30)
    assertThat(values.percentile(0.9)).isCloseTo(37.0, within(1e-9));
    assertThat(values.percentile(0.0)).isEqualTo(10.0);
    assertThat(values.percentile(1.0)).isEqualTo(40.0);
  }

  @Test
  void anyOrderAndAnyRepeatsGiveWhatSortingGives() {
    Random random = new Random(64179);
    for (int round = 0; round < 2000; round++) {
      int size = 1 + random.nextInt(300);
      long[] raw = new long[size];
      int spread = 1 + random.nextInt(round % 3 == 0 ? 5 : 1_000_000);
      for (int i = 0; i < size; i++) {
        raw[i] = random.nextInt(spread);
      }
      ManagerMetrics.Values values = values(raw);
      long[] sorted = raw.clone();
      Arrays.sort(sorted);
      for (double fraction : new double[] {0.5, 0.9, 0.0, 0.1, 1.0}) {
        assertThat(values.percentile(fraction)).as("round %d, p%s of %s", round, fraction, Arrays.toString(raw))
            .isEqualTo(bySorting(sorted, fraction));
      }
    }
  }

  private static Double bySorting(long[] sorted, double fraction) {
    double position = fraction * (sorted.length - 1);
    int below = (int) Math.floor(position);
    return below + 1 >= sorted.length ? (double) sorted[below]
        : sorted[below] + (position - below) * (sorted[below + 1] - sorted[below]);
  }

  private static ManagerMetrics.Values values(long... raw) {
    ManagerMetrics.Values values = new ManagerMetrics.Values();
    for (long value : raw) {
      values.add(value);
    }
    return values;
  }
}
