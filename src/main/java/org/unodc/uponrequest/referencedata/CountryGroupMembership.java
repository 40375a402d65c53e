package org.unodc.uponrequest.referencedata;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One period of a member state's membership of a country group (seeds/country-groups.csv).
 *
 * @param from date membership took effect, or {@code null} when it began before the table's start
 *     date (2013-01-01)
 * @param until first day the state is no longer a member (e.g. the date an LDC graduation took
 *     effect), or {@code null} while it is still a member
 */
public record CountryGroupMembership(String iso3, CountryGroup group, LocalDate from, LocalDate until, String source) {

  /** The first date for which seeds/country-groups.csv records every membership. */
  public static final LocalDate RECORDED_FROM = LocalDate.of(2013, 1, 1);

  public CountryGroupMembership {
    Objects.requireNonNull(iso3, "iso3");
    Objects.requireNonNull(group, "group");
  }

  /** Whether the state was a member on that date ({@code from} inclusive, {@code until} exclusive). */
  public boolean activeOn(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return (from == null || !date.isBefore(from)) && (until == null || date.isBefore(until));
  }
}
