package org.unodc.uponrequest.metrics;

/** A query parameter of the dashboard or of /api/metrics that cannot be used: answered 400 naming it. */
class BadMetricsQuery extends RuntimeException {

  private final String parameter;

  BadMetricsQuery(String parameter, String reason) {
    super(parameter + ": " + reason);
    this.parameter = parameter;
  }

  String parameter() {
    return parameter;
  }
}
