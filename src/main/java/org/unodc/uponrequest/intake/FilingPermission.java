package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Whether a user may start a request at all, asked when the request is filed: the engine asks
 * again when it registers the request, but by then the filer has had its 201.
 */
@Component
public class FilingPermission {

  private final AuthorizationService authorizationService;

  FilingPermission(@Lazy AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  /** The grants Camunda checks before a start: create a process instance, and create one of the request process. */
  public boolean mayFile(String user, Collection<String> groups) {
    List<String> groupIds = List.copyOf(groups);
    return authorizationService.isUserAuthorized(user, groupIds, Permissions.CREATE, Resources.PROCESS_INSTANCE)
        && authorizationService.isUserAuthorized(user, groupIds, ProcessDefinitionPermissions.CREATE_INSTANCE,
            Resources.PROCESS_DEFINITION, PROCESS_KEY);
  }
}
