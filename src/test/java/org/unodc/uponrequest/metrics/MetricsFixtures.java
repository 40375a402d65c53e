package org.unodc.uponrequest.metrics;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test support: the reporting tables emptied, so a test's figures count only its own requests; the
 * figures in memory read again, since rows deleted behind their back are not a change they look for.
 */
final class MetricsFixtures {

  private MetricsFixtures() {}

  static void clear(JdbcTemplate jdbc, MeasuredRequests requests) {
    for (String table : new String[] {"UR_METRIC_REQUEST", "UR_METRIC_WAIT", "UR_METRIC_FLOW"}) {
      jdbc.update("DELETE FROM " + table);
    }
    requests.reload();
  }
}
