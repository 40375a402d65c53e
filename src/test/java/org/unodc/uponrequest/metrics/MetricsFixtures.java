package org.unodc.uponrequest.metrics;

import org.springframework.jdbc.core.JdbcTemplate;

/** Test support: the reporting tables emptied, so a test's figures count only its own requests. */
final class MetricsFixtures {

  private MetricsFixtures() {}

  static void clear(JdbcTemplate jdbc) {
    for (String table : new String[] {"UR_METRIC_REQUEST", "UR_METRIC_WAIT", "UR_METRIC_FLOW", "UR_METRIC_FLOW_MONTH",
        "UR_METRIC_FLOW_ROLLED", "UR_METRIC_FLOW_MOVE"}) {
      jdbc.update("DELETE FROM " + table);
    }
  }
}
