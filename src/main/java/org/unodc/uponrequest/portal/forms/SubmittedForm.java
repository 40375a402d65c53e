package org.unodc.uponrequest.portal.forms;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.unodc.uponrequest.process.VariableValues;

/**
 * A posted form read into typed values, before the engine's contract has looked at it.
 *
 * @param values field to value: String, Long, BigDecimal, Boolean, List of String (empty optional
 *     fields left out), in form order
 * @param errors field to message, in the user's language, for what could not even be read (a
 *     number field holding no number); the caller adds the contract's violations and shows both
 */
public record SubmittedForm(Map<String, Object> values, Map<String, String> errors) {

  public SubmittedForm {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /**
   * The values as the engine stores them, as form-js submits them: lists as {@code Json}
   * variables (see {@link VariableValues#json}) and decimals as doubles (Camunda has no decimal
   * type; a BigDecimal would be stored as a serialized object no one can read back plainly).
   */
  public Map<String, Object> variables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((field, value) -> variables.put(field,
        value instanceof List<?> list ? VariableValues.json(list)
            : value instanceof BigDecimal decimal ? decimal.doubleValue()
            : value));
    return variables;
  }
}
