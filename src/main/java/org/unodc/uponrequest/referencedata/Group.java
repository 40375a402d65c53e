package org.unodc.uponrequest.referencedata;

/**
 * A Camunda group (seeds/groups.csv).
 *
 * @param type "SYSTEM" or "WORKFLOW", the strings Camunda uses for group types
 */
public record Group(String id, String name, String type) {

  public static final String TYPE_SYSTEM = "SYSTEM";
  public static final String TYPE_WORKFLOW = "WORKFLOW";
}
