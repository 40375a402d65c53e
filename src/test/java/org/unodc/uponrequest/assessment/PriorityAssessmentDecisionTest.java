package org.unodc.uponrequest.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRequirementsGraph;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evaluates bpmn/priority-assessment.dmn with the standalone DMN engine (the same FEEL engine
 * the process engine uses): every rule of {@code priorityFactors}, every band boundary of
 * {@code priority-assessment}, the worked examples of docs/priority-scoring.md and the rationale.
 */
class PriorityAssessmentDecisionTest {

  private static final String RESOURCE = "bpmn/priority-assessment.dmn";

  private static final String WEIGHT_3_DRUG_TRAFFICKING =
      "Primary area Drug trafficking, strategy weight 3 of 5, an area the resolution recognises"
          + " (GA 64/179 paras 6, 8, 14, 22-24): 3 points.";
  private static final String DEVELOPING =
      "Developing economy (UN WESP 2025; GA 64/179 para 24 asks for increased assistance to developing"
          + " countries): 3 points.";
  private static final String TRANSITION =
      "Economy in transition (UN WESP 2025; GA 64/179 para 24 asks for increased assistance to countries"
          + " with economies in transition): 3 points.";
  private static final String DEVELOPED =
      "Developed economy (UN WESP 2025): no vulnerability points (GA 64/179 para 24 names developing"
          + " countries and economies in transition).";
  private static final String LDC =
      "Least developed country (UN list; GA 64/179 para 24, the poorest of the developing countries): 2 points.";
  private static final String LLDC = "Landlocked developing country (UN list; GA 64/179 para 24): 1 point.";
  private static final String SIDS = "Small island developing State (UN list; GA 64/179 para 24): 1 point.";
  private static final String HIGH_INCOME_GROUP_POINTS = ", but a high-income economy (World Bank FY2025): no"
      + " country-group points, which go to developing countries with limited means (GA 64/179 para 24).";
  private static final String SIDS_HIGH_INCOME = "Small island developing State" + HIGH_INCOME_GROUP_POINTS;
  private static final String CONFLICT =
      "Country emerging from conflict (GA 64/179 para 24 names countries emerging from conflict): 3 points.";
  private static final String GAP_PREFIX = "Ratification gap: not yet party to ";
  private static final String GAP_SUFFIX = " (GA 64/179 preamble: fill gaps between ratification and"
      + " implementation; para 16: ratify or accede): 2 points.";
  private static final String LOW = "Confirmed urgency LOW (GA 64/179 para 4): 0 points.";
  private static final String NORMAL = "Confirmed urgency NORMAL (GA 64/179 para 4): 1 point.";
  private static final String HIGH = "Confirmed urgency HIGH (GA 64/179 para 4): 2 points.";
  private static final String CRITICAL = "Confirmed urgency CRITICAL (GA 64/179 para 4): 3 points.";

  private static DmnEngine engine;
  private static DmnDecision priorityFactors;
  private static DmnDecision priorityAssessment;

  @BeforeAll
  static void parseDecisions() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = resource()) {
      DmnDecisionRequirementsGraph drg = engine.parseDecisionRequirementsGraph(in);
      priorityFactors = drg.getDecision("priorityFactors");
      priorityAssessment = drg.getDecision("priority-assessment");
    }
  }

  // ---------------------------------------------------------------------------------------
  // model: what the process engine needs to deploy it

  @Test
  void drgHoldsBothDecisionsAndAssessmentRequiresFactors() {
    assertThat(priorityFactors).isNotNull();
    assertThat(priorityAssessment).isNotNull();
    assertThat(priorityFactors.getName()).isEqualTo("Priority factors");
    assertThat(priorityAssessment.getName()).isEqualTo("Priority assessment");
    assertThat(priorityAssessment.getRequiredDecisions()).extracting(DmnDecision::getKey)
        .containsExactly("priorityFactors");
  }

  @Test
  void everyDecisionHasHistoryTimeToLiveSoTheProcessEngineAcceptsTheDeployment() throws Exception {
    try (InputStream in = resource()) {
      DmnModelInstance model = Dmn.readModelFromStream(in);
      List<Decision> decisions = new ArrayList<>(model.getModelElementsByType(Decision.class));
      assertThat(decisions).hasSize(2);
      assertThat(decisions).allSatisfy(d -> assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P3650D"));
    }
  }

  @Test
  void everyRuleIsAnnotatedAndFactorsHaveOneRulePerFactorValue() throws Exception {
    try (InputStream in = resource()) {
      DmnModelInstance model = Dmn.readModelFromStream(in);
      List<Rule> rules = new ArrayList<>(model.getModelElementsByType(Rule.class));
      assertThat(rules).allSatisfy(r -> assertThat(r.getDescription()).isNotNull()
          .extracting(d -> d.getTextContent().trim()).asString().isNotEmpty());
      DecisionTable factors = model.<Decision>getModelElementById("priorityFactors")
          .getChildElementsByType(DecisionTable.class).iterator().next();
      // 5 weights + 4 classifications + 3 country lists + 2 regional levels + 4 high-income statements (one per
      // country list, one for regional vulnerability) + conflict + gap + 4 urgencies: a new rule needs a new test here
      assertThat(factors.getRules()).hasSize(24);
    }
  }

  // ---------------------------------------------------------------------------------------
  // priorityFactors: one test per rule

  @Test
  void areaWeightOneAddsOnePoint() {
    assertWeightRule(1, "1 point", "the lowest strategy weight (GA 64/179 paras 6-15 and 21-24)");
  }

  @Test
  void areaWeightTwoAddsTwoPointsCitingParagraph10() {
    assertWeightRule(2, "2 points", "an emerging policy issue (GA 64/179 para 10)");
  }

  @Test
  void areaWeightThreeAddsThreePoints() {
    assertWeightRule(3, "3 points", "an area the resolution recognises (GA 64/179 paras 6, 8, 14, 22-24)");
  }

  @Test
  void areaWeightFourAddsFourPoints() {
    assertWeightRule(4, "4 points",
        "an area with its own operative paragraph or programme (GA 64/179 paras 6, 7, 12, 13, 15)");
  }

  @Test
  void areaWeightFiveAddsFivePoints() {
    assertWeightRule(5, "5 points",
        "a core priority the resolution reaffirms repeatedly (GA 64/179 paras 3, 6, 12, 16, 21)");
  }

  @Test
  void areaWeightOutsideOneToFiveIsClampedSoAWeightRuleAlwaysMatches() {
    Map<String, Object> below = baseline();
    below.put("areaWeight", 0);
    assertThat(factors(below)).extracting(f -> f.get("points")).containsExactly(1, 3, 0);
    Map<String, Object> above = baseline();
    above.put("areaWeight", 6);
    assertThat(factors(above)).extracting(f -> f.get("points")).containsExactly(5, 3, 0);
  }

  @Test
  void theAreaReasonCitesTheAreasOwnParagraphsWhenTheProcessPassesThem() {
    Map<String, Object> vars = baseline();
    vars.put("areaParagraphs", "paras 6, 14");
    assertThat(factors(vars).get(0).get("reason")).asString()
        .isEqualTo("Primary area Drug trafficking, strategy weight 3 of 5, an area the resolution recognises"
            + " (GA 64/179 paras 6, 14): 3 points.");
  }

  @Test
  void theAreaReasonNamesWhyThatAreaCounts() {
    Map<String, Object> vars = baseline();
    vars.put("areaBasis", "ONLY");
    assertThat(factors(vars).get(0).get("reason")).asString().startsWith("Only requested area Drug trafficking, ");
    vars.put("areaBasis", "LOWEST");
    assertThat(factors(vars).get(0).get("reason")).asString()
        .startsWith("Least-weighted of the requested areas (no primary area declared), Drug trafficking, ");
  }

  @Test
  void developingEconomyAddsThreePointsCitingParagraph24() {
    assertThat(factors(baseline())).containsExactly(
        factor(3, WEIGHT_3_DRUG_TRAFFICKING), factor(3, DEVELOPING), factor(0, LOW));
  }

  @Test
  void economyInTransitionAddsThreePointsLikeADevelopingEconomy() {
    Map<String, Object> vars = baseline();
    vars.put("para24Status", "TRANSITION");
    assertThat(factors(vars)).containsExactly(
        factor(3, WEIGHT_3_DRUG_TRAFFICKING), factor(3, TRANSITION), factor(0, LOW));
  }

  @Test
  void developedEconomyAddsNoPointsAndSaysWhy() {
    Map<String, Object> vars = baseline();
    vars.put("para24Status", "DEVELOPED");
    assertThat(factors(vars)).containsExactly(
        factor(3, WEIGHT_3_DRUG_TRAFFICKING), factor(0, DEVELOPED), factor(0, LOW));
  }

  @Test
  void missingClassificationAddsNoVulnerabilityPointsAndSaysSo() {
    Map<String, Object> vars = baseline();
    vars.put("para24Status", null);
    vars.put("leastDeveloped", true);
    vars.put("regionalVulnerability", "HIGH");
    assertThat(factors(vars)).containsExactly(factor(3, WEIGHT_3_DRUG_TRAFFICKING),
        factor(0, "Para 24 classification not recorded: no vulnerability points until it is (GA 64/179 para 24)."),
        factor(0, LOW));
  }

  @Test
  void leastDevelopedCountryAddsTwoPointsCitingParagraph24() {
    assertCountryRule("leastDeveloped", true, factor(2, LDC));
  }

  @Test
  void landlockedDevelopingCountryAddsOnePoint() {
    assertCountryRule("landlockedDeveloping", true, factor(1, LLDC));
  }

  @Test
  void smallIslandDevelopingStateAddsOnePoint() {
    assertCountryRule("smallIslandDeveloping", true, factor(1, SIDS));
  }

  // ---------------------------------------------------------------------------------------
  // high-income economies: classification points, but no country-group or vulnerability points (issue 7)

  @Test
  void aHighIncomeDevelopingEconomyKeepsItsDevelopingEconomyPointsAndNeedsNoStatementWithoutGroupsOrVulnerability() {
    // e.g. Qatar: no LDC, LLDC or SIDS membership and no regional vulnerability recorded
    Map<String, Object> vars = baseline();
    vars.put("highIncome", true);
    assertThat(factors(vars)).containsExactly(factor(3, WEIGHT_3_DRUG_TRAFFICKING), factor(3, DEVELOPING), factor(0, LOW));
    vars.put("para24Status", "TRANSITION");
    assertThat(factors(vars)).containsExactly(factor(3, WEIGHT_3_DRUG_TRAFFICKING), factor(3, TRANSITION), factor(0, LOW));
  }

  @Test
  void aHighIncomeLeastDevelopedCountryCollectsNoLdcPointsAndSaysWhyCitingParagraph24() {
    assertHighIncomeRule("leastDeveloped", true, factor(0, "Least developed country" + HIGH_INCOME_GROUP_POINTS));
  }

  @Test
  void aHighIncomeLandlockedDevelopingCountryCollectsNoLldcPointAndSaysWhy() {
    assertHighIncomeRule("landlockedDeveloping", true, factor(0, "Landlocked developing country" + HIGH_INCOME_GROUP_POINTS));
  }

  @Test
  void aHighIncomeSmallIslandDevelopingStateCollectsNoSidsPointAndSaysWhy() {
    assertHighIncomeRule("smallIslandDeveloping", true, factor(0, SIDS_HIGH_INCOME));
  }

  @Test
  void aHighIncomeEconomyInAHighOrElevatedVulnerabilityRegionCollectsNoVulnerabilityPointsCitingParagraph14() {
    assertHighIncomeRule("regionalVulnerability", "HIGH", factor(0, "Regional vulnerability HIGH of Western Africa to"
        + " the counted area, Drug trafficking, but the state is a high-income economy (World Bank FY2025): no"
        + " vulnerability points, which go to developing countries with limited means (GA 64/179 para 14)."));
    assertHighIncomeRule("regionalVulnerability", "ELEVATED", factor(0, "Regional vulnerability ELEVATED of Western"
        + " Africa to the counted area, Drug trafficking, but the state is a high-income economy (World Bank FY2025):"
        + " no vulnerability points, which go to developing countries with limited means (GA 64/179 para 14)."));
  }

  @Test
  void aHighIncomeDevelopingStateInAHighVulnerabilityRegionScoresOnlyItsClassification() {
    // e.g. Brunei Darussalam: developing, high-income, not a SIDS, South-eastern Asia x drug trafficking HIGH
    Map<String, Object> vars = nigeriaDrugTrafficking("NORMAL");
    vars.put("highIncome", true);
    vars.put("subregion", "South-eastern Asia");
    assertThat(factors(vars)).extracting(f -> f.get("points")).containsExactly(3, 3, 0, 1);
    assertAssessment(vars, 7, "LOW");
    // the same state without a high income: 3 points more
    vars.put("highIncome", false);
    assertAssessment(vars, 10, "MEDIUM");
  }

  @Test
  void withoutTheHighIncomeInputTheStateCountsAsNotHighIncome() {
    // engine-rest callers that predate the input still get the country-group and vulnerability points
    Map<String, Object> vars = baseline();
    vars.remove("highIncome");
    vars.put("smallIslandDeveloping", true);
    vars.put("regionalVulnerability", "ELEVATED");
    assertThat(factors(vars)).extracting(f -> f.get("points")).containsExactly(3, 3, 1, 2, 0);
    vars.put("highIncome", null);
    assertThat(factors(vars)).extracting(f -> f.get("points")).containsExactly(3, 3, 1, 2, 0);
  }

  @Test
  void aHighIncomeStateWithEveryFactorGetsOneStatementPerWithheldFactor() {
    Map<String, Object> vars = everything("DEVELOPING");
    vars.put("highIncome", true);
    // weight 5, developing 3, LDC / LLDC / SIDS / vulnerability stated with 0, conflict 3, gap 2, CRITICAL 3
    assertThat(factors(vars)).extracting(f -> f.get("points")).containsExactly(5, 3, 0, 0, 0, 0, 3, 2, 3);
    assertAssessment(vars, 16, "HIGH");
    vars.put("emergingFromConflict", false);
    // the most a high-income developing economy can have without a conflict
    assertAssessment(vars, 13, "HIGH");
  }

  @Test
  void highRegionalVulnerabilityAddsThreePointsNamingTheRegionAndAreaCitingParagraph14() {
    assertCountryRule("regionalVulnerability", "HIGH", factor(3, "Regional vulnerability HIGH: Western Africa is a main"
        + " source, transit or target region for the counted area, Drug trafficking (curated from UNODC reports;"
        + " GA 64/179 para 14): 3 points."));
  }

  @Test
  void elevatedRegionalVulnerabilityAddsTwoPoints() {
    assertCountryRule("regionalVulnerability", "ELEVATED", factor(2, "Regional vulnerability ELEVATED: Western Africa"
        + " shows a significant or rising exposure to the counted area, Drug trafficking (curated from UNODC"
        + " reports; GA 64/179 para 14): 2 points."));
  }

  @Test
  void noRegionalVulnerabilityAddsNothing() {
    Map<String, Object> vars = baseline();
    vars.put("regionalVulnerability", "NONE");
    assertThat(factors(vars)).extracting(f -> f.get("points")).containsExactly(3, 3, 0);
  }

  @Test
  void emergingFromConflictAddsThreePointsCitingParagraph24() {
    assertCountryRule("emergingFromConflict", true, factor(3, CONFLICT));
  }

  @Test
  void ratificationGapAddsTwoPointsNamingTheInstrumentsCitingThePreambleAndParagraph16() {
    Map<String, Object> vars = baseline();
    vars.put("ratificationGap", true);
    vars.put("ratificationGapInstruments", "Illicit Traffic Convention (1988)");
    assertThat(factors(vars)).containsExactly(factor(3, WEIGHT_3_DRUG_TRAFFICKING), factor(3, DEVELOPING),
        factor(2, GAP_PREFIX + "Illicit Traffic Convention (1988), in force and governing the requested area"
            + GAP_SUFFIX),
        factor(0, LOW));
  }

  @Test
  void ratificationGapWithoutInstrumentNamesStillReadsAsASentence() {
    Map<String, Object> vars = baseline();
    vars.put("ratificationGap", true);
    vars.put("ratificationGapInstruments", null);
    assertThat(factors(vars)).contains(
        factor(2, GAP_PREFIX + "an instrument in force that governs the requested area" + GAP_SUFFIX));
  }

  @Test
  void lowUrgencyAddsNoPointsButIsStatedCitingParagraph4() {
    assertUrgencyRule("LOW", 0, LOW);
  }

  @Test
  void normalUrgencyAddsOnePoint() {
    assertUrgencyRule("NORMAL", 1, NORMAL);
  }

  @Test
  void highUrgencyAddsTwoPoints() {
    assertUrgencyRule("HIGH", 2, HIGH);
  }

  @Test
  void criticalUrgencyAddsThreePoints() {
    assertUrgencyRule("CRITICAL", 3, CRITICAL);
  }

  @Test
  void allFactorsTogetherAreCollectedInRuleOrder() {
    Map<String, Object> vars = everything("DEVELOPING");
    assertThat(factors(vars)).extracting(f -> f.get("points")).containsExactly(5, 3, 2, 1, 1, 3, 3, 2, 3);
  }

  // ---------------------------------------------------------------------------------------
  // developed economies: no points for country factors they cannot have

  @Test
  void aDevelopedStateCollectsNoVulnerabilityPointsWhateverTheOtherInputsSay() {
    Map<String, Object> vars = everything("DEVELOPED");
    vars.put("emergingFromConflict", false);
    assertThat(factors(vars)).extracting(f -> f.get("reason")).asString()
        .doesNotContain("Least developed", "Landlocked", "Small island", "Regional vulnerability");
    // weight 5 + gap 2 + CRITICAL 3: the most a developed economy can have without a conflict
    assertAssessment(vars, 10, "MEDIUM");
  }

  @Test
  void aDevelopedStateReachesHighOnlyWhenEmergingFromConflict() {
    assertAssessment(everything("DEVELOPED"), 13, "HIGH");
  }

  // ---------------------------------------------------------------------------------------
  // priority-assessment: band boundaries

  @Test
  void lowestPossibleScoreOneIsLow() {
    Map<String, Object> vars = baseline();
    vars.put("areaWeight", 1);
    vars.put("para24Status", "DEVELOPED");
    assertAssessment(vars, 1, "LOW");
  }

  @Test
  void scoreSevenIsLowTheHighestLowScore() {
    // weight 3 + developing 3 + NORMAL 1
    Map<String, Object> vars = baseline();
    vars.put("urgency", "NORMAL");
    assertAssessment(vars, 7, "LOW");
  }

  @Test
  void scoreEightIsMediumTheLowestMediumScore() {
    // weight 4 + developing 3 + NORMAL 1
    Map<String, Object> vars = baseline();
    vars.put("areaWeight", 4);
    vars.put("urgency", "NORMAL");
    assertAssessment(vars, 8, "MEDIUM");
  }

  @Test
  void scoreElevenIsMediumTheHighestMediumScore() {
    // weight 3 + developing 3 + regional HIGH 3 + HIGH 2
    assertAssessment(nigeriaDrugTrafficking("HIGH"), 11, "MEDIUM");
  }

  @Test
  void scoreTwelveIsHighTheLowestHighScore() {
    // weight 3 + developing 3 + regional HIGH 3 + CRITICAL 3
    assertAssessment(nigeriaDrugTrafficking("CRITICAL"), 12, "HIGH");
  }

  @Test
  void highestPossibleScoreTwentyThreeIsHigh() {
    assertAssessment(everything("DEVELOPING"), 23, "HIGH");
  }

  // ---------------------------------------------------------------------------------------
  // worked examples (docs/priority-scoring.md)

  @Test
  void aDevelopedStatesLowUrgencyCorruptionRequestIsLow() {
    assertAssessment(unitedStatesCorruption(), 5, "LOW");
  }

  @Test
  void aDevelopingStatesNormalDrugTraffickingRequestOutranksADevelopedStatesLowCorruptionRequest() {
    int unitedStates = score(unitedStatesCorruption());
    assertAssessment(nigeriaDrugTrafficking("NORMAL"), 10, "MEDIUM");
    assertThat(score(nigeriaDrugTrafficking("NORMAL"))).isGreaterThan(unitedStates);
  }

  @Test
  void aDevelopingLeastDevelopedStateEmergingFromConflictWithARatificationGapAndHighUrgencyIsHigh() {
    assertAssessment(southSudanTraffickingInPersons(), 21, "HIGH");
    // it stays HIGH with the lowest area weight and no regional vulnerability: 1 + 3 + 2 + 1 + 3 + 2 + 2
    Map<String, Object> vars = southSudanTraffickingInPersons();
    vars.put("areaWeight", 1);
    vars.put("regionalVulnerability", "NONE");
    assertAssessment(vars, 14, "HIGH");
  }

  @Test
  void aTransitionEconomyScoresLikeADevelopingOne() {
    assertAssessment(kyrgyzstanDrugTrafficking(), 10, "MEDIUM");
  }

  @Test
  void aHighIncomeSmallIslandDevelopingStateScoresAsADevelopingEconomyWithoutCountryGroupOrVulnerabilityPoints() {
    assertAssessment(singaporeDrugTrafficking(), 7, "LOW");
    // before issue 7 it collected the SIDS point and South-eastern Asia's 3 vulnerability points: 11, MEDIUM
    Map<String, Object> vars = singaporeDrugTrafficking();
    vars.put("highIncome", false);
    assertAssessment(vars, 11, "MEDIUM");
  }

  @Test
  void extraTicksCannotRaiseTheScoreBecauseOnlyTheCountedAreaIsAnInput() {
    // the least-weighted of several areas counts; the process passes its weight, not the highest
    Map<String, Object> vars = unitedStatesCorruption();
    vars.put("areaWeight", 2);
    vars.put("areaLabel", "Cybercrime");
    vars.put("areaBasis", "LOWEST");
    assertThat(score(vars)).isLessThan(score(unitedStatesCorruption()));
  }

  // ---------------------------------------------------------------------------------------
  // rationale

  @Test
  void rationaleIsOneSentencePerFactorFollowedByTheTotalAndTheThresholds() {
    assertThat(rationale(nigeriaDrugTrafficking("NORMAL"))).isEqualTo(
        WEIGHT_3_DRUG_TRAFFICKING + " " + DEVELOPING + " Regional vulnerability HIGH: Western Africa is a main source,"
            + " transit or target region for the counted area, Drug trafficking (curated from UNODC reports;"
            + " GA 64/179 para 14): 3 points. " + NORMAL
            + " Total 10 points: band MEDIUM (HIGH from 12, MEDIUM from 8).");
  }

  @Test
  void rationaleOfTheDevelopedExampleSaysWhyThereAreNoVulnerabilityPoints() {
    assertThat(rationale(unitedStatesCorruption())).isEqualTo(
        "Primary area Corruption, strategy weight 5 of 5, a core priority the resolution reaffirms repeatedly"
            + " (GA 64/179 paras 3, 6, 12, 16, 21): 5 points. " + DEVELOPED + " " + LOW
            + " Total 5 points: band LOW (HIGH from 12, MEDIUM from 8).");
  }

  @Test
  void rationaleOfTheLeastDevelopedExampleCoversEveryFactor() {
    assertThat(rationale(southSudanTraffickingInPersons())).isEqualTo(
        "Only requested area Trafficking in persons, strategy weight 5 of 5, a core priority the resolution"
            + " reaffirms repeatedly (GA 64/179 paras 3, 6, 12, 16, 21): 5 points. " + DEVELOPING + " " + LDC + " "
            + LLDC + " Regional vulnerability HIGH: Eastern Africa is a main source, transit or target region for"
            + " the counted area, Trafficking in persons (curated from UNODC reports; GA 64/179 para 14): 3 points. "
            + CONFLICT + " " + GAP_PREFIX + "Trafficking in Persons Protocol, in force and governing the requested"
            + " area" + GAP_SUFFIX + " " + HIGH + " Total 21 points: band HIGH (HIGH from 12, MEDIUM from 8).");
  }

  @Test
  void rationaleOfTheTransitionExampleCitesParagraph24ForTheEconomyInTransition() {
    assertThat(rationale(kyrgyzstanDrugTrafficking())).isEqualTo(
        WEIGHT_3_DRUG_TRAFFICKING + " " + TRANSITION + " " + LLDC + " Regional vulnerability ELEVATED: Central Asia"
            + " shows a significant or rising exposure to the counted area, Drug trafficking (curated from UNODC"
            + " reports; GA 64/179 para 14): 2 points. " + NORMAL
            + " Total 10 points: band MEDIUM (HIGH from 12, MEDIUM from 8).");
  }

  @Test
  void rationaleOfTheHighIncomeSmallIslandExampleSaysWhyTheCountryGroupAndVulnerabilityPointsAreWithheld() {
    assertThat(rationale(singaporeDrugTrafficking())).isEqualTo(
        WEIGHT_3_DRUG_TRAFFICKING + " " + DEVELOPING + " " + SIDS_HIGH_INCOME + " Regional vulnerability HIGH of"
            + " South-eastern Asia to the counted area, Drug trafficking, but the state is a high-income economy"
            + " (World Bank FY2025): no vulnerability points, which go to developing countries with limited means"
            + " (GA 64/179 para 14). " + NORMAL + " Total 7 points: band LOW (HIGH from 12, MEDIUM from 8).");
  }

  @Test
  void assessmentReturnsExactlyTheFourOutputsTheProcessReads() {
    DmnDecisionResult result = engine.evaluateDecision(priorityAssessment, baseline());
    assertThat(result.getSingleResult().getEntryMap())
        .containsOnlyKeys("priorityScore", "priorityBand", "priorityRationale", "priorityFactors")
        .contains(entry("priorityScore", 6), entry("priorityBand", "LOW"));
  }

  @Test
  void theFactorsComeAsCodesWithTheirPointsForTheReasonsInOtherLanguages() {
    Map<String, Object> nigeria = new java.util.HashMap<>(baseline());
    nigeria.put("areaWeight", 3);
    nigeria.put("para24Status", "DEVELOPING");
    nigeria.put("regionalVulnerability", "HIGH");
    nigeria.put("urgency", "NORMAL");
    Object factors = engine.evaluateDecision(priorityAssessment, nigeria).getSingleResult().getEntry("priorityFactors");
    assertThat(factors.toString().split(",")).contains("AREA:3", "DEVELOPING:3", "VULNERABILITY_HIGH:3", "URGENCY_NORMAL:1");
    int sum = java.util.Arrays.stream(factors.toString().split(",")).mapToInt(f -> Integer.parseInt(f.substring(f.indexOf(':') + 1))).sum();
    assertThat(sum).isEqualTo(engine.evaluateDecision(priorityAssessment, nigeria).getSingleResult().<Integer>getEntry("priorityScore"));
  }

  // ---------------------------------------------------------------------------------------

  private static InputStream resource() {
    InputStream in = PriorityAssessmentDecisionTest.class.getClassLoader().getResourceAsStream(RESOURCE);
    assertThat(in).as(RESOURCE + " on the classpath").isNotNull();
    return in;
  }

  /** A developing state of Western Africa, primary area drug trafficking (3), nothing else, LOW: 3 + 3 + 0. */
  private static Map<String, Object> baseline() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("areaWeight", 3);
    vars.put("areaLabel", "Drug trafficking");
    vars.put("areaBasis", "PRIMARY");
    vars.put("para24Status", "DEVELOPING");
    vars.put("highIncome", false);
    vars.put("leastDeveloped", false);
    vars.put("landlockedDeveloping", false);
    vars.put("smallIslandDeveloping", false);
    vars.put("emergingFromConflict", false);
    vars.put("regionalVulnerability", "NONE");
    vars.put("subregion", "Western Africa");
    vars.put("ratificationGap", false);
    vars.put("ratificationGapInstruments", "");
    vars.put("urgency", "LOW");
    return vars;
  }

  /** United States: corruption (5) declared primary, developed, no gap, LOW urgency. */
  private static Map<String, Object> unitedStatesCorruption() {
    Map<String, Object> vars = baseline();
    vars.put("areaWeight", 5);
    vars.put("areaLabel", "Corruption");
    vars.put("para24Status", "DEVELOPED");
    vars.put("subregion", "Northern America");
    return vars;
  }

  /** Nigeria: drug trafficking (3) primary, developing, not LDC, Western Africa x drug trafficking HIGH. */
  private static Map<String, Object> nigeriaDrugTrafficking(String urgency) {
    Map<String, Object> vars = baseline();
    vars.put("regionalVulnerability", "HIGH");
    vars.put("urgency", urgency);
    return vars;
  }

  /**
   * A least developed, landlocked developing state of Eastern Africa emerging from conflict (inputs as for
   * South Sudan; the ratification gap is illustrative), trafficking in persons (5) the only area, HIGH.
   */
  private static Map<String, Object> southSudanTraffickingInPersons() {
    Map<String, Object> vars = baseline();
    vars.put("areaWeight", 5);
    vars.put("areaLabel", "Trafficking in persons");
    vars.put("areaBasis", "ONLY");
    vars.put("leastDeveloped", true);
    vars.put("landlockedDeveloping", true);
    vars.put("emergingFromConflict", true);
    vars.put("regionalVulnerability", "HIGH");
    vars.put("subregion", "Eastern Africa");
    vars.put("ratificationGap", true);
    vars.put("ratificationGapInstruments", "Trafficking in Persons Protocol");
    vars.put("urgency", "HIGH");
    return vars;
  }

  /**
   * Singapore: developing (WESP), high-income (World Bank FY2025), small island developing State, South-eastern
   * Asia x drug trafficking HIGH, drug trafficking (3) primary, NORMAL.
   */
  private static Map<String, Object> singaporeDrugTrafficking() {
    Map<String, Object> vars = baseline();
    vars.put("highIncome", true);
    vars.put("smallIslandDeveloping", true);
    vars.put("regionalVulnerability", "HIGH");
    vars.put("subregion", "South-eastern Asia");
    vars.put("urgency", "NORMAL");
    return vars;
  }

  /** Kyrgyzstan: transition economy, LLDC, Central Asia x drug trafficking ELEVATED, drug trafficking (3), NORMAL. */
  private static Map<String, Object> kyrgyzstanDrugTrafficking() {
    Map<String, Object> vars = baseline();
    vars.put("para24Status", "TRANSITION");
    vars.put("landlockedDeveloping", true);
    vars.put("regionalVulnerability", "ELEVATED");
    vars.put("subregion", "Central Asia");
    vars.put("urgency", "NORMAL");
    return vars;
  }

  /** Every factor true, weight 5, regional HIGH, CRITICAL, with the given para 24 classification. */
  private static Map<String, Object> everything(String para24Status) {
    Map<String, Object> vars = baseline();
    vars.put("areaWeight", 5);
    vars.put("para24Status", para24Status);
    vars.put("leastDeveloped", true);
    vars.put("landlockedDeveloping", true);
    vars.put("smallIslandDeveloping", true);
    vars.put("emergingFromConflict", true);
    vars.put("regionalVulnerability", "HIGH");
    vars.put("ratificationGap", true);
    vars.put("ratificationGapInstruments", "UNCAC");
    vars.put("urgency", "CRITICAL");
    return vars;
  }

  /** The factors' points and reasons (each row's factor code is checked on its own, below). */
  private static List<Map<String, Object>> factors(Map<String, Object> vars) {
    return engine.evaluateDecisionTable(priorityFactors, vars).getResultList().stream()
        .map(row -> {
          Map<String, Object> pointsAndReason = new java.util.LinkedHashMap<>(row);
          pointsAndReason.remove("factor");
          return pointsAndReason;
        }).toList();
  }

  private static Map<String, Object> factor(int points, String reason) {
    return Map.of("points", points, "reason", reason);
  }

  private static int score(Map<String, Object> vars) {
    return (Integer) engine.evaluateDecision(priorityAssessment, vars).getSingleResult().getEntry("priorityScore");
  }

  private static String rationale(Map<String, Object> vars) {
    return engine.evaluateDecision(priorityAssessment, vars).getSingleResult().getEntry("priorityRationale");
  }

  private static void assertWeightRule(int weight, String points, String words) {
    Map<String, Object> vars = baseline();
    vars.put("areaWeight", weight);
    String reason = "Primary area Drug trafficking, strategy weight " + weight + " of 5, " + words + ": " + points + ".";
    assertThat(factors(vars)).containsExactly(factor(weight, reason), factor(3, DEVELOPING), factor(0, LOW));
  }

  /** The factor fires for a developing and a transition economy, in rule order, and never for a developed one. */
  private static void assertCountryRule(String variable, Object value, Map<String, Object> expected) {
    Map<String, Object> vars = baseline();
    vars.put(variable, value);
    assertThat(factors(vars)).containsExactly(
        factor(3, WEIGHT_3_DRUG_TRAFFICKING), factor(3, DEVELOPING), expected, factor(0, LOW));
    vars.put("para24Status", "TRANSITION");
    assertThat(factors(vars)).contains(expected);
    vars.put("para24Status", "DEVELOPED");
    boolean anyState = variable.equals("emergingFromConflict");
    if (anyState) {
      assertThat(factors(vars)).contains(expected);
    } else {
      assertThat(factors(vars)).doesNotContain(expected);
    }
    vars.put("para24Status", "DEVELOPING");
    vars.put("highIncome", true);
    if (anyState) {
      assertThat(factors(vars)).contains(expected);
    } else {
      assertThat(factors(vars)).doesNotContain(expected);
    }
  }

  /**
   * A high-income developing economy (and a high-income economy in transition) with the factor keeps its
   * classification points and gets the statement instead of the factor's points; a developed one gets neither.
   */
  private static void assertHighIncomeRule(String variable, Object value, Map<String, Object> statement) {
    Map<String, Object> vars = baseline();
    vars.put("highIncome", true);
    vars.put(variable, value);
    assertThat(factors(vars)).containsExactly(
        factor(3, WEIGHT_3_DRUG_TRAFFICKING), factor(3, DEVELOPING), statement, factor(0, LOW));
    vars.put("para24Status", "TRANSITION");
    assertThat(factors(vars)).containsExactly(
        factor(3, WEIGHT_3_DRUG_TRAFFICKING), factor(3, TRANSITION), statement, factor(0, LOW));
    vars.put("para24Status", "DEVELOPED");
    assertThat(factors(vars)).containsExactly(
        factor(3, WEIGHT_3_DRUG_TRAFFICKING), factor(0, DEVELOPED), factor(0, LOW));
    vars.put("para24Status", "DEVELOPING");
    vars.put("highIncome", false);
    assertThat(factors(vars)).doesNotContain(statement);
  }

  private static void assertUrgencyRule(String urgency, int points, String reason) {
    Map<String, Object> vars = baseline();
    vars.put("urgency", urgency);
    assertThat(factors(vars)).containsExactly(
        factor(3, WEIGHT_3_DRUG_TRAFFICKING), factor(3, DEVELOPING), factor(points, reason));
  }

  private static void assertAssessment(Map<String, Object> vars, int score, String band) {
    DmnDecisionResult result = engine.evaluateDecision(priorityAssessment, vars);
    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap())
        .contains(entry("priorityScore", score), entry("priorityBand", band));
    int sumOfFactors = factors(vars).stream().mapToInt(f -> (Integer) f.get("points")).sum();
    assertThat(sumOfFactors).isEqualTo(score);
  }
}
