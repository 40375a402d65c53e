package org.unodc.uponrequest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The input contract read from the project's real forms, one rule per test: what form-js checks
 * in the browser is checked again on the server, with the engine's FEEL engine for the
 * conditions that hide fields.
 */
class FormContractTest {

  private final FormContracts contracts = new FormContracts(new ScalaFeelEngineFactory().createInstance());

  @Test
  void aFieldOutsideTheFormIsRefusedByName() {
    assertRefused("screen-request", Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL", "priorityScore", 99), "priorityScore");
  }

  @Test
  void aRequiredFieldMustBeThere() {
    assertRefused("screen-request", Map.of("screeningNotes", "Looks fine."), "screeningOutcome");
  }

  @Test
  void anOptionMustBeOneOfTheForms() {
    assertRefused("screen-request", Map.of("screeningOutcome", "APPROVE"), "screeningOutcome");
  }

  @Test
  void aFieldShownByAnAnswerIsRequiredOnlyWithThatAnswer() {
    assertRefused("screen-request", Map.of("screeningOutcome", "CLARIFY"), "clarificationQuestion");
    assertThat(check("screen-request", Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL")))
        .containsExactlyInAnyOrder("screeningOutcome", "confirmedUrgency");
  }

  @Test
  void aHiddenFieldWithAValueIsRefusedAndAnEmptyOneIsNotWritten() {
    assertRefused("screen-request", Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL", "declineReason", "Outside the mandate of UNODC."),
        "declineReason");
    Map<String, Object> withEmpty = new HashMap<>();
    withEmpty.put("screeningOutcome", "ACCEPT");
    withEmpty.put("confirmedUrgency", "NORMAL");
    withEmpty.put("declineReason", null);
    assertThat(check("screen-request", withEmpty)).containsExactlyInAnyOrder("screeningOutcome", "confirmedUrgency");
  }

  @Test
  void aConditionReadsTheValuesTheFormWasShownWith() {
    Map<String, Object> keeps = Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL");
    assertThat(contracts.check(contract("screen-request"), keeps, Map.of("urgency", "NORMAL")))
        .containsExactlyInAnyOrder("screeningOutcome", "confirmedUrgency");
    Map<String, Object> changes = Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "CRITICAL");
    assertThatThrownBy(() -> contracts.check(contract("screen-request"), changes, Map.of("urgency", "NORMAL")))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("urgencyChangeReason");
  }

  @Test
  void textLengthsAreThoseOfTheForm() {
    assertRefused("screen-request", Map.of("screeningOutcome", "CLARIFY", "clarificationQuestion", "Too short?"),
        "clarificationQuestion");
    assertRefused("screen-request", Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL", "screeningNotes", "x".repeat(2001)), "screeningNotes");
  }

  @ParameterizedTest(name = "character U+{0}")
  @ValueSource(ints = {0x00, 0x07, 0x1B, 0x7F, 0x85})
  void controlCharactersAreRefusedInText(int character) {
    assertRefused("screen-request", Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL", "screeningNotes", "Notes " + (char) character + " end"),
        "screeningNotes");
  }

  @Test
  void aTextAreaKeepsLineBreaksAndScriptsOtherThanLatin() {
    assertThat(check("screen-request", Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL",
        "screeningNotes", "Ligne un\nسطر اثنان\r\n第三行\tтабуляция 🙂"))).contains("screeningNotes");
  }

  @Test
  void aLoneSurrogateIsRefused() {
    assertRefused("screen-request", Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL", "screeningNotes", "broken \uD83D text"), "screeningNotes");
  }

  @Test
  void theReplacementCharacterADecoderLeavesForBytesThatWereNotUtf8IsRefused() {
    assertRefused("screen-request", Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL", "screeningNotes",
        "Court\uFFFD(s"), "screeningNotes");
  }

  @Test
  void numbersAreCheckedForTypeBoundsAndDecimals() {
    Map<String, Object> funded = new HashMap<>(Map.of("fundingDecision", "FUNDED", "fundingSource", "REGULAR_BUDGET"));
    funded.put("fundedAmountUsd", -1);
    assertRefused("confirm-funding", funded, "fundedAmountUsd");
    funded.put("fundedAmountUsd", 10.5);
    assertRefused("confirm-funding", funded, "fundedAmountUsd");
    funded.put("fundedAmountUsd", "a lot");
    assertRefused("confirm-funding", funded, "fundedAmountUsd");
    funded.put("fundedAmountUsd", 120000);
    assertThat(check("confirm-funding", funded)).contains("fundedAmountUsd");
  }

  @Test
  void aConditionOverSeveralFieldsDecidesWhetherTheDonorIsAsked() {
    Map<String, Object> earmarked = new HashMap<>(Map.of("fundingDecision", "FUNDED", "fundingSource", "EARMARKED",
        "fundedAmountUsd", 50000));
    assertRefused("confirm-funding", earmarked, "donor");
    Map<String, Object> regular = new HashMap<>(Map.of("fundingDecision", "FUNDED", "fundingSource", "REGULAR_BUDGET",
        "fundedAmountUsd", 50000, "donor", "Government of Norway"));
    assertRefused("confirm-funding", regular, "donor");
  }

  @Test
  void aChecklistTakesAJsonListOfItsOptionsAndRefusesMalformedJson() {
    Map<String, Object> start = startForm();
    start.put("thematicAreas", SpinValues.jsonValue("[\"CORRUPTION\",\"TERRORISM\"]").create());
    assertThat(check("request-submission", start)).contains("thematicAreas");
    start.put("thematicAreas", SpinValues.jsonValue("[nope").create());
    assertRefused("request-submission", start, "thematicAreas");
    start.put("thematicAreas", List.of("CORRUPTION", "ALCHEMY"));
    assertRefused("request-submission", start, "thematicAreas");
    start.put("thematicAreas", List.of("CORRUPTION", "CORRUPTION"));
    assertRefused("request-submission", start, "thematicAreas");
  }

  @Test
  void anEmailFieldTakesOnlyAnAddress() {
    Map<String, Object> start = startForm();
    start.put("requesterEmail", "not an address");
    assertRefused("request-submission", start, "requesterEmail");
  }

  @Test
  void aRadioWithNumericOptionsTakesTheNumber() {
    assertThat(check("give-feedback", Map.of("satisfactionRating", 4))).contains("satisfactionRating");
    assertRefused("give-feedback", Map.of("satisfactionRating", 6), "satisfactionRating");
  }

  @Test
  void eachItemOfADynamicListIsCheckedAndNamedByItsPosition() {
    Map<String, Object> good = Map.of("activityType", "CAPACITY_BUILDING", "activityTitle", "Workshop",
        "activityStartDate", "2027-03-01", "activityEndDate", "2027-03-03", "plannedParticipants", 25);
    assertThat(check("plan-delivery", Map.of("deliveryActivities", List.of(good)))).contains("deliveryActivities");
    Map<String, Object> badDate = new HashMap<>(good);
    badDate.put("activityEndDate", "3 March 2027");
    assertRefused("plan-delivery", Map.of("deliveryActivities", List.of(good, badDate)), "deliveryActivities[2].activityEndDate");
    Map<String, Object> extra = new HashMap<>(good);
    extra.put("budget", 1000);
    assertRefused("plan-delivery", Map.of("deliveryActivities", List.of(extra)), "deliveryActivities[1].budget");
  }

  @Test
  void aTypedVariableIsReadAsItsValue() {
    assertThat(check("screen-request", Variables.createVariables()
        .putValueTyped("screeningOutcome", Variables.stringValue("ACCEPT"))
        .putValueTyped("confirmedUrgency", Variables.stringValue("NORMAL"))))
        .containsExactlyInAnyOrder("screeningOutcome", "confirmedUrgency");
  }

  @Test
  void violationsListEveryFaultOutsideFieldsFirstThenInFormOrder() {
    Map<String, Object> start = new java.util.LinkedHashMap<>(startForm());
    start.remove("title");
    start.put("requesterEmail", "not an address");
    start.put("description", "Too short.");
    start.put("thematicAreas", List.of("CORRUPTION", "ALCHEMY"));
    start.put("priorityScore", 99);
    assertThat(violations("request-submission", start)).containsExactly(
        Map.entry("priorityScore", "is not a field of the form 'request-submission'; this step accepts only "
            + String.join(", ", contract("request-submission").fieldKeys())),
        Map.entry("title", "is required"),
        Map.entry("description", "must be at least 30 characters"),
        Map.entry("thematicAreas", "'ALCHEMY' is not one of the options"),
        Map.entry("requesterEmail", "'not an address' is not an e-mail address"));
  }

  @Test
  void aSubmissionCheckAcceptsHasNoViolations() {
    assertThat(violations("request-submission", startForm())).isEmpty();
    assertThat(violations("screen-request", Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL"))).isEmpty();
  }

  @Test
  void violationsIncludeHiddenFieldsWithAValueAndConditionallyRequiredOnes() {
    assertThat(violations("screen-request", Map.of("screeningOutcome", "CLARIFY", "declineReason", "Outside the mandate.")))
        .containsOnlyKeys("clarificationQuestion", "declineReason")
        .containsEntry("declineReason", "is not asked for with the other answers given, so it cannot be set");
  }

  @Test
  void violationsNameMalformedJsonAndEachBadItemOfADynamicList() {
    Map<String, Object> start = startForm();
    start.put("thematicAreas", SpinValues.jsonValue("[nope").create());
    assertThat(violations("request-submission", start)).containsOnlyKeys("thematicAreas");
    Map<String, Object> good = Map.of("activityType", "CAPACITY_BUILDING", "activityTitle", "Workshop",
        "activityStartDate", "2027-03-01", "activityEndDate", "2027-03-03", "plannedParticipants", 25);
    Map<String, Object> badDate = new HashMap<>(good);
    badDate.put("activityEndDate", "3 March 2027");
    assertThat(violations("plan-delivery", Map.of("deliveryActivities", List.of(good, badDate))))
        .containsOnlyKeys("deliveryActivities[2].activityEndDate");
  }

  @Test
  void checkRefusesTheFirstOfTheViolations() {
    List<Map<String, Object>> submissions = List.of(
        Map.of("screeningNotes", "Looks fine.", "priorityScore", 99),
        Map.of("screeningOutcome", "APPROVE", "screeningNotes", "x".repeat(2001)),
        Map.of("screeningOutcome", "CLARIFY", "declineReason", "Outside the mandate."),
        Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL", "screeningNotes", "broken \uD83D text"));
    for (Map<String, Object> submission : submissions) {
      Map.Entry<String, String> first = violations("screen-request", submission).entrySet().iterator().next();
      assertThatThrownBy(() -> check("screen-request", submission))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(first.getKey() + ": " + first.getValue());
    }
  }

  private Map<String, String> violations(String form, Map<String, Object> submission) {
    return contracts.violations(contract(form), submission, Map.of("urgency", "NORMAL"));
  }

  private Map<String, Object> startForm() {
    Map<String, Object> start = new HashMap<>();
    start.put("memberState", "KEN");
    start.put("title", "Witness protection");
    start.put("description", "Training for prosecutors and judges on the new witness protection law.");
    start.put("thematicAreas", List.of("CORRUPTION"));
    start.put("assistanceTypes", List.of("CAPACITY_BUILDING"));
    start.put("urgency", "NORMAL");
    start.put("requesterName", "Wanjiru Kamau");
    start.put("requesterEmail", "wanjiru.kamau@example.org");
    return start;
  }

  private java.util.Set<String> check(String form, Map<String, Object> submission) {
    // the screening form is shown with the urgency the member state stated
    return contracts.check(contract(form), submission, Map.of("urgency", "NORMAL"));
  }

  private void assertRefused(String form, Map<String, Object> submission, String field) {
    assertThatThrownBy(() -> check(form, submission))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).getField()).isEqualTo(field));
  }

  private static FormContract contract(String form) {
    try (InputStream json = FormContractTest.class.getResourceAsStream("/forms/" + form + ".form")) {
      return FormContract.parse(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
