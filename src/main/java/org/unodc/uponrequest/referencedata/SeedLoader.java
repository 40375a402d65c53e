package org.unodc.uponrequest.referencedata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads and validates the seed CSV files and builds {@link ReferenceData}. Nothing half-valid gets
 * through: the first problem stops loading with a {@link SeedDataException} naming file, line and
 * field. Messages always name the file as {@code seeds/<name>}, whatever the location, because
 * that is the file people edit in the repository.
 */
public final class SeedLoader {

  /** Where the seeds are packaged (the pom copies the top-level seeds/ folder there). */
  public static final String DEFAULT_LOCATION = "classpath:seeds/";

  static final String MEMBER_STATES = "member-states.csv";
  static final String COUNTRY_CLASSIFICATION = "country-classification.csv";
  static final String COUNTRY_GROUPS = "country-groups.csv";
  static final String INCOME_GROUPS = "income-groups.csv";
  static final String OFFICES = "offices.csv";
  static final String SPECIALIST_SECTIONS = "specialist-sections.csv";
  static final String THEMATIC_AREAS = "thematic-areas.csv";
  static final String ASSISTANCE_TYPES = "assistance-types.csv";
  static final String FUNDING_SOURCES = "funding-sources.csv";
  static final String INSTRUMENTS = "instruments.csv";
  static final String RATIFICATIONS = "ratifications.csv";
  static final String GROUPS = "groups.csv";
  static final String DEMO_USERS = "demo-users.csv";
  static final String PARTNER_ORGANISATIONS = "partner-organisations.csv";
  static final String REGIONAL_VULNERABILITIES = "regional-vulnerabilities.csv";

  /** Expected header of every file, exactly as in docs/CONTRACTS-draft.md. */
  static final Map<String, List<String>> HEADERS = headers();

  /** Groups the processes assign tasks to, besides the derived office-, specialist- and focal- groups. */
  static final List<String> REQUIRED_GROUPS = List.of("camunda-admin", "hq-intake", "strategic-planning", "managers");

  private static final List<String> LANGUAGES = List.of("en", "fr", "es", "ru", "zh", "ar");
  private static final Pattern M49 = Pattern.compile("[0-9]{3}");
  private static final Pattern PARAGRAPHS = Pattern.compile("[1-9][0-9]*(;\\s*[1-9][0-9]*)*");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  /** MTDSG references: chapter in Roman numerals, treaty number, optional letter (XVIII-12-a, VI-18). */
  private static final Pattern TREATY_REFERENCE = Pattern.compile("[IVXL]+-[0-9]+(-[a-z])?");

  private final ResourceLoader resourceLoader;
  private final String location;

  /**
   * @param location a Spring resource location of the folder holding the files, e.g.
   *     "classpath:seeds/" or "file:/srv/uponrequest/seeds/"
   */
  public SeedLoader(ResourceLoader resourceLoader, String location) {
    this.resourceLoader = Objects.requireNonNull(resourceLoader, "resourceLoader");
    Objects.requireNonNull(location, "location");
    this.location = location.endsWith("/") ? location : location + "/";
  }

  /** Loads the seeds packaged with the application; handy for tests outside a Spring context. */
  public static ReferenceData fromClasspath() {
    return new SeedLoader(new DefaultResourceLoader(SeedLoader.class.getClassLoader()), DEFAULT_LOCATION).load();
  }

  public ReferenceData load() {
    MemberStates memberStates = memberStates();
    Keyed<MemberState> states = memberStates.states();
    List<IncomeClassification> incomeGroups = incomeGroups(states);
    Keyed<Instrument> instruments = instruments();
    Keyed<SpecialistSection> sections = specialistSections();
    Keyed<ThematicArea> themes = thematicAreas(sections, instruments);
    Keyed<AssistanceType> assistanceTypes = assistanceTypes();
    Keyed<FundingSource> fundingSources = fundingSources();
    Keyed<Office> offices = offices(states);
    List<Ratification> ratifications = ratifications(states, instruments);
    Keyed<Group> groups = groups(states, offices, sections);
    List<DemoUser> demoUsers = demoUsers(groups);
    List<PartnerOrganisation> partners = partnerOrganisations(states, themes);
    List<RegionalVulnerability> vulnerabilities = regionalVulnerabilities(states, themes);
    return new ReferenceData(
        states.list(), memberStates.classifications(), memberStates.memberships(), incomeGroups, offices.list(),
        sections.list(),
        themes.list(), assistanceTypes.list(), fundingSources.list(), instruments.list(), ratifications,
        groups.list(), demoUsers, partners, vulnerabilities);
  }

  // --- files -----------------------------------------------------------------------------------

  /** The member states with the classification and group rows joined to them. */
  private record MemberStates(Keyed<MemberState> states, List<CountryClassification> classifications,
      List<CountryGroupMembership> memberships) {}

  /** The state's row of member-states.csv before its classification and groups are joined to it. */
  private record StateRow(String iso3, String m49, Map<String, String> names, String region, String subregion,
      String intermediateRegion, boolean emergingFromConflict) {}

  /** Reads member-states.csv, country-classification.csv and country-groups.csv together. */
  private MemberStates memberStates() {
    Keyed<StateRow> rows = new Keyed<>("iso3");
    for (SeedRow row : rows(MEMBER_STATES)) {
      String iso3 = row.iso3("iso3");
      Map<String, String> names = new LinkedHashMap<>();
      for (String language : LANGUAGES) {
        names.put(language, row.text("name_" + language));
      }
      rows.put(row, iso3, new StateRow(
          iso3,
          row.matching("m49", M49, "a three-digit M49 code"),
          names,
          row.text("region"),
          row.text("subregion"),
          row.optional("intermediate_region"),
          row.bool("emerging_from_conflict")));
    }
    Map<String, CountryClassification> classification = countryClassification(rows);
    List<CountryGroupMembership> groups = countryGroups(rows);
    Keyed<MemberState> states = new Keyed<>("iso3");
    for (String iso3 : rows.keys()) {
      StateRow state = rows.get(iso3);
      states.putLoaded(iso3, rows.line(iso3), new MemberState(
          iso3, state.m49(), state.names(), state.region(), state.subregion(), state.intermediateRegion(),
          classification.get(iso3).status(), state.emergingFromConflict(),
          groups.stream().filter(m -> m.iso3().equals(iso3)).toList()));
    }
    return new MemberStates(states, List.copyOf(classification.values()), groups);
  }

  /** One row per member state, in file order of member-states.csv. */
  private Map<String, CountryClassification> countryClassification(Keyed<StateRow> states) {
    String file = "seeds/" + COUNTRY_CLASSIFICATION;
    Keyed<CountryClassification> rows = new Keyed<>("iso3");
    for (SeedRow row : rows(COUNTRY_CLASSIFICATION)) {
      String iso3 = row.iso3("iso3");
      requireState(row, "iso3", iso3, states);
      rows.put(row, iso3, new CountryClassification(iso3, row.enumValue("status", Para24Status.class),
          row.enumValue("basis", ClassificationBasis.class), row.date("as_of"), row.text("source")));
    }
    Map<String, CountryClassification> byState = new LinkedHashMap<>();
    for (String iso3 : states.keys()) {
      CountryClassification classification = rows.get(iso3);
      if (classification == null) {
        throw new SeedDataException(file, 0, "iso3", "no row for member state '" + iso3
            + "'; every member state of seeds/" + MEMBER_STATES + " needs its para 24 status");
      }
      byState.put(iso3, classification);
    }
    return byState;
  }

  /** One row per member state, in file order of member-states.csv. */
  private List<IncomeClassification> incomeGroups(Keyed<MemberState> states) {
    String file = "seeds/" + INCOME_GROUPS;
    Keyed<IncomeClassification> rows = new Keyed<>("iso3");
    for (SeedRow row : rows(INCOME_GROUPS)) {
      String iso3 = row.iso3("iso3");
      requireState(row, "iso3", iso3, states);
      rows.put(row, iso3, new IncomeClassification(iso3, row.enumValue("income_group", IncomeGroup.class),
          row.date("as_of"), row.text("source")));
    }
    List<IncomeClassification> byState = new ArrayList<>();
    for (String iso3 : states.keys()) {
      IncomeClassification classification = rows.get(iso3);
      if (classification == null) {
        throw new SeedDataException(file, 0, "iso3", "no row for member state '" + iso3
            + "'; every member state of seeds/" + MEMBER_STATES + " needs its income group");
      }
      byState.add(classification);
    }
    return List.copyOf(byState);
  }

  private List<CountryGroupMembership> countryGroups(Keyed<StateRow> states) {
    List<CountryGroupMembership> memberships = new ArrayList<>();
    Map<String, Integer> lines = new HashMap<>();
    for (SeedRow row : rows(COUNTRY_GROUPS)) {
      String iso3 = row.iso3("iso3");
      requireState(row, "iso3", iso3, states);
      CountryGroup group = row.enumValue("group", CountryGroup.class);
      LocalDate from = row.optionalDate("from");
      LocalDate until = row.optionalDate("until");
      if (from != null && until != null && !from.isBefore(until)) {
        throw row.error("until", "must be after 'from' (" + from + ") but was " + until);
      }
      CountryGroupMembership membership = new CountryGroupMembership(iso3, group, from, until, row.text("source"));
      for (CountryGroupMembership other : memberships) {
        if (other.iso3().equals(iso3) && other.group() == group && overlap(other, membership)) {
          throw row.error("from", "'" + iso3 + "' is already in " + group + " for part of this period (line "
              + lines.get(other.iso3() + other.group() + other.from()) + "); periods of one state and group must not overlap");
        }
      }
      lines.put(iso3 + group + from, row.line());
      memberships.add(membership);
    }
    return List.copyOf(memberships);
  }

  private static boolean overlap(CountryGroupMembership a, CountryGroupMembership b) {
    boolean aEndsBeforeB = a.until() != null && b.from() != null && !a.until().isAfter(b.from());
    boolean bEndsBeforeA = b.until() != null && a.from() != null && !b.until().isAfter(a.from());
    return !aEndsBeforeB && !bEndsBeforeA;
  }

  private static void requireState(SeedRow row, String field, String iso3, Keyed<?> states) {
    if (!states.contains(iso3)) {
      throw row.error(field, "unknown member state '" + iso3 + "' (not in seeds/" + MEMBER_STATES + ")");
    }
  }

  private Keyed<Instrument> instruments() {
    Keyed<Instrument> instruments = new Keyed<>("code");
    for (SeedRow row : rows(INSTRUMENTS)) {
      String code = row.code("code");
      Depositary depositary = row.enumValue("depositary", Depositary.class);
      String reference = row.optional("treaty_reference");
      if (reference != null) {
        row.matching("treaty_reference", TREATY_REFERENCE, "an MTDSG reference such as 'XVIII-12-a'");
        if (depositary != Depositary.UN_SECRETARY_GENERAL) {
          throw row.error("treaty_reference", "only instruments deposited with the Secretary-General have a UN"
              + " Treaty Collection reference, but the depositary is " + depositary + "; leave it empty");
        }
      }
      instruments.put(row, code, new Instrument(
          code, row.text("short_name"), row.text("title"), reference, depositary,
          row.enumValue("family", InstrumentFamily.class), row.optionalDate("entry_into_force")));
    }
    return instruments;
  }

  private Keyed<SpecialistSection> specialistSections() {
    Keyed<SpecialistSection> sections = new Keyed<>("code");
    for (SeedRow row : rows(SPECIALIST_SECTIONS)) {
      String code = row.code("code");
      String group = row.text("candidate_group");
      String expected = "specialist-" + code.toLowerCase(Locale.ROOT);
      if (!group.equals(expected)) {
        throw row.error("candidate_group", "expected '" + expected + "' but was '" + group + "'");
      }
      sections.put(row, code, new SpecialistSection(code, row.text("name"), group, row.optional("consulted_bodies")));
    }
    return sections;
  }

  private Keyed<ThematicArea> thematicAreas(Keyed<SpecialistSection> sections, Keyed<Instrument> instruments) {
    Keyed<ThematicArea> themes = new Keyed<>("code");
    for (SeedRow row : rows(THEMATIC_AREAS)) {
      String code = row.code("code");
      String section = row.optional("specialist_section");
      if (section != null && !sections.contains(section)) {
        throw row.error("specialist_section", "unknown specialist section '" + section + "' (not in seeds/" + SPECIALIST_SECTIONS + ")");
      }
      Set<String> concerned = new LinkedHashSet<>();
      for (String instrument : row.list("instruments")) {
        if (!instruments.contains(instrument)) {
          throw row.error("instruments", "unknown instrument '" + instrument + "' (not in seeds/" + INSTRUMENTS + ")");
        }
        if (!concerned.add(instrument)) {
          throw row.error("instruments", "instrument '" + instrument + "' is listed twice");
        }
      }
      themes.put(row, code, new ThematicArea(
          code, row.text("label"),
          row.matching("resolution_paragraphs", PARAGRAPHS, "paragraph numbers separated by ';', e.g. '6; 21'"),
          row.integer("strategy_weight", 1, 5), section, concerned));
    }
    return themes;
  }

  private Keyed<AssistanceType> assistanceTypes() {
    Keyed<AssistanceType> types = new Keyed<>("code");
    for (SeedRow row : rows(ASSISTANCE_TYPES)) {
      String code = row.code("code");
      types.put(row, code, new AssistanceType(code, row.text("label"), row.text("description")));
    }
    return types;
  }

  private Keyed<FundingSource> fundingSources() {
    Keyed<FundingSource> sources = new Keyed<>("code");
    for (SeedRow row : rows(FUNDING_SOURCES)) {
      String code = row.code("code");
      sources.put(row, code, new FundingSource(code, row.text("label"), row.bool("requires_donor")));
    }
    return sources;
  }

  private Keyed<Office> offices(Keyed<MemberState> states) {
    Keyed<Office> offices = new Keyed<>("code");
    // state -> code and line of the non-programme office that covers it
    Map<String, String> coveringOffice = new HashMap<>();
    for (SeedRow row : rows(OFFICES)) {
      String code = row.code("code");
      offices.requireNew(row, code);
      OfficeKind kind = row.enumValue("kind", OfficeKind.class);
      List<String> covered = row.list("covered_states");
      if (covered.isEmpty()) {
        throw row.error("covered_states", "required value is empty");
      }
      Set<String> coveredSet = new LinkedHashSet<>();
      for (String iso3 : covered) {
        if (!states.contains(iso3)) {
          throw row.error("covered_states", "unknown member state '" + iso3 + "' (not in seeds/" + MEMBER_STATES + ")");
        }
        if (!coveredSet.add(iso3)) {
          throw row.error("covered_states", "'" + iso3 + "' is listed twice");
        }
        if (kind != OfficeKind.PROGRAMME) {
          String other = coveringOffice.putIfAbsent(iso3, code);
          if (other != null) {
            throw row.error("covered_states", "'" + iso3 + "' is already covered by office " + other + " (line "
                + offices.line(other) + "); each member state must be covered by exactly one non-programme office");
          }
        }
      }
      String next = row.optional("next_office");
      if (next != null) {
        row.code("next_office");
      }
      offices.put(row, code, new Office(code, row.text("name"), row.text("city"), kind, coveredSet, next,
          row.text("source")));
    }
    checkNextOffices(offices);
    for (String iso3 : states.keys()) {
      if (!coveringOffice.containsKey(iso3)) {
        throw new SeedDataException("seeds/" + MEMBER_STATES, states.line(iso3), "iso3",
            "member state '" + iso3 + "' is not covered by any non-programme office in seeds/" + OFFICES);
      }
    }
    return offices;
  }

  /**
   * Exactly one Headquarters office, without a next office; every other office names one that
   * exists and is not a programme, and following next offices from any office reaches Headquarters
   * without passing an office twice.
   */
  private static void checkNextOffices(Keyed<Office> offices) {
    String file = "seeds/" + OFFICES;
    List<String> headquarters = offices.keys().stream()
        .filter(code -> offices.get(code).kind() == OfficeKind.HEADQUARTERS).toList();
    if (headquarters.size() != 1) {
      throw new SeedDataException(file, 0, "kind", "expected exactly one HEADQUARTERS office but found "
          + headquarters.size() + " " + headquarters);
    }
    for (String code : offices.keys()) {
      Office office = offices.get(code);
      String next = office.nextOffice();
      if (office.kind() == OfficeKind.HEADQUARTERS) {
        if (next != null) {
          throw new SeedDataException(file, offices.line(code), "next_office",
              "Headquarters is the last office a request can go to and has no next office, but names '" + next + "'");
        }
        continue;
      }
      if (next == null) {
        throw new SeedDataException(file, offices.line(code), "next_office",
            "required value is empty: name the office a request declined by " + code + " goes to (HQ last)");
      }
      Set<String> seen = new LinkedHashSet<>(List.of(code));
      for (String step = next; step != null; step = offices.get(step).nextOffice()) {
        if (!offices.contains(step)) {
          throw new SeedDataException(file, offices.line(code), "next_office", "unknown office '" + step + "'"
              + (step.equals(next) ? "" : " (reached from " + code + " through " + String.join(" -> ", seen) + ")"));
        }
        if (offices.get(step).kind() == OfficeKind.PROGRAMME) {
          throw new SeedDataException(file, offices.line(code), "next_office", "'" + step + "' is a PROGRAMME office;"
              + " a declined request goes on to a geographic office or Headquarters");
        }
        if (!seen.add(step)) {
          throw new SeedDataException(file, offices.line(code), "next_office", "the next offices loop: "
              + String.join(" -> ", seen) + " -> " + step + "; every chain must end at Headquarters");
        }
      }
    }
  }

  private List<Ratification> ratifications(Keyed<MemberState> states, Keyed<Instrument> instruments) {
    String file = "seeds/" + RATIFICATIONS;
    List<Ratification> ratifications = new ArrayList<>();
    // state -> instrument -> line, to find duplicates and gaps
    Map<String, Map<String, Integer>> seen = new LinkedHashMap<>();
    for (SeedRow row : rows(RATIFICATIONS)) {
      String state = row.iso3("state");
      if (!states.contains(state)) {
        throw row.error("state", "unknown member state '" + state + "' (not in seeds/" + MEMBER_STATES + ")");
      }
      String instrument = row.code("instrument");
      if (!instruments.contains(instrument)) {
        throw row.error("instrument", "unknown instrument '" + instrument + "' (not in seeds/" + INSTRUMENTS + ")");
      }
      Integer first = seen.computeIfAbsent(state, s -> new LinkedHashMap<>()).putIfAbsent(instrument, row.line());
      if (first != null) {
        throw row.error("instrument", "duplicate row for state '" + state + "' and instrument '" + instrument
            + "' (first on line " + first + ")");
      }
      RatificationStatus status = row.enumValue("status", RatificationStatus.class);
      LocalDate date = row.optionalDate("date");
      ConsentAction action = row.optionalEnum("action", ConsentAction.class);
      LocalDate asOf = row.date("as_of");
      checkRatification(row, instruments.get(instrument), status, date, action, asOf);
      ratifications.add(new Ratification(state, instrument, status, date, action, asOf, row.text("source")));
    }
    for (String state : states.keys()) {
      Map<String, Integer> rowsOfState = seen.get(state);
      if (rowsOfState == null) {
        throw new SeedDataException(file, 0, "state", "no rows for member state '" + state
            + "'; every member state needs one row per instrument in seeds/" + INSTRUMENTS);
      }
      for (String instrument : instruments.keys()) {
        if (!rowsOfState.containsKey(instrument)) {
          int firstLine = rowsOfState.values().iterator().next();
          throw new SeedDataException(file, firstLine, "instrument", "no row for instrument '" + instrument
              + "' of state '" + state + "' (whose rows start here); every member state needs one row per instrument in seeds/"
              + INSTRUMENTS);
        }
      }
    }
    return ratifications;
  }

  private static void checkRatification(SeedRow row, Instrument instrument, RatificationStatus status,
      LocalDate date, ConsentAction action, LocalDate asOf) {
    if ((date == null) != (action == null)) {
      throw row.error(date == null ? "date" : "action", "date and action go together: give both or neither");
    }
    if (date != null && date.isAfter(asOf)) {
      throw row.error("date", "is after as_of (" + asOf + ")");
    }
    switch (status) {
      case PARTY -> {
        if (!instrument.inForceOn(asOf)) {
          throw row.error("status", "PARTY to " + instrument.code() + ", which is not in force on " + asOf
              + " (seeds/" + INSTRUMENTS + " entry_into_force); a state that has ratified it is CONSENTED until then");
        }
        requireConsent(row, action);
      }
      case CONSENTED -> {
        if (instrument.inForceOn(asOf)) {
          throw row.error("status", "CONSENTED applies only to an instrument not yet in force, but "
              + instrument.code() + " is in force since " + instrument.entryIntoForce() + "; use PARTY");
        }
        requireConsent(row, action);
      }
      case SIGNATORY -> {
        if (action != null && action != ConsentAction.SIGNATURE) {
          throw row.error("action", "a SIGNATORY's action can only be SIGNATURE but was " + action);
        }
      }
      case NOT_PARTY -> {
        if (action != null) {
          throw row.error("action", "a NOT_PARTY row has no action or date but was " + action);
        }
      }
    }
  }

  private static void requireConsent(SeedRow row, ConsentAction action) {
    if (action == ConsentAction.SIGNATURE) {
      throw row.error("action", "a signature alone does not make a state bound; expected RATIFICATION, ACCESSION,"
          + " ACCEPTANCE, APPROVAL, SUCCESSION, FORMAL_CONFIRMATION or DEFINITIVE_SIGNATURE");
    }
  }

  private Keyed<Group> groups(Keyed<MemberState> states, Keyed<Office> offices, Keyed<SpecialistSection> sections) {
    Keyed<Group> groups = new Keyed<>("id");
    SeedCsv.Table table = read(GROUPS);
    for (SeedRow row : rows(table)) {
      String id = row.id("id");
      String type = row.text("type");
      if (!type.equals(Group.TYPE_SYSTEM) && !type.equals(Group.TYPE_WORKFLOW)) {
        throw row.error("type", "expected SYSTEM or WORKFLOW but was '" + type + "'");
      }
      groups.put(row, id, new Group(id, row.text("name"), type));
    }
    for (String required : REQUIRED_GROUPS) {
      if (!groups.contains(required)) {
        throw new SeedDataException("seeds/" + GROUPS, table.header().line(), "id",
            "required group '" + required + "' is missing");
      }
    }
    requireGroups(groups, offices, OFFICES, "code", Office::candidateGroup);
    requireGroups(groups, sections, SPECIALIST_SECTIONS, "candidate_group", SpecialistSection::candidateGroup);
    requireGroups(groups, states, MEMBER_STATES, "iso3", state -> "focal-" + state.iso3());
    return groups;
  }

  private static <T> void requireGroups(Keyed<Group> groups, Keyed<T> owners, String ownerFile, String field,
      Function<T, String> groupOf) {
    for (String key : owners.keys()) {
      String group = groupOf.apply(owners.get(key));
      if (!groups.contains(group)) {
        throw new SeedDataException("seeds/" + ownerFile, owners.line(key), field,
            "needs group '" + group + "', which is not in seeds/" + GROUPS);
      }
    }
  }

  private List<DemoUser> demoUsers(Keyed<Group> groups) {
    Keyed<DemoUser> users = new Keyed<>("id");
    for (SeedRow row : rows(DEMO_USERS)) {
      String id = row.id("id");
      List<String> memberships = row.list("groups");
      if (memberships.isEmpty()) {
        throw row.error("groups", "required value is empty");
      }
      for (String group : memberships) {
        if (!groups.contains(group)) {
          throw row.error("groups", "unknown group '" + group + "' (not in seeds/" + GROUPS + ")");
        }
      }
      users.put(row, id, new DemoUser(id, row.text("first_name"), row.text("last_name"),
          row.matching("email", EMAIL, "an e-mail address"), memberships));
    }
    return users.list();
  }

  private List<PartnerOrganisation> partnerOrganisations(Keyed<MemberState> states, Keyed<ThematicArea> themes) {
    Keyed<PartnerOrganisation> partners = new Keyed<>("code");
    for (SeedRow row : rows(PARTNER_ORGANISATIONS)) {
      String code = row.code("code");
      PartnerKind kind = row.enumValue("kind", PartnerKind.class);
      Set<String> members = new LinkedHashSet<>();
      for (String iso3 : row.list("member_states")) {
        requireState(row, "member_states", iso3, states);
        if (!members.add(iso3)) {
          throw row.error("member_states", "'" + iso3 + "' is listed twice");
        }
      }
      if (kind == PartnerKind.REGIONAL_ORGANISATION && members.isEmpty()) {
        throw row.error("member_states", "required value is empty: a regional organisation lists its UN member states");
      }
      if (kind != PartnerKind.REGIONAL_ORGANISATION && !members.isEmpty()) {
        throw row.error("member_states", "only a REGIONAL_ORGANISATION lists member states; leave it empty for " + kind);
      }
      Set<String> areas = new LinkedHashSet<>();
      for (String area : row.list("thematic_areas")) {
        if (!themes.contains(area)) {
          throw row.error("thematic_areas", "unknown thematic area '" + area + "' (not in seeds/" + THEMATIC_AREAS + ")");
        }
        if (!areas.add(area)) {
          throw row.error("thematic_areas", "'" + area + "' is listed twice");
        }
      }
      partners.put(row, code, new PartnerOrganisation(code, row.text("name"), kind, members, areas, row.text("source")));
    }
    return partners.list();
  }

  private List<RegionalVulnerability> regionalVulnerabilities(Keyed<MemberState> states, Keyed<ThematicArea> themes) {
    Set<String> regions = new LinkedHashSet<>();
    states.keys().forEach(iso3 -> regions.add(states.get(iso3).mostSpecificRegion()));
    Keyed<RegionalVulnerability> cells = new Keyed<>("thematic_area");
    for (SeedRow row : rows(REGIONAL_VULNERABILITIES)) {
      String region = row.text("region");
      if (!regions.contains(region)) {
        throw row.error("region", "'" + region + "' is not the most specific M49 region (intermediate_region, else"
            + " subregion) of any state in seeds/" + MEMBER_STATES + "; expected one of " + regions);
      }
      String area = row.code("thematic_area");
      if (!themes.contains(area)) {
        throw row.error("thematic_area", "unknown thematic area '" + area + "' (not in seeds/" + THEMATIC_AREAS + ")");
      }
      String key = region + " / " + area;
      if (cells.contains(key)) {
        throw row.error("thematic_area", "duplicate row for region '" + region + "' and area '" + area
            + "' (first on line " + cells.line(key) + ")");
      }
      cells.put(row, key, new RegionalVulnerability(region, area, row.enumValue("level", VulnerabilityLevel.class),
          row.text("sources")));
    }
    return cells.list();
  }

  // --- reading ---------------------------------------------------------------------------------

  private List<SeedRow> rows(String name) {
    return rows(read(name));
  }

  private List<SeedRow> rows(SeedCsv.Table table) {
    List<String> header = table.header().values();
    List<SeedRow> rows = new ArrayList<>(table.rows().size());
    for (SeedCsv.Record record : table.rows()) {
      List<String> values = record.values();
      if (values.size() < header.size()) {
        throw new SeedDataException(table.file(), record.line(), header.get(values.size()),
            "missing: expected " + header.size() + " fields (" + String.join(",", header) + ") but found " + values.size());
      }
      if (values.size() > header.size()) {
        throw new SeedDataException(table.file(), record.line(), null,
            "expected " + header.size() + " fields (" + String.join(",", header) + ") but found " + values.size()
                + "; enclose values that contain commas in double quotes");
      }
      rows.add(new SeedRow(table.file(), record.line(), header, values));
    }
    return rows;
  }

  private SeedCsv.Table read(String name) {
    String file = "seeds/" + name;
    Resource resource = resourceLoader.getResource(location + name);
    if (!resource.exists()) {
      throw new SeedDataException(file, 0, null, "not found at " + resource.getDescription());
    }
    String text;
    try (InputStream in = resource.getInputStream()) {
      // strict decoding: a file saved in a legacy encoding must fail here, not show garbled names later
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(in.readAllBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SeedDataException(file, 0, null, "is not valid UTF-8", e);
    } catch (IOException e) {
      throw new SeedDataException(file, 0, null, "cannot be read from " + resource.getDescription() + ": " + e.getMessage(), e);
    }
    SeedCsv.Table table = SeedCsv.parse(file, text);
    checkHeader(table, HEADERS.get(name));
    return table;
  }

  private static void checkHeader(SeedCsv.Table table, List<String> expected) {
    List<String> actual = table.header().values().stream().map(String::trim).toList();
    int line = table.header().line();
    String expectedText = "expected header " + String.join(",", expected);
    for (String column : expected) {
      if (!actual.contains(column)) {
        throw new SeedDataException(table.file(), line, column, "column missing from header; " + expectedText);
      }
    }
    for (int i = 0; i < actual.size(); i++) {
      if (i >= expected.size() || !actual.get(i).equals(expected.get(i))) {
        throw new SeedDataException(table.file(), line, actual.get(i),
            "unexpected column at position " + (i + 1) + "; " + expectedText);
      }
    }
  }

  private static Map<String, List<String>> headers() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put(MEMBER_STATES, List.of("iso3", "m49", "name_en", "name_fr", "name_es", "name_ru", "name_zh", "name_ar",
        "region", "subregion", "intermediate_region", "emerging_from_conflict"));
    headers.put(COUNTRY_CLASSIFICATION, List.of("iso3", "status", "basis", "as_of", "source"));
    headers.put(COUNTRY_GROUPS, List.of("iso3", "group", "from", "until", "source"));
    headers.put(INCOME_GROUPS, List.of("iso3", "income_group", "as_of", "source"));
    headers.put(OFFICES, List.of("code", "name", "city", "kind", "covered_states", "next_office", "source"));
    headers.put(SPECIALIST_SECTIONS, List.of("code", "name", "candidate_group", "consulted_bodies"));
    headers.put(THEMATIC_AREAS, List.of("code", "label", "resolution_paragraphs", "strategy_weight",
        "specialist_section", "instruments"));
    headers.put(ASSISTANCE_TYPES, List.of("code", "label", "description"));
    headers.put(FUNDING_SOURCES, List.of("code", "label", "requires_donor"));
    headers.put(INSTRUMENTS, List.of("code", "short_name", "title", "treaty_reference", "depositary", "family",
        "entry_into_force"));
    headers.put(RATIFICATIONS, List.of("state", "instrument", "status", "date", "action", "as_of", "source"));
    headers.put(GROUPS, List.of("id", "name", "type"));
    headers.put(DEMO_USERS, List.of("id", "first_name", "last_name", "email", "groups"));
    headers.put(PARTNER_ORGANISATIONS, List.of("code", "name", "kind", "member_states", "thematic_areas", "source"));
    headers.put(REGIONAL_VULNERABILITIES, List.of("region", "thematic_area", "level", "sources"));
    return Collections.unmodifiableMap(headers);
  }

  /** Entries of one file by key, in file order, remembering each key's line for cross-file errors. */
  private static final class Keyed<T> {
    private final String keyField;
    private final Map<String, T> values = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new HashMap<>();

    Keyed(String keyField) {
      this.keyField = keyField;
    }

    void requireNew(SeedRow row, String key) {
      Integer first = lines.get(key);
      if (first != null) {
        throw row.error(keyField, "duplicate " + keyField + " '" + key + "' (first defined on line " + first + ")");
      }
    }

    void put(SeedRow row, String key, T value) {
      requireNew(row, key);
      lines.put(key, row.line());
      values.put(key, value);
    }

    /** Adds a value built from rows already checked elsewhere, keeping the line of its row. */
    void putLoaded(String key, int line, T value) {
      lines.put(key, line);
      values.put(key, value);
    }

    boolean contains(String key) {
      return values.containsKey(key);
    }

    T get(String key) {
      return values.get(key);
    }

    int line(String key) {
      return lines.getOrDefault(key, 0);
    }

    Set<String> keys() {
      return values.keySet();
    }

    List<T> list() {
      return List.copyOf(values.values());
    }
  }
}
