package org.unodc.uponrequest.process;

/** Candidate groups of the process. Office and member-state groups are derived from codes in seeds/. */
public final class Groups {

  public static final String CAMUNDA_ADMIN = "camunda-admin";
  public static final String HQ_INTAKE = "hq-intake";
  public static final String STRATEGIC_PLANNING = "strategic-planning";
  public static final String MANAGERS = "managers";
  /** Monitoring only: may read /actuator/prometheus and nothing else of the product (e.g. a Prometheus server's account). */
  public static final String METRICS_READERS = "metrics-readers";

  public static String focalPoints(String memberStateIso3) {
    return "focal-" + memberStateIso3;
  }

  public static String office(String officeCode) {
    return "office-" + officeCode;
  }

  private Groups() {}
}
