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
 * {@code priority-assessment} and the rationale text.
 */
class PriorityAssessmentDecisionTest {

  private static final String RESOURCE = "bpmn/priority-assessment.dmn";

  private static final String REASON_WEIGHT_3 =
      "Strategy weight 3 of 5 (medium) for the requested thematic areas: priority areas of technical"
          + " assistance (GA 64/179 paras 6-15 and 21-24)";
  private static final String REASON_WEIGHT_4 =
      "Strategy weight 4 of 5 (high) for the requested thematic areas: priority areas of technical"
          + " assistance (GA 64/179 paras 6-15 and 21-24)";
  private static final String REASON_LDC =
      "Least developed country: increased assistance to developing countries (GA 64/179 para 24)";
  private static final String REASON_URGENCY_LOW =
      "Urgency LOW: assistance upon request, no time pressure stated (GA 64/179 para 4)";
  private static final String REASON_URGENCY_HIGH =
      "Urgency HIGH: assistance upon request as a matter of high priority, needed soon (GA 64/179 para 4)";

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
      // 5 strategy weights + 6 booleans + 4 urgencies: a new rule needs a new test here
      assertThat(factors.getRules()).hasSize(15);
    }
  }

  // ---------------------------------------------------------------------------------------
  // priorityFactors: one test per rule

  @Test
  void strategyWeightOneAddsTwoPointsCitingParagraphs6To15And21To24() {
    assertWeightRule(1, 2, "lowest");
  }

  @Test
  void strategyWeightTwoAddsFourPoints() {
    assertWeightRule(2, 4, "low");
  }

  @Test
  void strategyWeightThreeAddsSixPoints() {
    assertWeightRule(3, 6, "medium");
  }

  @Test
  void strategyWeightFourAddsEightPoints() {
    assertWeightRule(4, 8, "high");
  }

  @Test
  void strategyWeightFiveAddsTenPoints() {
    assertWeightRule(5, 10, "highest");
  }

  @Test
  void strategyWeightOutsideOneToFiveIsClampedSoAWeightRuleAlwaysMatches() {
    Map<String, Object> below = baseline();
    below.put("strategyWeight", 0);
    assertThat(factors(below)).extracting(f -> f.get("points")).containsExactly(2, 0);
    Map<String, Object> above = baseline();
    above.put("strategyWeight", 6);
    assertThat(factors(above)).extracting(f -> f.get("points")).containsExactly(10, 0);
  }

  @Test
  void leastDevelopedCountryAddsThreePointsCitingParagraph24() {
    assertBooleanRule("leastDeveloped", 3, REASON_LDC);
  }

  @Test
  void landlockedDevelopingCountryAddsTwoPointsCitingParagraph24() {
    assertBooleanRule("landlockedDeveloping", 2,
        "Landlocked developing country: increased assistance to developing countries (GA 64/179 para 24)");
  }

  @Test
  void smallIslandDevelopingStateAddsTwoPointsCitingParagraph24() {
    assertBooleanRule("smallIslandDeveloping", 2,
        "Small island developing State: increased assistance to developing countries (GA 64/179 para 24)");
  }

  @Test
  void economyInTransitionAddsThreePointsCitingParagraph24() {
    assertBooleanRule("economyInTransition", 3,
        "Economy in transition: increased assistance to countries with economies in transition (GA 64/179 para 24)");
  }

  @Test
  void emergingFromConflictAddsFourPointsCitingParagraph24() {
    assertBooleanRule("emergingFromConflict", 4,
        "Emerging from conflict: increased assistance to countries emerging from conflict (GA 64/179 para 24)");
  }

  @Test
  void ratificationGapAddsThreePointsCitingParagraph16() {
    assertBooleanRule("ratificationGap", 3,
        "Ratification gap: not yet party to an instrument the request concerns; assistance with ratification and"
            + " implementation (GA 64/179 para 16)");
  }

  @Test
  void lowUrgencyAddsNoPointsButIsStatedCitingParagraph4() {
    assertUrgencyRule("LOW", 0, REASON_URGENCY_LOW);
  }

  @Test
  void normalUrgencyAddsOnePointCitingParagraph4() {
    assertUrgencyRule("NORMAL", 1,
        "Urgency NORMAL: assistance upon request as a matter of high priority (GA 64/179 para 4)");
  }

  @Test
  void highUrgencyAddsThreePointsCitingParagraph4() {
    assertUrgencyRule("HIGH", 3, REASON_URGENCY_HIGH);
  }

  @Test
  void criticalUrgencyAddsFivePointsCitingParagraph4() {
    assertUrgencyRule("CRITICAL", 5,
        "Urgency CRITICAL: assistance upon request as a matter of high priority, needed immediately (GA 64/179 para 4)");
  }

  @Test
  void falseCountryFactorsAddNothing() {
    assertThat(factors(baseline())).containsExactly(
        factor(6, REASON_WEIGHT_3), factor(0, REASON_URGENCY_LOW));
  }

  @Test
  void allFactorsTogetherAreCollectedInRuleOrder() {
    Map<String, Object> vars = variables(5, true, true, true, true, true, true, "CRITICAL");
    assertThat(factors(vars)).extracting(f -> f.get("points"))
        .containsExactly(10, 3, 2, 2, 3, 4, 3, 5);
  }

  // ---------------------------------------------------------------------------------------
  // priority-assessment: score, band thresholds, rationale

  @Test
  void scoreSevenIsLowTheHighestLowScore() {
    // weight 3 (6) + NORMAL (1)
    assertAssessment(variables(3, false, false, false, false, false, false, "NORMAL"), 7, "LOW");
  }

  @Test
  void scoreEightIsMediumTheLowestMediumScore() {
    // weight 3 (6) + landlocked (2) + LOW (0)
    assertAssessment(variables(3, false, true, false, false, false, false, "LOW"), 8, "MEDIUM");
  }

  @Test
  void scoreThirteenIsMediumTheHighestMediumScore() {
    // weight 5 (10) + HIGH (3)
    assertAssessment(variables(5, false, false, false, false, false, false, "HIGH"), 13, "MEDIUM");
  }

  @Test
  void scoreFourteenIsHighTheLowestHighScore() {
    // weight 4 (8) + LDC (3) + HIGH (3)
    assertAssessment(variables(4, true, false, false, false, false, false, "HIGH"), 14, "HIGH");
  }

  @Test
  void lowestPossibleScoreTwoIsLow() {
    assertAssessment(variables(1, false, false, false, false, false, false, "LOW"), 2, "LOW");
  }

  @Test
  void highestPossibleScoreThirtyTwoIsHigh() {
    assertAssessment(variables(5, true, true, true, true, true, true, "CRITICAL"), 32, "HIGH");
  }

  @Test
  void rationaleJoinsTheReasonsOfAllMatchingFactorsWithSemicolonsInRuleOrder() {
    DmnDecisionResult result = engine.evaluateDecision(priorityAssessment,
        variables(4, true, false, false, false, false, false, "HIGH"));
    assertThat((String) result.getSingleResult().getEntry("priorityRationale"))
        .isEqualTo(REASON_WEIGHT_4 + "; " + REASON_LDC + "; " + REASON_URGENCY_HIGH);
  }

  @Test
  void assessmentReturnsExactlyTheThreeOutputsTheProcessReads() {
    DmnDecisionResult result = engine.evaluateDecision(priorityAssessment, baseline());
    assertThat(result.getSingleResult().getEntryMap())
        .containsOnlyKeys("priorityScore", "priorityBand", "priorityRationale")
        .contains(entry("priorityScore", 6), entry("priorityBand", "LOW"),
            entry("priorityRationale", REASON_WEIGHT_3 + "; " + REASON_URGENCY_LOW));
  }

  // ---------------------------------------------------------------------------------------

  private static InputStream resource() {
    InputStream in = PriorityAssessmentDecisionTest.class.getClassLoader().getResourceAsStream(RESOURCE);
    assertThat(in).as(RESOURCE + " on the classpath").isNotNull();
    return in;
  }

  /** Weight 3, no country factor, LOW urgency: 6 points from the weight, 0 from urgency. */
  private static Map<String, Object> baseline() {
    return variables(3, false, false, false, false, false, false, "LOW");
  }

  private static Map<String, Object> variables(int strategyWeight, boolean leastDeveloped,
      boolean landlockedDeveloping, boolean smallIslandDeveloping, boolean economyInTransition,
      boolean emergingFromConflict, boolean ratificationGap, String urgency) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("strategyWeight", strategyWeight);
    vars.put("leastDeveloped", leastDeveloped);
    vars.put("landlockedDeveloping", landlockedDeveloping);
    vars.put("smallIslandDeveloping", smallIslandDeveloping);
    vars.put("economyInTransition", economyInTransition);
    vars.put("emergingFromConflict", emergingFromConflict);
    vars.put("ratificationGap", ratificationGap);
    vars.put("urgency", urgency);
    return vars;
  }

  private static List<Map<String, Object>> factors(Map<String, Object> vars) {
    return engine.evaluateDecisionTable(priorityFactors, vars).getResultList();
  }

  private static Map<String, Object> factor(int points, String reason) {
    return Map.of("points", points, "reason", reason);
  }

  private static void assertWeightRule(int weight, int points, String word) {
    Map<String, Object> vars = baseline();
    vars.put("strategyWeight", weight);
    String reason = "Strategy weight " + weight + " of 5 (" + word + ") for the requested thematic areas:"
        + " priority areas of technical assistance (GA 64/179 paras 6-15 and 21-24)";
    assertThat(factors(vars)).containsExactly(factor(points, reason), factor(0, REASON_URGENCY_LOW));
  }

  private static void assertBooleanRule(String variable, int points, String reason) {
    Map<String, Object> vars = baseline();
    vars.put(variable, true);
    assertThat(factors(vars)).containsExactly(
        factor(6, REASON_WEIGHT_3), factor(points, reason), factor(0, REASON_URGENCY_LOW));
  }

  private static void assertUrgencyRule(String urgency, int points, String reason) {
    Map<String, Object> vars = baseline();
    vars.put("urgency", urgency);
    assertThat(factors(vars)).containsExactly(factor(6, REASON_WEIGHT_3), factor(points, reason));
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
