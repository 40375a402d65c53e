package org.unodc.uponrequest.referencedata;

import java.util.Objects;
import java.util.Set;

/**
 * A UNODC office or programme that handles requests (seeds/offices.csv).
 *
 * @param nextOffice code of the office a request declined by this one is offered to next, {@code
 *     null} only for Headquarters, the last office
 * @param source public page the office's row rests on
 */
public record Office(
    String code, String name, String city, OfficeKind kind, Set<String> coveredStates, String nextOffice, String source) {

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
