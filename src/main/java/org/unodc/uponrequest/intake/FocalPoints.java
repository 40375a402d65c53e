package org.unodc.uponrequest.intake;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.ProcessVariables;

/**
 * A member state's focal point files requests for that state only, whatever the form says.
 * Officers (in no focal-point group) may register a request on a state's behalf.
 */
@Component
class FocalPoints {

  private final IdentityService identityService;

  FocalPoints(@Lazy IdentityService identityService) {
    this.identityService = identityService;
  }

  void checkMayFileFor(Object submittedBy, String memberState) {
    if (submittedBy == null) {
      return; // started by the system or an integration, not by a person
    }
    List<String> ownStates = identityService.createGroupQuery().groupMember(submittedBy.toString()).list().stream()
        .map(Group::getId)
        .filter(id -> id.startsWith(Groups.focalPoints("")))
        .map(id -> id.substring(Groups.focalPoints("").length()))
        .toList();
    if (!ownStates.isEmpty() && !ownStates.contains(memberState)) {
      throw new InvalidInputException(ProcessVariables.MEMBER_STATE,
          "as a focal point of " + String.join(", ", ownStates) + " you can submit requests for "
              + (ownStates.size() == 1 ? "that state" : "those states") + " only, not for " + memberState);
    }
  }
}
