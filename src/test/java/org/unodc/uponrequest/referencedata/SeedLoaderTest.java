package org.unodc.uponrequest.referencedata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The real seeds load and are consistent; each kind of malformed data is rejected with file, line
 * and field. Malformed cases copy the real files into a temporary folder and change one line, so
 * the fixtures cannot drift away from the real data.
 */
class SeedLoaderTest {

  @TempDir Path dir;

  @BeforeEach
  void copyRealSeeds() throws IOException {
    for (String file : SeedLoader.HEADERS.keySet()) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("seeds/" + file)) {
        assertThat(in).as("seeds/%s on the classpath", file).isNotNull();
        Files.copy(in, dir.resolve(file));
      }
    }
  }

  // --- the real seeds ----------------------------------------------------------------------------

  @Test
  void realSeedsLoadWithAllMemberStatesAndOffices() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.memberStates()).hasSize(193);
    assertThat(data.offices()).extracting(Office::code).containsExactlyInAnyOrder(
        "HQVIE", "ROEA", "CPP", "ROSAF", "ROSEN", "ROMENA", "ROCA", "ROSA", "COAFG", "COPAK", "COIRN",
        "CONIG", "COCOL", "COPER", "COBOL", "ROSEAP", "COMMR", "COLAO", "COVNM", "LPOMEX", "ROPAN", "LPOBRA");
    assertThat(data.memberState("KEN")).hasValueSatisfying(kenya -> {
      assertThat(kenya.name()).isEqualTo("Kenya");
      assertThat(kenya.m49()).isEqualTo("404");
      assertThat(kenya.name("fr")).isEqualTo("Kenya (le)");
      assertThat(kenya.subregion()).isEqualTo("Sub-Saharan Africa");
      assertThat(kenya.intermediateRegion()).isEqualTo("Eastern Africa");
    });
    assertThat(data.memberState("AFG")).hasValueSatisfying(afghanistan -> {
      assertThat(afghanistan.leastDeveloped()).isTrue();
      assertThat(afghanistan.landlockedDeveloping()).isTrue();
      assertThat(afghanistan.emergingFromConflict()).isTrue();
      assertThat(afghanistan.intermediateRegion()).isNull();
    });
    assertThat(data.memberState("UZB")).hasValueSatisfying(s -> {
      assertThat(s.economyInTransition()).isTrue();
      assertThat(s.para24Status()).isEqualTo(Para24Status.TRANSITION);
    });
    assertThat(data.memberState("PSE")).isEmpty();
  }

  @Test
  void everyMemberStateHasExactlyOneGeographicOfficeAndPiracyStatesHaveTheProgramme() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.officeCovering("KEN")).map(Office::code).hasValue("ROEA");
    assertThat(data.officeCovering("COL")).map(Office::code).hasValue("COCOL");
    assertThat(data.officeCovering("SOM")).map(Office::code).hasValue("ROEA");
    assertThat(data.officeCovering("ECU")).map(Office::code).hasValue("COPER");
    assertThat(data.officeCovering("VEN")).map(Office::code).hasValue("HQVIE");
    assertThat(data.officeCovering("GUY")).map(Office::code).hasValue("ROPAN");
    assertThat(data.officeCovering("SUR")).map(Office::code).hasValue("ROPAN");
    assertThat(data.officeCovering("MMR")).map(Office::code).hasValue("COMMR");
    assertThat(data.officeCovering("LAO")).map(Office::code).hasValue("COLAO");
    assertThat(data.officeCovering("VNM")).map(Office::code).hasValue("COVNM");
    assertThat(data.officeCovering("IDN")).map(Office::code).hasValue("ROSEAP");
    assertThat(data.office("ROSEAP")).map(Office::name).hasValue("Regional Office for Southeast Asia and the Pacific");
    assertThat(data.offices()).allSatisfy(o -> assertThat(o.source()).isNotBlank());
    assertThat(data.officeCovering("MWI")).map(Office::code).hasValue("ROSAF");
    assertThat(data.office("CPP")).hasValueSatisfying(cpp -> {
      assertThat(cpp.kind()).isEqualTo(OfficeKind.PROGRAMME);
      assertThat(cpp.candidateGroup()).isEqualTo("office-CPP");
      assertThat(cpp.coveredStates()).containsExactlyInAnyOrder(
          "SOM", "DJI", "ERI", "KEN", "SYC", "MUS", "TZA", "MDV", "YEM");
    });
    assertThat(data.programmesCovering("SOM")).extracting(Office::code).containsExactly("CPP");
    assertThat(data.programmesCovering("COL")).isEmpty();
    for (MemberState state : data.memberStates()) {
      long geographic = data.offices().stream()
          .filter(o -> o.kind() != OfficeKind.PROGRAMME && o.covers(state.iso3()))
          .count();
      assertThat(geographic).as("offices covering %s", state.iso3()).isEqualTo(1);
    }
  }

  @Test
  void ratificationMatrixIsCompleteAndHasTheDemoGaps() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.ratifications()).hasSize(data.memberStates().size() * data.instruments().size());
    for (MemberState state : data.memberStates()) {
      for (Instrument instrument : data.instruments()) {
        assertThat(data.ratification(state.iso3(), instrument.code())).isPresent();
      }
    }
    assertThat(data.ratificationGaps("KEN", data.thematicArea("TERRORISM").orElseThrow().instruments()))
        .isNotEmpty();
    assertThat(List.of("UNTOC", "UNTOC_TIP", "UNTOC_SOM", "UNTOC_FIREARMS"))
        .allSatisfy(code -> assertThat(data.ratificationStatus("COL", code)).isEqualTo(RatificationStatus.PARTY));
    assertThat(data.ratifications()).allSatisfy(r -> assertThat(r.source()).startsWith("ILLUSTRATIVE"));
    assertThat(data.ratificationsIllustrative()).isTrue();
    assertThat(data.ratificationsAsOf()).hasValue(LocalDate.of(2026, 11, 1));
    // nobody is party to an instrument that is not in force
    assertThat(data.ratifications()).filteredOn(r -> r.instrument().equals("CYBERCRIME"))
        .hasSize(193)
        .noneMatch(r -> r.status() == RatificationStatus.PARTY)
        .anyMatch(r -> r.status() == RatificationStatus.SIGNATORY);
    assertThat(data.ratificationGaps("KEN", List.of("UNTOC", "UNTOC_SOM", "NUCLEAR_TERRORISM")))
        .containsExactly("UNTOC_SOM", "NUCLEAR_TERRORISM");
    assertThatThrownBy(() -> data.ratificationStatus("KEN", "NO_SUCH"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thematicAreasSectionsGroupsAndUsersAreConsistent() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.thematicAreas()).extracting(ThematicArea::code).contains(
        "CORRUPTION", "ORGANIZED_CRIME", "MONEY_LAUNDERING", "TERRORISM", "KIDNAPPING", "TRAFFICKING_IN_PERSONS",
        "SMUGGLING_OF_MIGRANTS", "FIREARMS", "PIRACY", "CYBERCRIME", "DRUG_TRAFFICKING",
        "INTERNATIONAL_COOPERATION", "VIOLENCE_AGAINST_WOMEN", "CRIMINAL_JUSTICE_REFORM",
        "ECONOMIC_FRAUD_IDENTITY_CRIME", "FOREST_WILDLIFE_CRIME", "URBAN_CRIME", "SEXUAL_EXPLOITATION_OF_CHILDREN");
    assertThat(data.thematicArea("TERRORISM")).map(ThematicArea::specialistSection).hasValue("TPB");
    assertThat(data.thematicArea("SMUGGLING_OF_MIGRANTS")).map(ThematicArea::specialistSection).hasValue("HTMSS");
    assertThat(data.thematicArea("CORRUPTION")).hasValueSatisfying(a -> assertThat(a.hasSpecialistSection()).isFalse());
    assertThat(data.thematicArea("TRAFFICKING_IN_PERSONS")).map(ThematicArea::instruments)
        .hasValue(Set.of("UNTOC", "UNTOC_TIP"));
    assertThat(data.specialistSection("TPB")).map(SpecialistSection::consultedBodies)
        .hasValueSatisfying(bodies -> assertThat(bodies).contains("CTED"));
    assertThat(data.specialistSections()).extracting(SpecialistSection::candidateGroup).containsExactly(
        "specialist-tpb", "specialist-gpml", "specialist-cpp", "specialist-htmss", "specialist-gfp");
    assertThat(data.fundingSource("EARMARKED")).map(FundingSource::requiresDonor).hasValue(true);
    assertThat(data.fundingSources()).extracting(FundingSource::code)
        .containsExactly("REGULAR_BUDGET", "GENERAL_PURPOSE", "EARMARKED", "CPCJ_FUND");
    assertThat(data.instrument("UNTOC_FIREARMS")).map(Instrument::treatyReference).hasValue("XVIII-12-c");

    Set<String> groupIds = data.groups().stream().map(Group::id).collect(Collectors.toSet());
    assertThat(groupIds).contains("camunda-admin", "hq-intake", "strategic-planning", "managers");
    assertThat(data.memberStates()).allSatisfy(s -> assertThat(groupIds).contains("focal-" + s.iso3()));
    assertThat(data.offices()).allSatisfy(o -> assertThat(groupIds).contains(o.candidateGroup()));
    assertThat(data.group("camunda-admin")).map(Group::type).hasValue(Group.TYPE_SYSTEM);
    assertThat(data.group("focal-KEN")).map(Group::name).hasValue("Focal points of Kenya");
    assertThat(data.demoUsers()).extracting(DemoUser::id).contains("admin", "ken.focal", "col.focal",
        "office.nairobi", "specialist.piracy");
    assertThat(data.demoUsers()).filteredOn(u -> u.id().equals("office.nairobi")).singleElement()
        .satisfies(u -> assertThat(u.groups()).containsExactly("office-ROEA", "office-CPP"));
  }

  @Test
  void everyMemberStateHasItsParagraph24StatusFromWesp2025() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.countryClassifications()).hasSize(193);
    Map<Para24Status, Long> counts = data.memberStates().stream()
        .collect(Collectors.groupingBy(MemberState::para24Status, Collectors.counting()));
    assertThat(counts).containsEntry(Para24Status.DEVELOPED, 40L).containsEntry(Para24Status.TRANSITION, 17L)
        .containsEntry(Para24Status.DEVELOPING, 136L);
    assertThat(data.para24Status("KEN")).hasValue(Para24Status.DEVELOPING);
    assertThat(data.para24Status("DEU")).hasValue(Para24Status.DEVELOPED);
    assertThat(data.para24Status("SGP")).hasValue(Para24Status.DEVELOPING); // as WESP classes it
    assertThat(data.para24Status("RUS")).hasValue(Para24Status.TRANSITION);
    assertThat(data.para24Status("XXX")).isEmpty();
    assertThat(data.countryClassification("AND")).hasValueSatisfying(c -> {
      assertThat(c.status()).isEqualTo(Para24Status.DEVELOPED);
      assertThat(c.basis()).isEqualTo(ClassificationBasis.CURATED);
    });
    assertThat(data.countryClassifications()).filteredOn(c -> c.basis() == ClassificationBasis.CURATED)
        .extracting(CountryClassification::iso3).containsExactlyInAnyOrder("AND", "LIE", "MCO", "SMR");
    assertThat(data.countryClassifications()).allSatisfy(c -> assertThat(c.asOf()).isEqualTo(LocalDate.of(2025, 1, 9)));
    assertThat(Para24Status.DEVELOPING.namedInParagraph24()).isTrue();
    assertThat(Para24Status.DEVELOPED.namedInParagraph24()).isFalse();
  }

  @Test
  void everyMemberStateHasItsIncomeGroupFromTheWorldBankFy2025Classification() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.incomeClassifications()).hasSize(193)
        .extracting(IncomeClassification::iso3).doesNotHaveDuplicates()
        .containsExactlyElementsOf(data.memberStates().stream().map(MemberState::iso3).toList());
    Map<IncomeGroup, Long> counts = data.incomeClassifications().stream()
        .collect(Collectors.groupingBy(IncomeClassification::incomeGroup, Collectors.counting()));
    assertThat(counts).containsEntry(IncomeGroup.HIGH, 63L).containsEntry(IncomeGroup.UPPER_MIDDLE, 54L)
        .containsEntry(IncomeGroup.LOWER_MIDDLE, 50L).containsEntry(IncomeGroup.LOW, 26L);
    assertThat(data.incomeGroup("KEN")).hasValue(IncomeGroup.LOWER_MIDDLE);
    assertThat(data.incomeGroup("AFG")).hasValue(IncomeGroup.LOW);
    assertThat(data.incomeGroup("XXX")).isEmpty();
    assertThat(data.highIncome("SGP")).isTrue(); // a developing economy and a SIDS (issue 7)
    assertThat(data.highIncome("RUS")).isTrue(); // an economy in transition
    assertThat(data.highIncome("NGA")).isFalse();
    assertThat(data.highIncome("XXX")).isFalse();
    // every developed economy is high-income; these developing and transition economies are too
    assertThat(data.memberStates()).filteredOn(s -> s.para24Status() == Para24Status.DEVELOPED)
        .allSatisfy(s -> assertThat(data.highIncome(s.iso3())).as(s.iso3()).isTrue());
    assertThat(data.memberStates()).filteredOn(s -> s.para24Status() != Para24Status.DEVELOPED)
        .filteredOn(s -> data.highIncome(s.iso3())).extracting(MemberState::iso3).containsExactlyInAnyOrder(
            "ARE", "ATG", "BHR", "BHS", "BRB", "BRN", "CHL", "GUY", "ISR", "KNA", "KOR", "KWT", "NRU", "OMN", "PAN",
            "PLW", "QAT", "RUS", "SAU", "SGP", "SYC", "TTO", "URY");
    // Venezuela, not classified by the World Bank since FY2022, keeps its last group (a judgement in the file)
    assertThat(data.incomeClassification("VEN")).hasValueSatisfying(c -> {
      assertThat(c.incomeGroup()).isEqualTo(IncomeGroup.UPPER_MIDDLE);
      assertThat(c.asOf()).isEqualTo(LocalDate.of(2020, 7, 1));
    });
    assertThat(data.incomeClassifications()).filteredOn(c -> !c.iso3().equals("VEN"))
        .allSatisfy(c -> assertThat(c.asOf()).isEqualTo(LocalDate.of(2024, 7, 1)));
  }

  @Test
  void countryGroupsAreAnsweredForADateSoGraduationsAreData() {
    ReferenceData data = SeedLoader.fromClasspath();

    // Bangladesh, Lao PDR and Nepal graduated from the LDC category on 24 November 2026
    for (String iso3 : List.of("BGD", "LAO", "NPL")) {
      assertThat(data.inGroup(iso3, CountryGroup.LDC, LocalDate.of(2026, 11, 23))).as(iso3).isTrue();
      assertThat(data.inGroup(iso3, CountryGroup.LDC, LocalDate.of(2026, 11, 24))).as(iso3).isFalse();
    }
    assertThat(data.inGroup("STP", CountryGroup.LDC, LocalDate.of(2024, 12, 12))).isTrue();
    assertThat(data.inGroup("STP", CountryGroup.LDC, LocalDate.of(2024, 12, 13))).isFalse();
    assertThat(data.inGroup("STP", CountryGroup.SIDS, LocalDate.of(2026, 11, 29))).isTrue();
    assertThat(data.inGroup("WSM", CountryGroup.LDC, LocalDate.of(2013, 6, 1))).isTrue();
    assertThat(data.inGroup("WSM", CountryGroup.LDC, LocalDate.of(2014, 1, 1))).isFalse();
    assertThat(data.inGroup("XXX", CountryGroup.LDC, LocalDate.of(2026, 1, 1))).isFalse();
    assertThat(data.countryGroups("NPL", LocalDate.of(2026, 11, 29))).containsExactly(CountryGroup.LLDC);
    assertThat(data.countryGroups("AFG", LocalDate.of(2026, 11, 29)))
        .containsExactlyInAnyOrder(CountryGroup.LDC, CountryGroup.LLDC);

    LocalDate day = LocalDate.of(2026, 11, 29);
    assertThat(data.membersOf(CountryGroup.LDC, day)).hasSize(41);
    assertThat(data.membersOf(CountryGroup.LLDC, day)).hasSize(32);
    assertThat(data.membersOf(CountryGroup.SIDS, day)).hasSize(37);
    assertThat(data.membersOf(CountryGroup.LDC, LocalDate.of(2024, 1, 1))).hasSize(45);

    MemberState nepal = data.memberState("NPL").orElseThrow();
    assertThat(nepal.leastDeveloped(LocalDate.of(2026, 1, 1))).isTrue();
    assertThat(nepal.leastDeveloped()).isEqualTo(nepal.leastDeveloped(LocalDate.now()));
    assertThat(nepal.landlockedDeveloping()).isTrue();
    assertThat(data.memberState("SGP").orElseThrow().smallIslandDeveloping()).isTrue();
  }

  @Test
  void instrumentsCoverTheNineteenTerrorismInstrumentsTheDrugConventionsAndCybercrime() {
    ReferenceData data = SeedLoader.fromClasspath();

    Map<InstrumentFamily, Long> families = data.instruments().stream()
        .collect(Collectors.groupingBy(Instrument::family, Collectors.counting()));
    assertThat(families).containsEntry(InstrumentFamily.UNTOC, 4L).containsEntry(InstrumentFamily.UNCAC, 1L)
        .containsEntry(InstrumentFamily.TERRORISM, 19L).containsEntry(InstrumentFamily.DRUGS, 3L)
        .containsEntry(InstrumentFamily.CYBERCRIME, 1L);
    assertThat(data.instrument("ILLICIT_TRAFFIC_1988")).hasValueSatisfying(i -> {
      assertThat(i.treatyReference()).isEqualTo("VI-19");
      assertThat(i.depositedWithSecretaryGeneral()).isTrue();
      assertThat(i.entryIntoForce()).isEqualTo(LocalDate.of(1990, 11, 11));
    });
    assertThat(data.instrument("CYBERCRIME")).hasValueSatisfying(i -> {
      assertThat(i.inForce()).isFalse();
      assertThat(i.inForceOn(LocalDate.of(2026, 11, 29))).isFalse();
      assertThat(i.depositary()).isEqualTo(Depositary.UN_SECRETARY_GENERAL);
      assertThat(i.treatyReference()).isEqualTo("XVIII-16");
    });
    assertThat(data.instrument("MARITIME_NAVIGATION_1988")).hasValueSatisfying(i -> {
      assertThat(i.depositary()).isEqualTo(Depositary.IMO);
      assertThat(i.treatyReference()).isNull();
    });
    // a treaty reference exists exactly for the instruments deposited with the Secretary-General
    assertThat(data.instruments()).filteredOn(i -> i.treatyReference() != null)
        .allSatisfy(i -> assertThat(i.depositedWithSecretaryGeneral()).isTrue());
    assertThat(data.instruments()).filteredOn(i -> i.depositedWithSecretaryGeneral() && i.treatyReference() == null)
        .isEmpty();
    assertThat(data.instruments()).filteredOn(i -> !i.code().equals("CYBERCRIME"))
        .allSatisfy(i -> assertThat(i.inForce()).as(i.code()).isTrue());
  }

  @Test
  void everyThematicAreaMapsToTheInstrumentsThatGovernIt() {
    ReferenceData data = SeedLoader.fromClasspath();

    Set<String> terrorism = data.instruments().stream().filter(i -> i.family() == InstrumentFamily.TERRORISM)
        .map(Instrument::code).collect(Collectors.toSet());
    assertThat(data.thematicArea("TERRORISM")).map(ThematicArea::instruments).hasValue(terrorism);
    assertThat(data.thematicArea("DRUG_TRAFFICKING")).map(ThematicArea::instruments)
        .hasValue(Set.of("NARCOTIC_DRUGS_1961", "PSYCHOTROPIC_1971", "ILLICIT_TRAFFIC_1988"));
    assertThat(data.thematicArea("CYBERCRIME")).map(ThematicArea::instruments).hasValue(Set.of("CYBERCRIME", "UNTOC"));
    assertThat(data.thematicArea("MONEY_LAUNDERING")).hasValueSatisfying(a ->
        assertThat(a.instruments()).contains("ILLICIT_TRAFFIC_1988", "TERRORISM_FINANCING"));
    assertThat(data.thematicArea("PIRACY")).map(ThematicArea::instruments).hasValue(Set.of("MARITIME_NAVIGATION_1988"));
    assertThat(data.thematicArea("URBAN_CRIME")).hasValueSatisfying(a -> {
      assertThat(a.resolutionParagraphs()).isEqualTo("10");
      assertThat(a.hasSpecialistSection()).isFalse();
      assertThat(a.instruments()).isEmpty();
    });
    assertThat(data.thematicArea("SEXUAL_EXPLOITATION_OF_CHILDREN")).hasValueSatisfying(a -> {
      assertThat(a.resolutionParagraphs()).isEqualTo("10");
      assertThat(a.instruments()).containsExactlyInAnyOrder("UNTOC", "UNTOC_TIP", "CYBERCRIME");
    });
    // every instrument governs at least one area, so none is listed without use
    Set<String> mapped = data.thematicAreas().stream().flatMap(a -> a.instruments().stream()).collect(Collectors.toSet());
    assertThat(mapped).containsExactlyInAnyOrderElementsOf(
        data.instruments().stream().map(Instrument::code).toList());
  }

  @Test
  void aDeclinedRequestGoesToTheNextOfficeOfTheChainAndHeadquartersLast() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.fallbackChain("COMMR")).extracting(Office::code).containsExactly("ROSEAP", "HQVIE");
    assertThat(data.fallbackChain("CONIG")).extracting(Office::code).containsExactly("ROSEN", "HQVIE");
    assertThat(data.fallbackChain("CPP")).extracting(Office::code).containsExactly("ROEA", "HQVIE");
    assertThat(data.fallbackChain("COCOL")).extracting(Office::code).containsExactly("HQVIE");
    assertThat(data.fallbackChain("ROEA")).extracting(Office::code).containsExactly("HQVIE");
    assertThat(data.fallbackChain("HQVIE")).isEmpty();
    assertThat(data.fallbackChain("NOPE")).isEmpty();
    for (Office office : data.offices()) {
      if (office.kind() != OfficeKind.HEADQUARTERS) {
        assertThat(data.fallbackChain(office.code())).as("chain of %s", office.code())
            .last().extracting(Office::code).isEqualTo("HQVIE");
      }
    }
  }

  @Test
  void partnerOrganisationsAndTheirMembers() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.partnerOrganisation("AU")).hasValueSatisfying(au -> {
      assertThat(au.kind()).isEqualTo(PartnerKind.REGIONAL_ORGANISATION);
      assertThat(au.memberStates()).hasSize(54).contains("MAR", "KEN", "EGY");
    });
    assertThat(data.partnerOrganisation("ECOWAS")).hasValueSatisfying(ecowas ->
        assertThat(ecowas.memberStates()).hasSize(12).contains("NGA", "SEN").doesNotContain("BFA", "MLI", "NER"));
    assertThat(data.partnerOrganisation("OSCE")).hasValueSatisfying(osce ->
        assertThat(osce.memberStates()).hasSize(56).contains("USA", "MNG", "KAZ"));
    assertThat(data.partnerOrganisation("INTERPOL")).hasValueSatisfying(interpol -> {
      assertThat(interpol.kind()).isEqualTo(PartnerKind.INTERNATIONAL_ORGANISATION);
      assertThat(interpol.memberStates()).isEmpty();
    });
    assertThat(data.partnerOrganisation("CTED")).map(PartnerOrganisation::kind).hasValue(PartnerKind.UN_SYSTEM);
    assertThat(data.organisationsOf("KEN")).extracting(PartnerOrganisation::code)
        .containsExactly("AU", "EAC", "IGAD");
    assertThat(data.partnersFor("TERRORISM", PartnerKind.UN_SYSTEM)).extracting(PartnerOrganisation::code)
        .contains("UNOCT", "CTED", "OHCHR").doesNotContain("UNHCR");
    assertThat(data.partnersFor("URBAN_CRIME", PartnerKind.UN_SYSTEM)).extracting(PartnerOrganisation::code)
        .containsExactly("UN_HABITAT");
    assertThat(data.partnersFor("FIREARMS", PartnerKind.INTERNATIONAL_ORGANISATION))
        .extracting(PartnerOrganisation::code).containsExactly("INTERPOL", "WCO");
    assertThat(data.partnerOrganisations()).allSatisfy(p -> assertThat(p.source()).isNotBlank());
  }

  @Test
  void regionalVulnerabilitiesAreCuratedPerMostSpecificRegionAndArea() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.regionalVulnerability("SOM", "PIRACY")).map(RegionalVulnerability::level)
        .hasValue(VulnerabilityLevel.HIGH);
    assertThat(data.regionalVulnerability("SOM", "PIRACY")).map(RegionalVulnerability::region)
        .hasValue("Eastern Africa");
    assertThat(data.regionalVulnerability("MMR", "DRUG_TRAFFICKING")).map(RegionalVulnerability::level)
        .hasValue(VulnerabilityLevel.HIGH);
    assertThat(data.regionalVulnerability("DEU", "PIRACY")).isEmpty();
    assertThat(data.regionalVulnerability("XXX", "PIRACY")).isEmpty();
    assertThat(data.highestRegionalVulnerability("KEN", List.of("CORRUPTION", "DRUG_TRAFFICKING", "PIRACY")))
        .hasValue(VulnerabilityLevel.HIGH);
    assertThat(data.highestRegionalVulnerability("KEN", List.of("DRUG_TRAFFICKING"))).hasValue(VulnerabilityLevel.ELEVATED);
    assertThat(data.highestRegionalVulnerability("KEN", List.of("CORRUPTION"))).isEmpty();
    assertThat(data.regionalVulnerabilities()).allSatisfy(v -> assertThat(v.sources()).isNotBlank());
  }

  @Test
  void copiedSeedsLoadFromAFileLocation() {
    assertThat(loadCopy().memberStates()).hasSize(193);
  }

  // --- malformed data ----------------------------------------------------------------------------

  @Test
  void badBoolean() throws IOException {
    int line = setField("member-states.csv", "KEN", "emerging_from_conflict", "yes");

    assertFailure("member-states.csv", line, "emerging_from_conflict", "expected true or false but was 'yes'");
  }

  @Test
  void badIso3() throws IOException {
    int line = setField("member-states.csv", "KEN", "iso3", "Ke");

    assertFailure("member-states.csv", line, "iso3", "expected an ISO 3166-1 alpha-3 code");
  }

  @Test
  void badInteger() throws IOException {
    int line = setField("thematic-areas.csv", "CORRUPTION", "strategy_weight", "9");

    assertFailure("thematic-areas.csv", line, "strategy_weight", "from 1 to 5 but was '9'");
  }

  @Test
  void tooFewColumns() throws IOException {
    int line = lineStartingWith("offices.csv", "ROEA,");
    replaceLine("offices.csv", line, "ROEA,Regional Office for Eastern Africa,Nairobi,REGIONAL");

    assertFailure("offices.csv", line, "covered_states", "expected 7 fields");
  }

  @Test
  void tooManyColumns() throws IOException {
    int line = lineStartingWith("funding-sources.csv", "CPCJ_FUND,");
    replaceLine("funding-sources.csv", line, "CPCJ_FUND,United Nations Crime Prevention, and Criminal Justice Fund,false");

    assertThatThrownBy(this::loadCopy)
        .isInstanceOf(SeedDataException.class)
        .hasMessageStartingWith("seeds/funding-sources.csv line " + line + ": expected 3 fields")
        .hasMessageContaining("found 4");
  }

  @Test
  void unknownStateInOffice() throws IOException {
    int line = replaceInLine("offices.csv", "ROEA,", " UGA,", " UGA XYZ,");

    assertFailure("offices.csv", line, "covered_states", "unknown member state 'XYZ'");
  }

  @Test
  void stateCoveredByTwoOffices() throws IOException {
    int line = replaceInLine("offices.csv", "ROSAF,", " ZWE,", " ZWE KEN,");

    assertFailure("offices.csv", line, "covered_states", "'KEN' is already covered by office ROEA");
  }

  @Test
  void stateNotCoveredByAnyOffice() throws IOException {
    int officeLine = lineStartingWith("offices.csv", "ROEA,");
    replaceLine("offices.csv", officeLine, lines("offices.csv").get(officeLine - 1).replace(" KEN ", " "));
    int stateLine = lineStartingWith("member-states.csv", "KEN,");

    // KEN is still in CPP, but a programme does not count as the state's office
    assertFailure("member-states.csv", stateLine, "iso3", "'KEN' is not covered by any non-programme office");
  }

  @Test
  void duplicateCode() throws IOException {
    int first = lineStartingWith("thematic-areas.csv", "CORRUPTION,");
    int line = appendLine("thematic-areas.csv", "CORRUPTION,Corruption again,6,5,,UNCAC");

    assertFailure("thematic-areas.csv", line, "code", "duplicate code 'CORRUPTION' (first defined on line " + first);
  }

  @Test
  void missingHeaderColumn() throws IOException {
    int line = lineStartingWith("member-states.csv", "iso3,");
    replaceLine("member-states.csv", line, lines("member-states.csv").get(line - 1).replace(",subregion,", ","));

    assertFailure("member-states.csv", line, "subregion", "column missing from header");
  }

  @Test
  void unknownInstrumentInThematicArea() throws IOException {
    int line = setField("thematic-areas.csv", "CORRUPTION", "instruments", "UNCAC MERIDA");

    assertFailure("thematic-areas.csv", line, "instruments", "unknown instrument 'MERIDA'");
  }

  @Test
  void unknownSpecialistSection() throws IOException {
    int line = setField("thematic-areas.csv", "CORRUPTION", "specialist_section", "CEB");

    assertFailure("thematic-areas.csv", line, "specialist_section", "unknown specialist section 'CEB'");
  }

  @Test
  void ratificationPairMissing() throws IOException {
    int line = lineStartingWith("ratifications.csv", "KEN,UNTOC,");
    deleteLine("ratifications.csv", line);

    // the next KEN row moves up to the deleted line, which is where the state's rows now start
    assertFailure("ratifications.csv", line, "instrument", "no row for instrument 'UNTOC' of state 'KEN'");
  }

  @Test
  void badRatificationStatus() throws IOException {
    int line = lineStartingWith("ratifications.csv", "COL,UNCAC,");
    replaceLine("ratifications.csv", line, lines("ratifications.csv").get(line - 1).replace(",PARTY,", ",RATIFIED,"));

    assertFailure("ratifications.csv", line, "status", "expected one of [PARTY, SIGNATORY, NOT_PARTY, CONSENTED] but was 'RATIFIED'");
  }

  // --- para 24 classification and country groups

  @Test
  void badParagraph24Status() throws IOException {
    int line = lineStartingWith("country-classification.csv", "KEN,");
    replaceLine("country-classification.csv", line, lines("country-classification.csv").get(line - 1)
        .replace(",DEVELOPING,", ",LDC,"));

    assertFailure("country-classification.csv", line, "status",
        "expected one of [DEVELOPED, TRANSITION, DEVELOPING] but was 'LDC'");
  }

  @Test
  void memberStateWithoutParagraph24Status() throws IOException {
    deleteLine("country-classification.csv", lineStartingWith("country-classification.csv", "KEN,"));

    assertThatThrownBy(this::loadCopy)
        .isInstanceOf(SeedDataException.class)
        .hasMessage("seeds/country-classification.csv, field 'iso3': no row for member state 'KEN'; every member"
            + " state of seeds/member-states.csv needs its para 24 status");
  }

  @Test
  void unknownStateInClassification() throws IOException {
    int line = appendLine("country-classification.csv", "PSE,DEVELOPING,WESP,2025-01-09,WESP 2025");

    assertFailure("country-classification.csv", line, "iso3", "unknown member state 'PSE'");
  }

  @Test
  void unknownCountryGroup() throws IOException {
    int line = setField("country-groups.csv", "BGD", "group", "LMIC");

    assertFailure("country-groups.csv", line, "group", "expected one of [LDC, LLDC, SIDS] but was 'LMIC'");
  }

  @Test
  void groupMembershipEndingBeforeItStarts() throws IOException {
    int line = setField("country-groups.csv", "BGD", "from", "2027-01-01");

    assertFailure("country-groups.csv", line, "until", "must be after 'from' (2027-01-01) but was 2026-11-24");
  }

  @Test
  void badGroupDate() throws IOException {
    int line = setField("country-groups.csv", "BGD", "until", "24/11/2026");

    assertFailure("country-groups.csv", line, "until", "expected a date as YYYY-MM-DD but was '24/11/2026'");
  }

  @Test
  void overlappingGroupPeriods() throws IOException {
    int line = appendLine("country-groups.csv", "BGD,LDC,2020-01-01,,a second period");

    assertFailure("country-groups.csv", line, "from", "'BGD' is already in LDC for part of this period");
  }

  // --- income groups

  @Test
  void badIncomeGroup() throws IOException {
    int line = setField("income-groups.csv", "KEN", "income_group", "MIDDLE");

    assertFailure("income-groups.csv", line, "income_group",
        "expected one of [HIGH, UPPER_MIDDLE, LOWER_MIDDLE, LOW] but was 'MIDDLE'");
  }

  @Test
  void badIncomeGroupDate() throws IOException {
    int line = setField("income-groups.csv", "KEN", "as_of", "1 July 2024");

    assertFailure("income-groups.csv", line, "as_of", "expected a date as YYYY-MM-DD but was '1 July 2024'");
  }

  @Test
  void memberStateWithoutIncomeGroup() throws IOException {
    deleteLine("income-groups.csv", lineStartingWith("income-groups.csv", "KEN,"));

    assertThatThrownBy(this::loadCopy)
        .isInstanceOf(SeedDataException.class)
        .hasMessage("seeds/income-groups.csv, field 'iso3': no row for member state 'KEN'; every member"
            + " state of seeds/member-states.csv needs its income group");
  }

  @Test
  void memberStateWithTwoIncomeGroups() throws IOException {
    int first = lineStartingWith("income-groups.csv", "KEN,");
    int line = appendLine("income-groups.csv", "KEN,LOW,2024-07-01,a second row");

    assertFailure("income-groups.csv", line, "iso3", "duplicate iso3 'KEN' (first defined on line " + first + ")");
  }

  @Test
  void unknownStateInIncomeGroups() throws IOException {
    int line = appendLine("income-groups.csv", "PSE,LOWER_MIDDLE,2024-07-01,World Bank FY2025");

    assertFailure("income-groups.csv", line, "iso3", "unknown member state 'PSE'");
  }

  @Test
  void incomeGroupsHeaderIsChecked() throws IOException {
    int line = lineStartingWith("income-groups.csv", "iso3,");
    replaceLine("income-groups.csv", line, "iso3,income,as_of,source");

    assertFailure("income-groups.csv", line, "income_group", "column missing from header");
  }

  // --- instruments and ratifications

  @Test
  void unknownDepositary() throws IOException {
    int line = setField("instruments.csv", "HOSTAGES", "depositary", "UNESCO");

    assertFailure("instruments.csv", line, "depositary", "but was 'UNESCO'");
  }

  @Test
  void treatyReferenceForAnInstrumentNotDepositedWithTheSecretaryGeneral() throws IOException {
    int line = setField("instruments.csv", "AIRCRAFT_OFFENCES_1963", "treaty_reference", "XVIII-1");

    assertFailure("instruments.csv", line, "treaty_reference",
        "only instruments deposited with the Secretary-General have a UN Treaty Collection reference");
  }

  @Test
  void malformedTreatyReference() throws IOException {
    int line = setField("instruments.csv", "HOSTAGES", "treaty_reference", "18.5");

    assertFailure("instruments.csv", line, "treaty_reference", "expected an MTDSG reference");
  }

  @Test
  void unknownInstrumentFamily() throws IOException {
    int line = setField("instruments.csv", "HOSTAGES", "family", "HUMAN_RIGHTS");

    assertFailure("instruments.csv", line, "family",
        "expected one of [UNTOC, UNCAC, TERRORISM, DRUGS, CYBERCRIME] but was 'HUMAN_RIGHTS'");
  }

  @Test
  void badEntryIntoForce() throws IOException {
    int line = setField("instruments.csv", "HOSTAGES", "entry_into_force", "1983");

    assertFailure("instruments.csv", line, "entry_into_force", "expected a date as YYYY-MM-DD but was '1983'");
  }

  @Test
  void partyToAnInstrumentNotInForce() throws IOException {
    int line = replaceInLine("ratifications.csv", "KEN,CYBERCRIME,", ",NOT_PARTY,,,", ",PARTY,2026-01-05,RATIFICATION,");

    assertFailure("ratifications.csv", line, "status", "PARTY to CYBERCRIME, which is not in force on 2026-11-01");
  }

  @Test
  void consentedToAnInstrumentInForce() throws IOException {
    int line = replaceInLine("ratifications.csv", "KEN,UNTOC,", ",PARTY,", ",CONSENTED,");

    assertFailure("ratifications.csv", line, "status", "CONSENTED applies only to an instrument not yet in force");
  }

  @Test
  void ratificationDateWithoutAction() throws IOException {
    int line = replaceInLine("ratifications.csv", "KEN,UNTOC,", ",PARTY,,,", ",PARTY,2004-06-16,,");

    assertFailure("ratifications.csv", line, "action", "date and action go together");
  }

  @Test
  void nonPartyWithAnAction() throws IOException {
    int line = replaceInLine("ratifications.csv", "KEN,UNTOC_SOM,", ",NOT_PARTY,,,", ",NOT_PARTY,2004-06-16,ACCESSION,");

    assertFailure("ratifications.csv", line, "action", "a NOT_PARTY row has no action or date");
  }

  @Test
  void partyBySignatureAlone() throws IOException {
    int line = replaceInLine("ratifications.csv", "KEN,UNTOC,", ",PARTY,,,", ",PARTY,2000-12-12,SIGNATURE,");

    assertFailure("ratifications.csv", line, "action", "a signature alone does not make a state bound");
  }

  @Test
  void ratificationDatedAfterItsStatusList() throws IOException {
    int line = replaceInLine("ratifications.csv", "KEN,UNTOC,", ",PARTY,,,", ",PARTY,2026-11-02,ACCESSION,");

    assertFailure("ratifications.csv", line, "date", "is after as_of (2026-11-01)");
  }

  // --- the office chain

  @Test
  void unknownNextOffice() throws IOException {
    int line = setField("offices.csv", "ROEA", "next_office", "HQNYC");

    assertFailure("offices.csv", line, "next_office", "unknown office 'HQNYC'");
  }

  @Test
  void nextOfficesThatLoop() throws IOException {
    int line = replaceInLine("offices.csv", "ROSEAP,", ",HQVIE,\"", ",COMMR,\"");

    assertFailure("offices.csv", line, "next_office", "the next offices loop: ROSEAP -> COMMR -> ROSEAP");
  }

  @Test
  void nextOfficeThatIsAProgramme() throws IOException {
    int line = setField("offices.csv", "ROEA", "next_office", "CPP");

    assertFailure("offices.csv", line, "next_office", "'CPP' is a PROGRAMME office");
  }

  @Test
  void officeWithoutNextOffice() throws IOException {
    int line = setField("offices.csv", "ROEA", "next_office", "");

    assertFailure("offices.csv", line, "next_office", "required value is empty");
  }

  @Test
  void headquartersWithANextOffice() throws IOException {
    int line = lineStartingWith("offices.csv", "HQVIE,");
    replaceLine("offices.csv", line, lines("offices.csv").get(line - 1).replace("USA VEN,,", "USA VEN,ROEA,"));

    assertFailure("offices.csv", line, "next_office", "Headquarters is the last office");
  }

  @Test
  void officeWithoutSource() throws IOException {
    int line = setField("offices.csv", "ROEA", "source", "");

    assertFailure("offices.csv", line, "source", "required value is empty");
  }

  // --- partner organisations and regional vulnerabilities

  @Test
  void regionalOrganisationWithoutMembers() throws IOException {
    int line = replaceInLine("partner-organisations.csv", "SAARC,", ",AFG BGD BTN IND LKA MDV NPL PAK,", ",,");

    assertFailure("partner-organisations.csv", line, "member_states", "a regional organisation lists its UN member states");
  }

  @Test
  void unPartnerWithMembers() throws IOException {
    int line = replaceInLine("partner-organisations.csv", "UNOCT,", ",UN_SYSTEM,,", ",UN_SYSTEM,KEN,");

    assertFailure("partner-organisations.csv", line, "member_states", "only a REGIONAL_ORGANISATION lists member states");
  }

  @Test
  void unknownMemberOfAnOrganisation() throws IOException {
    int line = replaceInLine("partner-organisations.csv", "SAARC,", " PAK,", " PAK XKX,");

    assertFailure("partner-organisations.csv", line, "member_states", "unknown member state 'XKX'");
  }

  @Test
  void unknownPartnerKind() throws IOException {
    int line = replaceInLine("partner-organisations.csv", "UNOCT,", ",UN_SYSTEM,", ",AGENCY,");

    assertFailure("partner-organisations.csv", line, "kind", "but was 'AGENCY'");
  }

  @Test
  void unknownThematicAreaOfAPartner() throws IOException {
    int line = replaceInLine("partner-organisations.csv", "UNOCT,", ",TERRORISM,", ",EXTREMISM,");

    assertFailure("partner-organisations.csv", line, "thematic_areas", "unknown thematic area 'EXTREMISM'");
  }

  @Test
  void vulnerabilityOfARegionThatIsNotAStatesMostSpecificRegion() throws IOException {
    int line = appendLine("regional-vulnerabilities.csv", "Sub-Saharan Africa,CORRUPTION,HIGH,a report");

    assertFailure("regional-vulnerabilities.csv", line, "region",
        "'Sub-Saharan Africa' is not the most specific M49 region");
  }

  @Test
  void vulnerabilityOfAnUnknownArea() throws IOException {
    int line = appendLine("regional-vulnerabilities.csv", "Eastern Africa,POACHING,HIGH,a report");

    assertFailure("regional-vulnerabilities.csv", line, "thematic_area", "unknown thematic area 'POACHING'");
  }

  @Test
  void badVulnerabilityLevel() throws IOException {
    int line = setField("regional-vulnerabilities.csv", "Eastern Africa", "level", "SEVERE");

    assertFailure("regional-vulnerabilities.csv", line, "level", "expected one of [ELEVATED, HIGH] but was 'SEVERE'");
  }

  @Test
  void duplicateVulnerability() throws IOException {
    int first = lineStartingWith("regional-vulnerabilities.csv", "Eastern Africa,PIRACY,");
    int line = appendLine("regional-vulnerabilities.csv", "Eastern Africa,PIRACY,ELEVATED,again");

    assertFailure("regional-vulnerabilities.csv", line, "thematic_area",
        "duplicate row for region 'Eastern Africa' and area 'PIRACY' (first on line " + first + ")");
  }

  @Test
  void vulnerabilityWithoutSources() throws IOException {
    int line = setField("regional-vulnerabilities.csv", "Eastern Africa", "sources", "");

    assertFailure("regional-vulnerabilities.csv", line, "sources", "required value is empty");
  }

  @Test
  void unknownGroupInDemoUser() throws IOException {
    int line = setField("demo-users.csv", "ken.focal", "groups", "focal-KEN focal-XYZ");

    assertFailure("demo-users.csv", line, "groups", "unknown group 'focal-XYZ'");
  }

  @Test
  void missingFocalPointGroup() throws IOException {
    deleteLine("groups.csv", lineStartingWith("groups.csv", "focal-COL,"));
    int stateLine = lineStartingWith("member-states.csv", "COL,");

    assertFailure("member-states.csv", stateLine, "iso3", "needs group 'focal-COL'");
  }

  @Test
  void unclosedQuoteAtTheEndOfTheFile() throws IOException {
    int line = lineStartingWith("assistance-types.csv", "EQUIPMENT,");
    replaceLine("assistance-types.csv", line, "EQUIPMENT,Equipment,\"Provision of equipment");

    assertFailure("assistance-types.csv", line, "description", "not valid CSV: Missing closing quote");
  }

  @Test
  void unclosedQuoteInTheMiddleOfTheFileNamesTheLineWhereTheQuoteOpened() throws IOException {
    // the next row's opening quote closes this value, and the CSV reader stumbles only there
    int line = lineStartingWith("assistance-types.csv", "CAPACITY_BUILDING,");
    replaceLine("assistance-types.csv", line, "CAPACITY_BUILDING,\"Capacity building and training,Training of officials.");

    assertFailure("assistance-types.csv", line, "label", "not valid CSV: ");
  }

  @Test
  void linesArePhysicalLinesCountingLineBreaksInsideQuotedValues() throws IOException {
    int quoted = lineStartingWith("assistance-types.csv", "CAPACITY_BUILDING,");
    replaceLine("assistance-types.csv", quoted,
        "CAPACITY_BUILDING,Capacity building and training,\"Training of police and prosecutors,\nand of judges.\"");
    int line = lineStartingWith("assistance-types.csv", "ADVISORY_SERVICES,");
    assertThat(line).isEqualTo(quoted + 2);
    replaceLine("assistance-types.csv", line, "ADVISORY_SERVICES,Advisory services");

    assertFailure("assistance-types.csv", line, "description", "expected 3 fields");
  }

  @Test
  void textAfterAClosingQuote() throws IOException {
    int line = lineStartingWith("offices.csv", "ROEA,");
    replaceLine("offices.csv", line, lines("offices.csv").get(line - 1).replace(",Nairobi,", ",\"Nairobi\" (Gigiri),"));

    assertFailure("offices.csv", line, "city", "not valid CSV: ");
  }

  @Test
  void missingFile() throws IOException {
    Files.delete(dir.resolve("instruments.csv"));

    assertThatThrownBy(this::loadCopy)
        .isInstanceOf(SeedDataException.class)
        .hasMessageStartingWith("seeds/instruments.csv: not found");
  }

  // --- the CSV reader ----------------------------------------------------------------------------

  @Nested
  class Csv {

    @Test
    void readsQuotesCommentsBlankLinesAndLineNumbers() {
      String text = "\uFEFF# comment, with a comma\r\n"
          + "a,b,c\r\n"
          + "\r\n"
          + "1,\"two, with comma\",\"say \"\"hi\"\"\"\r\n"
          + "   \n"
          + "# another comment\n"
          + "2,\"multi\nline\",\n"
          + ",,\n"
          + "3,,last";

      SeedCsv.Table table = SeedCsv.parse("seeds/test.csv", text);

      assertThat(table.header()).isEqualTo(new SeedCsv.Record(2, List.of("a", "b", "c")));
      assertThat(table.rows()).containsExactly(
          new SeedCsv.Record(4, List.of("1", "two, with comma", "say \"hi\"")),
          new SeedCsv.Record(7, List.of("2", "multi\nline", "")),
          new SeedCsv.Record(9, List.of("", "", "")),
          new SeedCsv.Record(10, List.of("3", "", "last")));
    }

    @Test
    void namesLineAndColumnOfAQuotedValueThatIsNotClosed() {
      assertThatThrownBy(() -> SeedCsv.parse("seeds/test.csv", "a,b,c\n1,2,3\n# comment\n4,\"five\n6,7,8\n"))
          .isInstanceOfSatisfying(SeedDataException.class, e -> {
            assertThat(e.getMessage()).startsWith("seeds/test.csv line 4, field 'b': not valid CSV: Missing closing quote");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.field()).isEqualTo("b");
          });
    }

    @Test
    void keepsAQuoteInsideAValueThatDoesNotStartWithOneAsWritten() {
      // lenient like most CSV readers; a value that starts with a quote must be quoted properly
      assertThat(SeedCsv.parse("seeds/test.csv", "a,b\nx,y\"z\n").rows())
          .containsExactly(new SeedCsv.Record(2, List.of("x", "y\"z")));
    }

    @Test
    void rejectsTextAfterAClosingQuoteInTheHeader() {
      assertThatThrownBy(() -> SeedCsv.parse("seeds/test.csv", "# comment\n\"a\"x,b\n1,2\n"))
          .isInstanceOf(SeedDataException.class)
          .hasMessageStartingWith("seeds/test.csv line 2: not valid CSV: ");
    }

    @Test
    void rejectsAnEmptyFile() {
      assertThatThrownBy(() -> SeedCsv.parse("seeds/test.csv", "# only a comment\n\n"))
          .isInstanceOf(SeedDataException.class)
          .hasMessage("seeds/test.csv: file has no header row");
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  private ReferenceData loadCopy() {
    return new SeedLoader(new DefaultResourceLoader(), dir.toUri().toString()).load();
  }

  private void assertFailure(String file, int line, String field, String problem) {
    assertThatThrownBy(this::loadCopy)
        .isInstanceOfSatisfying(SeedDataException.class, e -> {
          assertThat(e.getMessage())
              .startsWith("seeds/" + file + " line " + line + ", field '" + field + "': ")
              .contains(problem);
          assertThat(e.file()).isEqualTo("seeds/" + file);
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.field()).isEqualTo(field);
        });
  }

  private List<String> lines(String file) throws IOException {
    return new ArrayList<>(Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8));
  }

  private void write(String file, List<String> lines) throws IOException {
    Files.write(dir.resolve(file), lines, StandardCharsets.UTF_8);
  }

  /** 1-based number of the first line starting with {@code prefix}. */
  private int lineStartingWith(String file, String prefix) throws IOException {
    List<String> lines = lines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line starting with '" + prefix + "' in " + file);
  }

  private void replaceLine(String file, int line, String replacement) throws IOException {
    List<String> lines = lines(file);
    lines.set(line - 1, replacement);
    write(file, lines);
  }

  private void deleteLine(String file, int line) throws IOException {
    List<String> lines = lines(file);
    lines.remove(line - 1);
    write(file, lines);
  }

  private int appendLine(String file, String text) throws IOException {
    List<String> lines = lines(file);
    lines.add(text);
    write(file, lines);
    return lines.size();
  }

  /** Replaces text in the first line starting with {@code prefix}; the text must be there. */
  private int replaceInLine(String file, String prefix, String target, String replacement) throws IOException {
    int line = lineStartingWith(file, prefix);
    String text = lines(file).get(line - 1);
    assertThat(text).as("line %d of %s", line, file).contains(target);
    replaceLine(file, line, text.replaceFirst(java.util.regex.Pattern.quote(target),
        java.util.regex.Matcher.quoteReplacement(replacement)));
    return line;
  }

  /** Sets one field of the row whose key column is {@code key}; only for rows without quoted fields. */
  private int setField(String file, String key, String field, String value) throws IOException {
    int line = lineStartingWith(file, key + ",");
    String text = lines(file).get(line - 1);
    assertThat(text).as("row to edit must not be quoted").doesNotContain("\"");
    List<String> header = SeedLoader.HEADERS.get(file);
    String[] values = text.split(",", -1);
    assertThat(values).hasSize(header.size());
    values[header.indexOf(field)] = value;
    replaceLine(file, line, String.join(",", Arrays.asList(values)));
    return line;
  }
}
