package org.unodc.uponrequest.referencedata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The validated content of the seed files, immutable and built by {@link SeedLoader}. Lists keep
 * file order; lookups by code are exact (codes are upper case, group and user ids as written).
 */
public final class ReferenceData {

  private final List<MemberState> memberStates;
  private final List<CountryClassification> countryClassifications;
  private final List<CountryGroupMembership> countryGroupMemberships;
  private final List<IncomeClassification> incomeClassifications;
  private final List<Office> offices;
  private final List<SpecialistSection> specialistSections;
  private final List<ThematicArea> thematicAreas;
  private final List<AssistanceType> assistanceTypes;
  private final List<FundingSource> fundingSources;
  private final List<Instrument> instruments;
  private final List<Ratification> ratifications;
  private final List<Group> groups;
  private final List<DemoUser> demoUsers;
  private final List<PartnerOrganisation> partnerOrganisations;
  private final List<RegionalVulnerability> regionalVulnerabilities;

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
  private final Map<String, CountryClassification> classificationsByState;
  private final Map<String, IncomeClassification> incomeByState;
  private final Map<String, PartnerOrganisation> partnersByCode;
  private final Map<String, RegionalVulnerability> vulnerabilitiesByRegionAndArea = new HashMap<>();

  ReferenceData(
      List<MemberState> memberStates,
      List<CountryClassification> countryClassifications,
      List<CountryGroupMembership> countryGroupMemberships,
      List<IncomeClassification> incomeClassifications,
      List<Office> offices,
      List<SpecialistSection> specialistSections,
      List<ThematicArea> thematicAreas,
      List<AssistanceType> assistanceTypes,
      List<FundingSource> fundingSources,
      List<Instrument> instruments,
      List<Ratification> ratifications,
      List<Group> groups,
      List<DemoUser> demoUsers,
      List<PartnerOrganisation> partnerOrganisations,
      List<RegionalVulnerability> regionalVulnerabilities) {
    this.memberStates = List.copyOf(memberStates);
    this.countryClassifications = List.copyOf(countryClassifications);
    this.countryGroupMemberships = List.copyOf(countryGroupMemberships);
    this.incomeClassifications = List.copyOf(incomeClassifications);
    this.partnerOrganisations = List.copyOf(partnerOrganisations);
    this.regionalVulnerabilities = List.copyOf(regionalVulnerabilities);
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
    classificationsByState = index(this.countryClassifications, CountryClassification::iso3);
    incomeByState = index(this.incomeClassifications, IncomeClassification::iso3);
    partnersByCode = index(this.partnerOrganisations, PartnerOrganisation::code);
    this.regionalVulnerabilities.forEach(v -> vulnerabilitiesByRegionAndArea.put(v.region() + "\n" + v.thematicArea(), v));
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

  // --- GA 64/179 para 24: classification and country groups ------------------------------------

  /** One row per member state: its WESP status, with the date and source of the classification. */
  public List<CountryClassification> countryClassifications() {
    return countryClassifications;
  }

  public Optional<CountryClassification> countryClassification(String iso3) {
    return lookup(classificationsByState, iso3);
  }

  /** Developed, economy in transition or developing (WESP); empty only for an unknown code. */
  public Optional<Para24Status> para24Status(String iso3) {
    return memberState(iso3).map(MemberState::para24Status);
  }

  /** Every recorded LDC, LLDC and SIDS membership period, in file order. */
  public List<CountryGroupMembership> countryGroupMemberships() {
    return countryGroupMemberships;
  }

  /**
   * Whether the state was a member of the group on that date, e.g. an LDC on the day a request was
   * filed. Answers are complete from {@link CountryGroupMembership#RECORDED_FROM}; false for an
   * unknown state.
   */
  public boolean inGroup(String iso3, CountryGroup group, LocalDate date) {
    return memberState(iso3).map(state -> state.inGroup(group, date)).orElse(false);
  }

  /** The groups the state belonged to on that date. */
  public Set<CountryGroup> countryGroups(String iso3, LocalDate date) {
    Set<CountryGroup> groups = EnumSet.noneOf(CountryGroup.class);
    for (CountryGroup group : CountryGroup.values()) {
      if (inGroup(iso3, group, date)) {
        groups.add(group);
      }
    }
    return groups;
  }

  /** The members of the group on that date, in member-state order. */
  public List<MemberState> membersOf(CountryGroup group, LocalDate date) {
    return memberStates.stream().filter(state -> state.inGroup(group, date)).toList();
  }

  // --- income groups (seeds/income-groups.csv) ----------------------------------------------------

  /** One row per member state: its income group, with the date and source of the classification. */
  public List<IncomeClassification> incomeClassifications() {
    return incomeClassifications;
  }

  public Optional<IncomeClassification> incomeClassification(String iso3) {
    return lookup(incomeByState, iso3);
  }

  /** High, upper-middle, lower-middle or low income; empty only for an unknown code. */
  public Optional<IncomeGroup> incomeGroup(String iso3) {
    return incomeClassification(iso3).map(IncomeClassification::incomeGroup);
  }

  /** Whether the state is a high-income economy; false for an unknown code. */
  public boolean highIncome(String iso3) {
    return incomeClassification(iso3).map(IncomeClassification::highIncome).orElse(false);
  }

  // --- offices -----------------------------------------------------------------------------------

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

  /**
   * The offices a request declined by {@code officeCode} is offered to, in order: its next office,
   * that office's next office, and so on, Headquarters last (the loader guarantees the chain ends
   * there). Empty for Headquarters and for an unknown code.
   */
  public List<Office> fallbackChain(String officeCode) {
    List<Office> chain = new ArrayList<>();
    Optional<Office> office = office(officeCode);
    while (office.isPresent() && office.get().nextOffice() != null) {
      office = office(office.get().nextOffice());
      office.ifPresent(chain::add);
    }
    return List.copyOf(chain);
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

  /**
   * The date of the ratification data: the oldest {@code as_of} in seeds/ratifications.csv, so a
   * status shown "as of" it is at least that recent. Empty only when there are no rows.
   */
  public Optional<LocalDate> ratificationsAsOf() {
    return ratifications.stream().map(Ratification::asOf).min(Comparator.naturalOrder());
  }

  /** Whether any ratification row says it is illustrative rather than UN Treaty Collection data. */
  public boolean ratificationsIllustrative() {
    return ratifications.stream().anyMatch(r -> r.source().startsWith("ILLUSTRATIVE"));
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

  /**
   * The instruments among {@code instrumentCodes} that the state still has to ratify or accede to
   * (signatory or not party; see {@link RatificationStatus#isGap()}), in the given order.
   */
  public List<String> ratificationGaps(String iso3, Collection<String> instrumentCodes) {
    return instrumentCodes.stream()
        .filter(code -> ratificationStatus(iso3, code).isGap())
        .distinct()
        .toList();
  }

  // --- partners and regional vulnerabilities ----------------------------------------------------

  public List<PartnerOrganisation> partnerOrganisations() {
    return partnerOrganisations;
  }

  public Optional<PartnerOrganisation> partnerOrganisation(String code) {
    return lookup(partnersByCode, code);
  }

  /** The regional organisations the state is a member of, in file order. */
  public List<PartnerOrganisation> organisationsOf(String iso3) {
    return partnerOrganisations.stream().filter(p -> p.hasMember(iso3)).toList();
  }

  /** The partners of a kind that concern the thematic area (named for it, or for no area in particular). */
  public List<PartnerOrganisation> partnersFor(String thematicArea, PartnerKind kind) {
    return partnerOrganisations.stream().filter(p -> p.kind() == kind && p.concerns(thematicArea)).toList();
  }

  /** Curated regional vulnerability judgements (GA 64/179 para 14), in file order. */
  public List<RegionalVulnerability> regionalVulnerabilities() {
    return regionalVulnerabilities;
  }

  /**
   * The recorded vulnerability of the state's region (its most specific M49 region) to the area;
   * empty when none is recorded or the state or area is unknown.
   */
  public Optional<RegionalVulnerability> regionalVulnerability(String iso3, String thematicArea) {
    return memberState(iso3).map(state -> vulnerabilitiesByRegionAndArea.get(
        state.mostSpecificRegion() + "\n" + thematicArea));
  }

  /** The highest recorded vulnerability of the state's region among the areas, if any. */
  public Optional<VulnerabilityLevel> highestRegionalVulnerability(String iso3, Collection<String> thematicAreas) {
    return thematicAreas.stream()
        .map(area -> regionalVulnerability(iso3, area))
        .flatMap(Optional::stream)
        .map(RegionalVulnerability::level)
        .max(Comparator.naturalOrder());
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
