package org.unodc.uponrequest.security;

import org.camunda.bpm.engine.AuthorizationException;

/** An engine door that only the product itself and administrators may use; answered as 403. */
class EngineDoorClosedException extends AuthorizationException {

  EngineDoorClosedException(String message) {
    super(message);
  }
}
