package org.unodc.uponrequest.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.EN;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.FORMS;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.FR;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.unodc.uponrequest.process.FormContract;
import org.unodc.uponrequest.process.FormContracts;

/** Posted parameters read into the values the engine's contract expects, per component type. */
class FormSubmissionTest {

  /** Component types the state-facing forms do not use yet, with the shapes form-js gives them. */
  private static final JsonNode OTHER_TYPES = json("""
      {"id": "other-types", "components": [
        {"type": "text", "id": "Text_1", "text": "Hello"},
        {"type": "checkbox", "id": "Field_1", "key": "agreed", "label": "Agreed"},
        {"type": "number", "id": "Field_2", "key": "share", "label": "Share", "decimalDigits": 2},
        {"type": "number", "id": "Field_3", "key": "anything", "label": "Any number"},
        {"type": "datetime", "id": "Field_4", "key": "startDate", "subtype": "date", "dateLabel": "Start"},
        {"type": "textfield", "id": "Field_5", "key": "locked", "label": "Locked", "disabled": true},
        {"type": "group", "id": "Group_1", "components": [
          {"type": "textfield", "id": "Field_6", "key": "inGroup", "label": "In a group"}]}
      ]}""");

  @Test
  void textIsTrimmedAndEmptyOptionalFieldsAreLeftOut() {
    SubmittedForm read = read("request-submission", Map.of(
        "title", List.of("  Witness protection \t"),
        "requesterName", List.of("   "),
        "estimatedBudgetUsd", List.of(""),
        "primaryThematicArea", List.of(""),
        "coRequestingStates", List.of()));
    assertThat(read.values()).containsExactly(Map.entry("title", "Witness protection"));
    assertThat(read.valid()).isTrue();
  }

  @Test
  void aTextAreaKeepsItsLineBreaksAsTheBrowserCountedThem() {
    SubmittedForm read = read("provide-clarification", Map.of("clarificationAnswer", List.of("The High Court\r\nand the Court of Appeal\r\n")));
    assertThat(read.values()).containsEntry("clarificationAnswer", "The High Court\nand the Court of Appeal");
  }

  @Test
  void aWholeNumberFieldGivesALongAndADecimalOneABigDecimal() {
    assertThat(read("request-submission", Map.of("estimatedBudgetUsd", List.of(" 120000 "))).values())
        .containsEntry("estimatedBudgetUsd", 120000L);
    // decimals in a whole-number field go through as typed: the contract names the fault
    assertThat(read("request-submission", Map.of("estimatedBudgetUsd", List.of("10.5"))).values())
        .containsEntry("estimatedBudgetUsd", new BigDecimal("10.5"));
    SubmittedForm other = FORMS.read(OTHER_TYPES, post(Map.of("share", List.of("12.50"), "anything", List.of("7"))), EN);
    assertThat(other.values()).containsEntry("share", new BigDecimal("12.50")).containsEntry("anything", new BigDecimal("7"));
    assertThat(other.variables()).containsEntry("share", 12.5d);
  }

  @Test
  void lettersInANumberFieldAreAnErrorInTheUsersLanguageNotAnException() {
    SubmittedForm read = read("request-submission", Map.of("estimatedBudgetUsd", List.of("about 5000"), "title", List.of("T")), FR);
    assertThat(read.valid()).isFalse();
    assertThat(read.errors()).containsExactly(Map.entry("estimatedBudgetUsd", "Saisissez un nombre."));
    assertThat(read.values()).containsOnlyKeys("title");
    assertThat(read("request-submission", Map.of("estimatedBudgetUsd", List.of("1e999999999"))).valid()).isTrue(); // a number; the contract bounds it
  }

  @Test
  void aRadioWithNumberOptionsGivesTheNumberAndOthersTheText() {
    assertThat(read("give-feedback", Map.of("satisfactionRating", List.of("4"))).values()).containsEntry("satisfactionRating", 4L);
    assertThat(read("give-feedback", Map.of("satisfactionRating", List.of("excellent"))).values()).containsEntry("satisfactionRating", "excellent");
    assertThat(read("request-submission", Map.of("urgency", List.of("HIGH"), "memberState", List.of("KEN"))).values())
        .containsEntry("urgency", "HIGH").containsEntry("memberState", "KEN");
  }

  @Test
  void checklistsAndTaglistsGiveListsInTheSchemasOrderAndJsonForTheEngine() {
    SubmittedForm read = read("request-submission", Map.of(
        "thematicAreas", List.of("TERRORISM", "CORRUPTION"),
        "coRequestingStates", List.of("TZA", "", "UGA"),
        "partnerOrganisations", List.of("ALCHEMISTS", "EAC")));
    assertThat(read.values())
        .containsEntry("thematicAreas", List.of("CORRUPTION", "TERRORISM"))
        .containsEntry("coRequestingStates", List.of("UGA", "TZA")) // Uganda, United Republic of Tanzania
        .containsEntry("partnerOrganisations", List.of("EAC", "ALCHEMISTS"));
    assertThat(read.variables().get("thematicAreas")).isInstanceOfSatisfying(JsonValue.class,
        json -> assertThat(json.getValueSerialized()).isEqualTo("[\"CORRUPTION\",\"TERRORISM\"]"));
  }

  @Test
  void aCheckboxIsFalseWhenNotPostedADateIsIsoAndDisabledFieldsAreNotRead() {
    SubmittedForm read = FORMS.read(OTHER_TYPES, post(Map.of("startDate", List.of("2027-03-01"), "locked", List.of("forged"),
        "inGroup", List.of("grouped"))), EN);
    assertThat(read.values()).containsExactly(
        Map.entry("agreed", false), Map.entry("startDate", "2027-03-01"), Map.entry("inGroup", "grouped"));
    assertThat(FORMS.read(OTHER_TYPES, post(Map.of("agreed", List.of("true"))), EN).values()).containsEntry("agreed", true);
    SubmittedForm badDate = FORMS.read(OTHER_TYPES, post(Map.of("startDate", List.of("1 March 2027"))), FR);
    assertThat(badDate.errors()).containsExactly(Map.entry("startDate", "Saisissez une date valide."));
  }

  @Test
  void parametersThatAreNoFieldAreIgnored() {
    assertThat(read("provide-clarification", Map.of("_csrf", List.of("token"), "priorityScore", List.of("99"))).values()).isEmpty();
  }

  @Test
  void aCompletePostReadsIntoWhatTheEnginesContractAccepts() {
    SubmittedForm read = read("request-submission", Map.ofEntries(
        Map.entry("memberState", List.of("KEN")),
        Map.entry("coRequestingStates", List.of("UGA", "TZA")),
        Map.entry("title", List.of("Witness protection")),
        Map.entry("description", List.of("Training for prosecutors and judges on the new witness protection law.")),
        Map.entry("thematicAreas", List.of("CORRUPTION")),
        Map.entry("primaryThematicArea", List.of("")),
        Map.entry("assistanceTypes", List.of("CAPACITY_BUILDING", "ADVISORY_SERVICES")),
        Map.entry("estimatedBudgetUsd", List.of("50000")),
        Map.entry("urgency", List.of("NORMAL")),
        Map.entry("requesterName", List.of("Wanjiru Kamau")),
        Map.entry("requesterEmail", List.of("wanjiru.kamau@example.org"))));
    FormContracts contracts = new FormContracts(new ScalaFeelEngineFactory().createInstance());
    assertThat(contracts.violations(contract("request-submission"), read.variables(), Map.of())).isEmpty();
    assertThat(contracts.violations(contract("give-feedback"),
        read("give-feedback", Map.of("satisfactionRating", List.of("5"))).variables(), Map.of())).isEmpty();
  }

  private static SubmittedForm read(String form, Map<String, List<String>> posted) {
    return read(form, posted, EN);
  }

  private static SubmittedForm read(String form, Map<String, List<String>> posted, java.util.Locale locale) {
    return FORMS.read(schema(form), post(posted), locale);
  }

  private static MultiValueMap<String, String> post(Map<String, List<String>> parameters) {
    return new LinkedMultiValueMap<>(parameters);
  }

  private static FormContract contract(String form) {
    try (InputStream json = FormSubmissionTest.class.getResourceAsStream("/forms/" + form + ".form")) {
      return FormContract.parse(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
