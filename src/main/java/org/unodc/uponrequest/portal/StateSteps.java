package org.unodc.uponrequest.portal;

import java.util.Map;
import java.util.Set;

/** The steps of the process that wait on a member state, and the API action that completes each. */
final class StateSteps {

  static final String ANSWER = "ANSWER";
  static final String FEEDBACK = "FEEDBACK";

  /** By element id: answering UNODC (a question, a revision, a confirmation of taking part) or giving feedback. */
  private static final Map<String, String> ACTIONS = Map.of(
      "Activity_ProvideClarification", ANSWER,
      "Activity_ReviseRequest", ANSWER,
      "Activity_ConfirmParticipation", ANSWER,
      "Activity_GiveFeedback", FEEDBACK);

  private StateSteps() {}

  /** The API action that completes this step, or null if the state has no such step. */
  static String actionOf(String step) {
    return ACTIONS.get(step);
  }

  static Set<String> stepsOf(String action) {
    return ACTIONS.entrySet().stream().filter(e -> e.getValue().equals(action)).map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.toSet());
  }

  static String pathOf(String action) {
    return action.equals(FEEDBACK) ? "/feedback" : "/answers";
  }
}
