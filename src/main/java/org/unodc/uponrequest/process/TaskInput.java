package org.unodc.uponrequest.process;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reads what a step's form submitted. Presence, types, lengths and options have already been
 * checked against the form's contract ({@link FormContract}) before the step's listeners run, so
 * listeners only read values and apply the rules a form cannot express.
 */
public final class TaskInput {

  /** The trimmed text of a field, or null when the form left it empty. */
  public static String text(VariableScope scope, String field) {
    Object value = scope.getVariable(field);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  /** A whole number the contract has checked (Tasklist sends numbers, API clients may send text). */
  public static long wholeNumber(VariableScope scope, String field) {
    return new BigDecimal(scope.getVariable(field).toString().trim()).longValueExact();
  }

  private TaskInput() {}
}
