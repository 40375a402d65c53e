package org.unodc.uponrequest.referencedata;

import java.util.Map;
import java.util.Objects;

/**
 * A UN member state (seeds/member-states.csv).
 *
 * @param names UNTERM short names keyed by language: "en", "fr", "es", "ru", "zh", "ar"
 * @param intermediateRegion M49 intermediate region, or {@code null} where M49 has none
 * @param economyInTransition curated from the UN WESP classification, not a statistic
 * @param emergingFromConflict curated judgement, not a statistic
 */
public record MemberState(
    String iso3,
    String m49,
    Map<String, String> names,
    String region,
    String subregion,
    String intermediateRegion,
    boolean leastDeveloped,
    boolean landlockedDeveloping,
    boolean smallIslandDeveloping,
    boolean economyInTransition,
    boolean emergingFromConflict) {

  public MemberState {
    Objects.requireNonNull(iso3, "iso3");
    names = Map.copyOf(names);
  }

  /** The English UNTERM short name. */
  public String name() {
    return names.get("en");
  }

  /** The short name in one of the six official languages, English when the language is unknown. */
  public String name(String language) {
    return names.getOrDefault(language, name());
  }
}
