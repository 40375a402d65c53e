package org.unodc.uponrequest.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unodc.uponrequest.referencedata.MemberState;
import org.unodc.uponrequest.referencedata.Office;
import org.unodc.uponrequest.referencedata.OfficeKind;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.referencedata.SeedLoader;

/**
 * Evaluates bpmn/regional-office-assignment.dmn with the standalone DMN engine: every rule (the
 * rule that decided is read from the engine's evaluation event, so a test fails when a different
 * rule happens to give the same office), and the whole of seeds/member-states.csv against
 * seeds/offices.csv, both loaded by the product's {@link SeedLoader}.
 */
class RegionalOfficeAssignmentDecisionTest {

  private static final String RESOURCE = "bpmn/regional-office-assignment.dmn";
  private static final String DECISION_KEY = "regional-office-assignment";

  private static DmnEngine engine;
  private static DmnDecision decision;
  private static final List<String> decidingRules = new ArrayList<>();

  private static List<MemberState> memberStates;
  private static List<Office> offices;

  @BeforeAll
  static void parseDecisionAndSeeds() throws IOException {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(
        RegionalOfficeAssignmentDecisionTest::recordDecidingRule));
    engine = configuration.buildEngine();
    try (InputStream in = resource(RESOURCE)) {
      decision = engine.parseDecision(DECISION_KEY, in);
    }
    ReferenceData seeds = SeedLoader.fromClasspath();
    memberStates = seeds.memberStates();
    offices = seeds.offices();
  }

  @BeforeEach
  void forgetDecidingRules() {
    decidingRules.clear();
  }

  private static void recordDecidingRule(DmnDecisionTableEvaluationEvent event) {
    for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
      decidingRules.add(rule.getId());
    }
  }

  // ---------------------------------------------------------------------------------------
  // model

  @Test
  void decisionHasHistoryTimeToLiveAndEveryRuleIsAnnotated() throws IOException {
    try (InputStream in = resource(RESOURCE)) {
      DmnModelInstance model = Dmn.readModelFromStream(in);
      List<Decision> decisions = new ArrayList<>(model.getModelElementsByType(Decision.class));
      assertThat(decisions).extracting(Decision::getId).containsExactly(DECISION_KEY);
      assertThat(decisions.get(0).getCamundaHistoryTimeToLiveString()).isEqualTo("P3650D");
      List<Rule> rules = new ArrayList<>(model.getModelElementsByType(Rule.class));
      // one test below per rule: a new rule needs a new test
      assertThat(rules).hasSize(30);
      assertThat(rules).allSatisfy(r -> assertThat(r.getDescription()).isNotNull()
          .extracting(d -> d.getTextContent().trim()).asString().isNotEmpty());
    }
  }

  // ---------------------------------------------------------------------------------------
  // piracy

  @Test
  void piracyRequestFromSomaliaGoesToCounterPiracyProgramme() {
    assertAssignment("SOM", true, "CPP", "Rule_Piracy_CPP");
  }

  @Test
  void piracyRequestFromEveryStateCppCoversGoesToCppAndFromNoOtherState() {
    Set<String> cppStates = office("CPP").coveredStates();
    assertThat(cppStates).contains("SOM", "KEN", "SYC", "MUS", "TZA", "MDV");
    for (MemberState state : memberStates) {
      String iso3 = state.iso3();
      String piracyOffice = assign(state, true);
      if (cppStates.contains(iso3)) {
        assertThat(piracyOffice).as("piracy request from %s", iso3).isEqualTo("CPP");
      } else {
        assertThat(piracyOffice).as("piracy request from %s", iso3)
            .isNotEqualTo("CPP").isEqualTo(assign(state, false));
      }
    }
  }

  @Test
  void piracyRequestFromLandlockedEthiopiaIsNotSentToCppButToNairobiRegionalOffice() {
    assertThat(office("CPP").coveredStates()).doesNotContain("ETH");
    assertAssignment("ETH", true, "ROEA", "Rule_Intermediate_EasternAfrica");
  }

  @Test
  void piracyRequestFromColombiaIsNotSentToCppButToBogota() {
    assertAssignment("COL", true, "COCOL", "Rule_Country_COL");
  }

  @Test
  void nonPiracyRequestFromKenyaGoesToNairobiRegionalOfficeNotCpp() {
    assertAssignment("KEN", false, "ROEA", "Rule_Intermediate_EasternAfrica");
  }

  @Test
  void nonPiracyRequestFromYemenGoesToCairoNotCpp() {
    assertAssignment("YEM", false, "ROMENA", "Rule_Cairo_Overrides");
  }

  @Test
  void missingPiracyFlagCountsAsNoPiracyRequest() {
    Map<String, Object> vars = variables(state("SOM"), false);
    vars.put("piracyRequest", null);
    assertThat(evaluate(vars)).isEqualTo("ROEA");
  }

  // ---------------------------------------------------------------------------------------
  // country overrides

  @Test
  void afghanistanGoesToKabulCountryOfficeNotNewDelhi() {
    assertAssignment("AFG", false, "COAFG", "Rule_Country_AFG");
  }

  @Test
  void pakistanGoesToIslamabadCountryOffice() {
    assertAssignment("PAK", false, "COPAK", "Rule_Country_PAK");
  }

  @Test
  void iranGoesToTehranCountryOffice() {
    assertAssignment("IRN", false, "COIRN", "Rule_Country_IRN");
  }

  @Test
  void nigeriaGoesToAbujaCountryOfficeNotDakar() {
    assertAssignment("NGA", false, "CONIG", "Rule_Country_NGA");
  }

  @Test
  void colombiaGoesToBogotaCountryOffice() {
    assertAssignment("COL", false, "COCOL", "Rule_Country_COL");
  }

  @Test
  void peruAndEcuadorGoToLimaCountryOffice() {
    assertAssignment("PER", false, "COPER", "Rule_Country_PER_ECU");
    assertAssignment("ECU", false, "COPER", "Rule_Country_PER_ECU");
  }

  @Test
  void boliviaGoesToLaPazCountryOffice() {
    assertAssignment("BOL", false, "COBOL", "Rule_Country_BOL");
  }

  @Test
  void myanmarGoesToYangonCountryOfficeNotBangkok() {
    assertAssignment("MMR", false, "COMMR", "Rule_Country_MMR");
  }

  @Test
  void laoPdrGoesToVientianeOfficeNotBangkok() {
    assertAssignment("LAO", false, "COLAO", "Rule_Country_LAO");
  }

  @Test
  void vietNamGoesToHanoiCountryOfficeNotBangkok() {
    assertAssignment("VNM", false, "COVNM", "Rule_Country_VNM");
  }

  @Test
  void mexicoGoesToMexicoCityLiaisonOfficeNotPanama() {
    assertAssignment("MEX", false, "LPOMEX", "Rule_Country_MEX");
  }

  @Test
  void angolaDrCongoAndFourEasternAfricanStatesGoToPretoria() {
    for (String iso3 : List.of("AGO", "COD", "MWI", "MOZ", "ZMB", "ZWE")) {
      assertAssignment(iso3, false, "ROSAF", "Rule_Pretoria_Overrides");
    }
  }

  @Test
  void arabStatesOfWesternAsiaGoToCairo() {
    for (String iso3 : List.of("ARE", "BHR", "IRQ", "JOR", "KWT", "LBN", "OMN", "QAT", "SAU", "SYR", "YEM")) {
      assertAssignment(iso3, false, "ROMENA", "Rule_Cairo_Overrides");
    }
  }

  @Test
  void southCaucasusStatesGoToTashkent() {
    for (String iso3 : List.of("ARM", "AZE", "GEO")) {
      assertAssignment(iso3, false, "ROCA", "Rule_Tashkent_Overrides");
    }
  }

  @Test
  void brazilAndSouthernConeGoToBrasilia() {
    for (String iso3 : List.of("ARG", "BRA", "CHL", "PRY", "URY")) {
      assertAssignment(iso3, false, "LPOBRA", "Rule_Brasilia_Overrides");
    }
  }

  @Test
  void cyprusIsraelAndTurkiyeGoToHeadquarters() {
    for (String iso3 : List.of("CYP", "ISR", "TUR")) {
      assertAssignment(iso3, false, "HQVIE", "Rule_Vienna_WesternAsia_Overrides");
    }
  }

  @Test
  void guyanaAndSurinameGoToPanamaWithTheRestOfTheCaribbean() {
    for (String iso3 : List.of("GUY", "SUR")) {
      assertAssignment(iso3, false, "ROPAN", "Rule_Panama_Overrides");
    }
  }

  @Test
  void venezuelaGoesToHeadquartersForLackOfAFieldOffice() {
    assertAssignment("VEN", false, "HQVIE", "Rule_Vienna_Venezuela");
  }

  // ---------------------------------------------------------------------------------------
  // sub-region and intermediate-region rules

  @Test
  void easternAfricaGoesToNairobi() {
    assertAssignment("ETH", false, "ROEA", "Rule_Intermediate_EasternAfrica");
  }

  @Test
  void southernAfricaGoesToPretoria() {
    assertAssignment("ZAF", false, "ROSAF", "Rule_Intermediate_SouthernAfrica");
  }

  @Test
  void westernAndMiddleAfricaGoToDakar() {
    assertAssignment("SEN", false, "ROSEN", "Rule_Intermediate_WesternMiddleAfrica");
    assertAssignment("CMR", false, "ROSEN", "Rule_Intermediate_WesternMiddleAfrica");
  }

  @Test
  void northernAfricaGoesToCairo() {
    assertAssignment("EGY", false, "ROMENA", "Rule_Subregion_NorthernAfrica");
  }

  @Test
  void centralAsiaGoesToTashkent() {
    assertAssignment("UZB", false, "ROCA", "Rule_Subregion_CentralAsia");
  }

  @Test
  void restOfSouthernAsiaGoesToNewDelhi() {
    assertAssignment("IND", false, "ROSA", "Rule_Subregion_SouthernAsia");
  }

  @Test
  void easternAndSouthEasternAsiaGoToBangkok() {
    assertAssignment("CHN", false, "ROSEAP", "Rule_Subregion_EastSoutheastAsia");
    assertAssignment("THA", false, "ROSEAP", "Rule_Subregion_EastSoutheastAsia");
  }

  @Test
  void oceaniaGoesToBangkok() {
    for (String iso3 : List.of("AUS", "FJI", "FSM", "WSM")) {
      assertAssignment(iso3, false, "ROSEAP", "Rule_Subregion_Oceania");
    }
  }

  @Test
  void centralAmericaAndCaribbeanGoToPanama() {
    assertAssignment("GTM", false, "ROPAN", "Rule_Intermediate_CentralAmericaCaribbean");
    assertAssignment("JAM", false, "ROPAN", "Rule_Intermediate_CentralAmericaCaribbean");
  }

  @Test
  void europeAndNorthernAmericaGoToHeadquarters() {
    assertAssignment("DEU", false, "HQVIE", "Rule_Subregion_EuropeNorthernAmerica");
    assertAssignment("USA", false, "HQVIE", "Rule_Subregion_EuropeNorthernAmerica");
  }

  @Test
  void unknownStateAndRegionFallBackToHeadquarters() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("memberState", "XXX");
    vars.put("subregion", "");
    vars.put("intermediateRegion", "");
    vars.put("piracyRequest", false);
    assertThat(evaluate(vars)).isEqualTo("HQVIE");
    assertThat(decidingRules).containsExactly("Rule_CatchAll");
  }

  // ---------------------------------------------------------------------------------------
  // all 193 member states against seeds/offices.csv

  @Test
  void everyMemberStateGetsTheOneOfficeThatCoversItInTheSeeds() {
    assertThat(memberStates).hasSize(193);
    Map<String, Office> officesByCode = new LinkedHashMap<>();
    offices.forEach(o -> officesByCode.put(o.code(), o));
    Map<String, String> wrong = new LinkedHashMap<>();
    for (MemberState state : memberStates) {
      String iso3 = state.iso3();
      List<String> covering = offices.stream()
          .filter(o -> o.kind() != OfficeKind.PROGRAMME)
          .filter(o -> o.covers(iso3))
          .map(Office::code)
          .collect(Collectors.toList());
      assertThat(covering).as("non-programme offices covering %s in seeds/offices.csv", iso3).hasSize(1);
      String assigned = assign(state, false);
      assertThat(officesByCode).as("office %s assigned to %s exists", assigned, iso3).containsKey(assigned);
      if (!officesByCode.get(assigned).covers(iso3)) {
        wrong.put(iso3, assigned + " (seeds: " + covering.get(0) + ")");
      }
    }
    assertThat(wrong).as("states assigned to an office that does not cover them").isEmpty();
  }

  @Test
  void everyOfficeInTheSeedsIsReachable() {
    Set<String> assigned = new LinkedHashSet<>();
    for (MemberState state : memberStates) {
      assigned.add(assign(state, false));
      assigned.add(assign(state, true));
    }
    assertThat(assigned).containsExactlyInAnyOrderElementsOf(
        offices.stream().map(Office::code).collect(Collectors.toList()));
  }

  // ---------------------------------------------------------------------------------------

  private static void assertAssignment(String iso3, boolean piracy, String office, String ruleId) {
    decidingRules.clear();
    assertThat(assign(state(iso3), piracy)).as("office for %s (piracy %s)", iso3, piracy).isEqualTo(office);
    assertThat(decidingRules).as("rule deciding for %s", iso3).containsExactly(ruleId);
    assertThat(office(office).coveredStates()).as("seeds/offices.csv %s covers %s", office, iso3).contains(iso3);
  }

  private static String assign(MemberState state, boolean piracy) {
    return evaluate(variables(state, piracy));
  }

  /** The decision's inputs as intake's RequestEnrichment sets them: no intermediate region is "". */
  private static Map<String, Object> variables(MemberState state, boolean piracy) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("memberState", state.iso3());
    vars.put("subregion", state.subregion());
    vars.put("intermediateRegion", Objects.requireNonNullElse(state.intermediateRegion(), ""));
    vars.put("piracyRequest", piracy);
    return vars;
  }

  private static String evaluate(Map<String, Object> vars) {
    return engine.evaluateDecisionTable(decision, vars).getSingleEntry();
  }

  private static MemberState state(String iso3) {
    return memberStates.stream().filter(s -> iso3.equals(s.iso3())).findFirst()
        .orElseThrow(() -> new AssertionError(iso3 + " not in seeds/member-states.csv"));
  }

  private static Office office(String code) {
    return offices.stream().filter(o -> code.equals(o.code())).findFirst()
        .orElseThrow(() -> new AssertionError(code + " not in seeds/offices.csv"));
  }

  private static InputStream resource(String name) {
    InputStream in = RegionalOfficeAssignmentDecisionTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as(name + " on the classpath").isNotNull();
    return in;
  }
}
