package org.unodc.uponrequest.referencedata;

import java.util.List;

/** A demo user for local runs and tests (seeds/demo-users.csv); all share the password "demo". */
public record DemoUser(String id, String firstName, String lastName, String email, List<String> groups) {

  public DemoUser {
    groups = List.copyOf(groups);
  }
}
