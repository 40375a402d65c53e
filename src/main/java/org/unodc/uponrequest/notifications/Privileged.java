package org.unodc.uponrequest.notifications;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Engine look-ups a mail needs, made inside the step's command without the caller's authorization
 * and tenant checks: whoever causes a mail (a focal point, a timer, an officer) need not be allowed
 * to read what the mail quotes, and a mail must not depend on who caused it.
 */
final class Privileged {

  private Privileged() {}

  /** Inside an engine command: without the caller's authorization and tenant checks; outside one: as it is. */
  static <T> T lookup(Callable<T> lookup) {
    CommandContext command = Context.getCommandContext();
    try {
      if (command == null) {
        return lookup.call();
      }
      boolean tenantCheck = command.isTenantCheckEnabled();
      command.disableTenantCheck();
      try {
        return command.runWithoutAuthorization(lookup);
      } finally {
        command.setTenantCheckEnabled(tenantCheck);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
