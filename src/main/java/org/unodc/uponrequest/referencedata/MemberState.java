package org.unodc.uponrequest.referencedata;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A UN member state (seeds/member-states.csv), with its GA 64/179 para 24 classification
 * (seeds/country-classification.csv) and its LDC/LLDC/SIDS memberships with their dates
 * (seeds/country-groups.csv).
 *
 * <p>The group accessors without a date answer for today (the JVM's clock and time zone); a
 * decision about a request should ask for the request's filing date instead, e.g. {@link
 * #leastDeveloped(LocalDate)}, so that a graduation does not change the assessment of an earlier
 * request.
 *
 * @param names UNTERM short names keyed by language: "en", "fr", "es", "ru", "zh", "ar"
 * @param intermediateRegion M49 intermediate region, or {@code null} where M49 has none
 * @param para24Status WESP classification: developed, economy in transition or developing
 * @param emergingFromConflict curated judgement, not a statistic
 * @param groupMemberships every recorded period of LDC, LLDC or SIDS membership, in file order
 */
public record MemberState(
    String iso3,
    String m49,
    Map<String, String> names,
    String region,
    String subregion,
    String intermediateRegion,
    Para24Status para24Status,
    boolean emergingFromConflict,
    List<CountryGroupMembership> groupMemberships) {

  public MemberState {
    Objects.requireNonNull(iso3, "iso3");
    Objects.requireNonNull(para24Status, "para24Status");
    names = Map.copyOf(names);
    groupMemberships = List.copyOf(groupMemberships);
  }

  /** The English UNTERM short name. */
  public String name() {
    return names.get("en");
  }

  /** The short name in one of the six official languages, English when the language is unknown. */
  public String name(String language) {
    return names.getOrDefault(language, name());
  }

  /** The most specific M49 region: the intermediate region where there is one, else the sub-region. */
  public String mostSpecificRegion() {
    return intermediateRegion != null ? intermediateRegion : subregion;
  }

  /** Whether the state was a member of the group on that date. */
  public boolean inGroup(CountryGroup group, LocalDate date) {
    return groupMemberships.stream().anyMatch(m -> m.group() == group && m.activeOn(date));
  }

  public boolean leastDeveloped(LocalDate date) {
    return inGroup(CountryGroup.LDC, date);
  }

  public boolean landlockedDeveloping(LocalDate date) {
    return inGroup(CountryGroup.LLDC, date);
  }

  public boolean smallIslandDeveloping(LocalDate date) {
    return inGroup(CountryGroup.SIDS, date);
  }

  /** Least developed country today. */
  public boolean leastDeveloped() {
    return leastDeveloped(LocalDate.now());
  }

  /** Landlocked developing country today. */
  public boolean landlockedDeveloping() {
    return landlockedDeveloping(LocalDate.now());
  }

  /** Small island developing State today. */
  public boolean smallIslandDeveloping() {
    return smallIslandDeveloping(LocalDate.now());
  }

  /** An economy in transition in the WESP classification. */
  public boolean economyInTransition() {
    return para24Status == Para24Status.TRANSITION;
  }

  /** A developing economy in the WESP classification. */
  public boolean developing() {
    return para24Status == Para24Status.DEVELOPING;
  }
}
