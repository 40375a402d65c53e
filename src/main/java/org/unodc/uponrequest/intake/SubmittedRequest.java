package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * The request as the member state submitted it. The start form's contract has checked every
 * field (presence, lengths, options, the e-mail address); what remains here is what only the
 * reference data can say: the codes exist in the seeds. Checked when a request is filed
 * (before its 201) and again when the engine registers it.
 */
record SubmittedRequest(
    String memberState,
    String title,
    String description,
    List<String> thematicAreas,
    List<String> assistanceTypes,
    BigDecimal estimatedBudgetUsd,
    String urgency,
    List<String> coRequestingStates,
    String primaryThematicArea) {

  static SubmittedRequest from(Function<String, Object> variables, ReferenceData referenceData) {
    String memberState = text(variables, MEMBER_STATE);
    if (memberState == null || referenceData.memberState(memberState).isEmpty()) {
      throw new InvalidInputException(MEMBER_STATE, "'" + memberState + "' is not a UN member state code (ISO 3166-1 alpha-3)");
    }
    List<String> areas = VariableValues.strings(variables.apply(THEMATIC_AREAS)).stream().distinct().toList();
    for (String area : areas) {
      if (referenceData.thematicArea(area).isEmpty()) {
        throw new InvalidInputException(THEMATIC_AREAS, "'" + area + "' is not a thematic area");
      }
    }
    List<String> types = VariableValues.strings(variables.apply(ASSISTANCE_TYPES)).stream().distinct().toList();
    for (String type : types) {
      if (referenceData.assistanceType(type).isEmpty()) {
        throw new InvalidInputException(ASSISTANCE_TYPES, "'" + type + "' is not an assistance type");
      }
    }
    List<String> coRequesting = VariableValues.strings(variables.apply(CO_REQUESTING_STATES)).stream().distinct().toList();
    for (String state : coRequesting) {
      if (state.equals(memberState)) {
        throw new InvalidInputException(CO_REQUESTING_STATES, "names " + state + ", the state filing the request; "
            + "list only the other states taking part");
      }
      if (referenceData.memberState(state).isEmpty()) {
        throw new InvalidInputException(CO_REQUESTING_STATES, "'" + state + "' is not a UN member state code");
      }
    }
    Object budget = variables.apply(ESTIMATED_BUDGET_USD);
    return new SubmittedRequest(memberState, text(variables, TITLE), text(variables, DESCRIPTION),
        areas, types, budget == null ? null : new BigDecimal(budget.toString().trim()), text(variables, URGENCY),
        coRequesting, text(variables, PRIMARY_THEMATIC_AREA));
  }

  /** The trimmed text of a field, or null when the form left it empty. */
  private static String text(Function<String, Object> variables, String field) {
    Object value = variables.apply(field);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
