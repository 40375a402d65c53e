package org.unodc.uponrequest.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

/**
 * Evaluates bpmn/regional-office-assignment.dmn with the standalone DMN engine: every rule (the
 * rule that decided is read from the engine's evaluation event, so a test fails when a different
 * rule happens to give the same office), and the whole of seeds/member-states.csv against
 * seeds/offices.csv.
 */
class RegionalOfficeAssignmentDecisionTest {

  private static final String RESOURCE = "bpmn/regional-office-assignment.dmn";
  private static final String DECISION_KEY = "regional-office-assignment";

  private static DmnEngine engine;
  private static DmnDecision decision;
  private static final List<String> decidingRules = new ArrayList<>();

  private static List<Map<String, String>> memberStates;
  private static List<Map<String, String>> offices;

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
    memberStates = readCsv("seeds/member-states.csv");
    offices = readCsv("seeds/offices.csv");
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
      assertThat(rules).hasSize(26);
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
    Set<String> cppStates = coveredStates(office("CPP"));
    assertThat(cppStates).contains("SOM", "KEN", "SYC", "MUS", "TZA", "MDV");
    for (Map<String, String> state : memberStates) {
      String iso3 = state.get("iso3");
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
  void guyanaSurinameAndVenezuelaGoToHeadquartersForLackOfAFieldOffice() {
    for (String iso3 : List.of("GUY", "SUR", "VEN")) {
      assertAssignment(iso3, false, "HQVIE", "Rule_Vienna_SouthAmerica_Overrides");
    }
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
    Map<String, Map<String, String>> officesByCode = new LinkedHashMap<>();
    offices.forEach(o -> officesByCode.put(o.get("code"), o));
    Map<String, String> wrong = new LinkedHashMap<>();
    for (Map<String, String> state : memberStates) {
      String iso3 = state.get("iso3");
      List<String> covering = offices.stream()
          .filter(o -> !"PROGRAMME".equals(o.get("kind")))
          .filter(o -> coveredStates(o).contains(iso3))
          .map(o -> o.get("code"))
          .collect(Collectors.toList());
      assertThat(covering).as("non-programme offices covering %s in seeds/offices.csv", iso3).hasSize(1);
      String assigned = assign(state, false);
      assertThat(officesByCode).as("office %s assigned to %s exists", assigned, iso3).containsKey(assigned);
      if (!coveredStates(officesByCode.get(assigned)).contains(iso3)) {
        wrong.put(iso3, assigned + " (seeds: " + covering.get(0) + ")");
      }
    }
    assertThat(wrong).as("states assigned to an office that does not cover them").isEmpty();
  }

  @Test
  void everyOfficeInTheSeedsIsReachable() {
    Set<String> assigned = new LinkedHashSet<>();
    for (Map<String, String> state : memberStates) {
      assigned.add(assign(state, false));
      assigned.add(assign(state, true));
    }
    assertThat(assigned).containsExactlyInAnyOrderElementsOf(
        offices.stream().map(o -> o.get("code")).collect(Collectors.toList()));
  }

  // ---------------------------------------------------------------------------------------

  private static void assertAssignment(String iso3, boolean piracy, String office, String ruleId) {
    decidingRules.clear();
    assertThat(assign(state(iso3), piracy)).as("office for %s (piracy %s)", iso3, piracy).isEqualTo(office);
    assertThat(decidingRules).as("rule deciding for %s", iso3).containsExactly(ruleId);
    assertThat(coveredStates(office(office))).as("seeds/offices.csv %s covers %s", office, iso3).contains(iso3);
  }

  private static String assign(Map<String, String> state, boolean piracy) {
    return evaluate(variables(state, piracy));
  }

  private static Map<String, Object> variables(Map<String, String> state, boolean piracy) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("memberState", state.get("iso3"));
    vars.put("subregion", state.get("subregion"));
    vars.put("intermediateRegion", state.get("intermediate_region"));
    vars.put("piracyRequest", piracy);
    return vars;
  }

  private static String evaluate(Map<String, Object> vars) {
    return engine.evaluateDecisionTable(decision, vars).getSingleEntry();
  }

  private static Map<String, String> state(String iso3) {
    return memberStates.stream().filter(s -> iso3.equals(s.get("iso3"))).findFirst()
        .orElseThrow(() -> new AssertionError(iso3 + " not in seeds/member-states.csv"));
  }

  private static Map<String, String> office(String code) {
    return offices.stream().filter(o -> code.equals(o.get("code"))).findFirst()
        .orElseThrow(() -> new AssertionError(code + " not in seeds/offices.csv"));
  }

  private static Set<String> coveredStates(Map<String, String> office) {
    return new LinkedHashSet<>(Arrays.asList(office.get("covered_states").trim().split("\\s+")));
  }

  private static InputStream resource(String name) {
    InputStream in = RegionalOfficeAssignmentDecisionTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as(name + " on the classpath").isNotNull();
    return in;
  }

  /** Header row, then records; '#' lines and blank lines are skipped; RFC 4180 quoting. */
  private static List<Map<String, String>> readCsv(String name) throws IOException {
    List<Map<String, String>> records = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
      List<String> header = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        List<String> fields = parseCsvLine(line);
        if (header == null) {
          header = fields;
          continue;
        }
        assertThat(fields).as("fields of %s in %s", line, name).hasSameSizeAs(header);
        Map<String, String> record = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          record.put(header.get(i), fields.get(i));
        }
        records.add(record);
      }
    }
    return records;
  }

  private static List<String> parseCsvLine(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
