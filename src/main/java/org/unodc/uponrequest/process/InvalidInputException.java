package org.unodc.uponrequest.process;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Input that a form or an API client sent and the process cannot accept. The message names the
 * field and the reason, so Tasklist and API clients can show it as is; the transaction rolls back,
 * so nothing half-done is saved.
 */
public class InvalidInputException extends ProcessEngineException {

  private final String field;
  private final String reason;

  public InvalidInputException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  public String getField() {
    return field;
  }

  /** The message without the field's name, e.g. "is required". */
  public String getReason() {
    return reason;
  }
}
