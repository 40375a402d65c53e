package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * The request as the member state submitted it, checked field by field against the reference
 * data. Forms validate in the browser too, but API clients and old forms can send anything.
 */
record SubmittedRequest(
    String memberState,
    String title,
    String description,
    List<String> thematicAreas,
    List<String> assistanceTypes,
    BigDecimal estimatedBudgetUsd,
    String urgency) {

  static final Set<String> URGENCIES = Set.of("LOW", "NORMAL", "HIGH", "CRITICAL");
  static final int MAX_TITLE_LENGTH = 200;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  static SubmittedRequest from(VariableScope variables, ReferenceData referenceData) {
    String memberState = requiredText(variables, MEMBER_STATE);
    if (referenceData.memberState(memberState).isEmpty()) {
      throw new InvalidInputException(MEMBER_STATE, "'" + memberState + "' is not a UN member state code (ISO 3166-1 alpha-3)");
    }
    String title = requiredText(variables, TITLE);
    if (title.length() > MAX_TITLE_LENGTH) {
      throw new InvalidInputException(TITLE, "must be at most " + MAX_TITLE_LENGTH + " characters");
    }
    String description = requiredText(variables, DESCRIPTION);
    List<String> areas = codes(variables, THEMATIC_AREAS);
    for (String area : areas) {
      if (referenceData.thematicArea(area).isEmpty()) {
        throw new InvalidInputException(THEMATIC_AREAS, "'" + area + "' is not a thematic area");
      }
    }
    List<String> types = codes(variables, ASSISTANCE_TYPES);
    for (String type : types) {
      if (referenceData.assistanceTypes().stream().noneMatch(t -> t.code().equals(type))) {
        throw new InvalidInputException(ASSISTANCE_TYPES, "'" + type + "' is not an assistance type");
      }
    }
    String urgency = requiredText(variables, URGENCY);
    if (!URGENCIES.contains(urgency)) {
      throw new InvalidInputException(URGENCY, "must be one of LOW, NORMAL, HIGH, CRITICAL");
    }
    Object email = variables.getVariable(REQUESTER_EMAIL);
    if (email != null && !email.toString().isBlank() && !EMAIL.matcher(email.toString().trim()).matches()) {
      throw new InvalidInputException(REQUESTER_EMAIL, "'" + email + "' is not an e-mail address");
    }
    return new SubmittedRequest(memberState, title, description, areas, types, budget(variables), urgency);
  }

  private static String requiredText(VariableScope variables, String name) {
    Object value = variables.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      throw new InvalidInputException(name, "is required");
    }
    return value.toString().trim();
  }

  private static List<String> codes(VariableScope variables, String name) {
    List<String> codes = VariableValues.strings(variables.getVariable(name));
    if (codes.isEmpty()) {
      throw new InvalidInputException(name, "choose at least one");
    }
    return codes.stream().distinct().toList();
  }

  private static BigDecimal budget(VariableScope variables) {
    Object value = variables.getVariable(ESTIMATED_BUDGET_USD);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      BigDecimal amount = new BigDecimal(value.toString().trim());
      if (amount.signum() < 0) {
        throw new InvalidInputException(ESTIMATED_BUDGET_USD, "must not be negative");
      }
      return amount;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(ESTIMATED_BUDGET_USD, "'" + value + "' is not an amount in US dollars");
    }
  }
}
