package org.unodc.uponrequest.referencedata;

import java.util.Objects;
import java.util.Set;

/**
 * A regional or international organisation or UN partner (seeds/partner-organisations.csv).
 *
 * @param memberStates its UN member states (ISO3), only for regional organisations; empty otherwise
 * @param thematicAreas curated: the areas where UNODC typically works with it; empty = all or general
 */
public record PartnerOrganisation(
    String code, String name, PartnerKind kind, Set<String> memberStates, Set<String> thematicAreas, String source) {

  public PartnerOrganisation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(kind, "kind");
    memberStates = Set.copyOf(memberStates);
    thematicAreas = Set.copyOf(thematicAreas);
  }

  public boolean hasMember(String iso3) {
    return memberStates.contains(iso3);
  }

  /** Relevant to the area: named for it, or named for no area in particular. */
  public boolean concerns(String thematicArea) {
    return thematicAreas.isEmpty() || thematicAreas.contains(thematicArea);
  }
}
