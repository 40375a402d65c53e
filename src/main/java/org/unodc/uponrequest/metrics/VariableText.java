package org.unodc.uponrequest.metrics;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;

/** A variable's value as the history event carries it, as text: numbers as numbers, dates as epoch milliseconds, JSON as written. */
final class VariableText {

  private VariableText() {}

  static String of(HistoricVariableUpdateEventEntity variable) {
    if (variable.getTextValue() != null) {
      return variable.getTextValue();
    }
    if (variable.getDoubleValue() != null) {
      return variable.getDoubleValue().toString();
    }
    if (variable.getLongValue() != null) {
      return variable.getLongValue().toString();
    }
    if (variable.getByteValue() != null) {
      return new String(variable.getByteValue(), StandardCharsets.UTF_8);
    }
    return null;
  }
}
