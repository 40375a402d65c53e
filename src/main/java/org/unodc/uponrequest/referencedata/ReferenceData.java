package org.unodc.uponrequest.referencedata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The validated content of the seed files, immutable and built by {@link SeedLoader}. Lists keep
 * file order; lookups by code are exact (codes are upper case, group and user ids as written).
 */
public final class ReferenceData {

  private final List<MemberState> memberStates;
  private final List<Office> offices;
  private final List<SpecialistSection> specialistSections;
  private final List<ThematicArea> thematicAreas;
  private final List<AssistanceType> assistanceTypes;
  private final List<FundingSource> fundingSources;
  private final List<Instrument> instruments;
  private final List<Ratification> ratifications;
  private final List<Group> groups;
  private final List<DemoUser> demoUsers;

  private final Map<String, MemberState> memberStatesByIso3;
  private final Map<String, Office> officesByCode;
  private final Map<String, SpecialistSection> sectionsByCode;
  private final Map<String, ThematicArea> thematicAreasByCode;
  private final Map<String, AssistanceType> assistanceTypesByCode;
  private final Map<String, FundingSource> fundingSourcesByCode;
  private final Map<String, Instrument> instrumentsByCode;
  private final Map<String, Group> groupsById;
  private final Map<String, Office> coveringOfficeByState = new HashMap<>();
  private final Map<String, List<Office>> programmesByState = new HashMap<>();
  private final Map<String, Map<String, Ratification>> ratificationsByState = new HashMap<>();

  ReferenceData(
      List<MemberState> memberStates,
      List<Office> offices,
      List<SpecialistSection> specialistSections,
      List<ThematicArea> thematicAreas,
      List<AssistanceType> assistanceTypes,
      List<FundingSource> fundingSources,
      List<Instrument> instruments,
      List<Ratification> ratifications,
      List<Group> groups,
      List<DemoUser> demoUsers) {
    this.memberStates = List.copyOf(memberStates);
    this.offices = List.copyOf(offices);
    this.specialistSections = List.copyOf(specialistSections);
    this.thematicAreas = List.copyOf(thematicAreas);
    this.assistanceTypes = List.copyOf(assistanceTypes);
    this.fundingSources = List.copyOf(fundingSources);
    this.instruments = List.copyOf(instruments);
    this.ratifications = List.copyOf(ratifications);
    this.groups = List.copyOf(groups);
    this.demoUsers = List.copyOf(demoUsers);

    memberStatesByIso3 = index(this.memberStates, MemberState::iso3);
    officesByCode = index(this.offices, Office::code);
    sectionsByCode = index(this.specialistSections, SpecialistSection::code);
    thematicAreasByCode = index(this.thematicAreas, ThematicArea::code);
    assistanceTypesByCode = index(this.assistanceTypes, AssistanceType::code);
    fundingSourcesByCode = index(this.fundingSources, FundingSource::code);
    instrumentsByCode = index(this.instruments, Instrument::code);
    groupsById = index(this.groups, Group::id);
    for (Office office : this.offices) {
      for (String iso3 : office.coveredStates()) {
        if (office.kind() == OfficeKind.PROGRAMME) {
          programmesByState.computeIfAbsent(iso3, s -> new ArrayList<>()).add(office);
        } else {
          coveringOfficeByState.put(iso3, office);
        }
      }
    }
    for (Ratification ratification : this.ratifications) {
      ratificationsByState.computeIfAbsent(ratification.state(), s -> new HashMap<>())
          .put(ratification.instrument(), ratification);
    }
  }

  public List<MemberState> memberStates() {
    return memberStates;
  }

  public Optional<MemberState> memberState(String iso3) {
    return lookup(memberStatesByIso3, iso3);
  }

  public List<Office> offices() {
    return offices;
  }

  public Optional<Office> office(String code) {
    return lookup(officesByCode, code);
  }

  /** The one non-programme office covering the state; empty only for an unknown code. */
  public Optional<Office> officeCovering(String iso3) {
    return lookup(coveringOfficeByState, iso3);
  }

  /** Programme offices (e.g. the Counter Piracy Programme) that also cover the state. */
  public List<Office> programmesCovering(String iso3) {
    return iso3 == null ? List.of() : List.copyOf(programmesByState.getOrDefault(iso3, List.of()));
  }

  public List<ThematicArea> thematicAreas() {
    return thematicAreas;
  }

  public Optional<ThematicArea> thematicArea(String code) {
    return lookup(thematicAreasByCode, code);
  }

  public List<SpecialistSection> specialistSections() {
    return specialistSections;
  }

  public Optional<SpecialistSection> specialistSection(String code) {
    return lookup(sectionsByCode, code);
  }

  public List<AssistanceType> assistanceTypes() {
    return assistanceTypes;
  }

  public Optional<AssistanceType> assistanceType(String code) {
    return lookup(assistanceTypesByCode, code);
  }

  public List<FundingSource> fundingSources() {
    return fundingSources;
  }

  public Optional<FundingSource> fundingSource(String code) {
    return lookup(fundingSourcesByCode, code);
  }

  public List<Instrument> instruments() {
    return instruments;
  }

  public Optional<Instrument> instrument(String code) {
    return lookup(instrumentsByCode, code);
  }

  public List<Ratification> ratifications() {
    return ratifications;
  }

  public Optional<Ratification> ratification(String iso3, String instrumentCode) {
    Map<String, Ratification> ofState = iso3 == null ? null : ratificationsByState.get(iso3);
    return ofState == null ? Optional.empty() : lookup(ofState, instrumentCode);
  }

  /**
   * Status of the state for the instrument. The loader guarantees a row for every state and
   * instrument, so a miss can only be an unknown code.
   *
   * @throws IllegalArgumentException if the state or the instrument is unknown
   */
  public RatificationStatus ratificationStatus(String iso3, String instrumentCode) {
    return ratification(iso3, instrumentCode)
        .map(Ratification::status)
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown member state '" + iso3 + "' or instrument '" + instrumentCode + "'"));
  }

  /** The instruments among {@code instrumentCodes} to which the state is not a party, in the given order. */
  public List<String> ratificationGaps(String iso3, Collection<String> instrumentCodes) {
    return instrumentCodes.stream()
        .filter(code -> ratificationStatus(iso3, code).isGap())
        .distinct()
        .toList();
  }

  public List<Group> groups() {
    return groups;
  }

  public Optional<Group> group(String id) {
    return lookup(groupsById, id);
  }

  public List<DemoUser> demoUsers() {
    return demoUsers;
  }

  private static <T> Map<String, T> index(List<T> values, Function<T, String> key) {
    Map<String, T> index = new LinkedHashMap<>();
    values.forEach(value -> index.put(key.apply(value), value));
    return Map.copyOf(index);
  }

  private static <T> Optional<T> lookup(Map<String, T> map, String key) {
    return key == null ? Optional.empty() : Optional.ofNullable(map.get(key));
  }
}
