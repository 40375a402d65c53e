package org.unodc.uponrequest.referencedata;

import java.util.Objects;
import java.util.Set;

/** A UNODC office or programme that handles requests (seeds/offices.csv). */
public record Office(String code, String name, String city, OfficeKind kind, Set<String> coveredStates) {

  public Office {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(kind, "kind");
    coveredStates = Set.copyOf(coveredStates);
  }

  /** The Camunda group whose members work the office's tasks. */
  public String candidateGroup() {
    return "office-" + code;
  }

  public boolean covers(String iso3) {
    return coveredStates.contains(iso3);
  }
}
