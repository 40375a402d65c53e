package org.unodc.uponrequest.process;

import java.util.Arrays;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Server-side checks of what a task form submitted; each failure names the field. */
public final class TaskInput {

  public static String requiredText(VariableScope scope, String field) {
    Object value = scope.getVariable(field);
    if (value == null || value.toString().isBlank()) {
      throw new InvalidInputException(field, "is required");
    }
    return value.toString().trim();
  }

  public static String requiredText(VariableScope scope, String field, int minLength) {
    String text = requiredText(scope, field);
    if (text.length() < minLength) {
      throw new InvalidInputException(field, "must be at least " + minLength + " characters");
    }
    return text;
  }

  public static String oneOf(VariableScope scope, String field, String... allowed) {
    String value = requiredText(scope, field);
    if (!Arrays.asList(allowed).contains(value)) {
      throw new InvalidInputException(field, "must be one of " + String.join(", ", allowed));
    }
    return value;
  }

  public static long wholeNumber(VariableScope scope, String field, long min) {
    String text = requiredText(scope, field);
    try {
      long value = new java.math.BigDecimal(text).longValueExact();
      if (value < min) {
        throw new InvalidInputException(field, "must be at least " + min);
      }
      return value;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidInputException(field, "'" + text + "' is not a whole number");
    }
  }

  private TaskInput() {}
}
