package org.unodc.uponrequest.documents;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.portal.StateRequests;
import org.unodc.uponrequest.portal.StateRequests.Standing;
import org.unodc.uponrequest.portal.StateRole;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.security.ActingUser;
import org.unodc.uponrequest.security.SignedInGroups;
import org.unodc.uponrequest.tracking.RequestIndex;

/**
 * Who may attach and read the documents of a request.
 *
 * <ul>
 *   <li>A member state's focal points, for the requests {@link StateRequests} lets their state see
 *       (lead, invited or participating co-requesting state). The lead state sees the documents its
 *       own focal points and UNODC attached; a co-requesting state sees those its own focal points
 *       and the lead state attached. No state sees another co-requesting state's documents, and
 *       co-requesting states do not see UNODC's (UNODC may write to the lead state alone).</li>
 *   <li>UNODC staff (anyone who is no state's focal point) who work on the request: the engine's own
 *       read check decides, a historic process instance query run as the user (groups, tenants,
 *       the read grants officers get with their tasks); managers and administrators always. Staff
 *       see every document of the request.</li>
 * </ul>
 *
 * Everyone else gets the same 404 as a request that does not exist.
 */
@Component
class DocumentAccess {

  private static final Pattern REFERENCE = Pattern.compile("TA-\\d{4}-\\d{5}");
  private static final String FOCAL = Groups.focalPoints("");

  private final StateRequests stateRequests;
  private final RequestIndex index;
  private final HistoryService historyService;
  private final ActingUser actingUser;

  DocumentAccess(StateRequests stateRequests, RequestIndex index, HistoryService historyService, ActingUser actingUser) {
    this.stateRequests = stateRequests;
    this.index = index;
    this.historyService = historyService;
    this.actingUser = actingUser;
  }

  /** The caller and the request, as far as its documents go. {@code state} is null for UNODC staff. */
  record Reader(String user, String processInstanceId, String reference, String leadState, String state, StateRole role,
      boolean open) {

    boolean staff() {
      return state == null;
    }

    boolean sees(Document document) {
      if (staff()) {
        return true;
      }
      String from = document.uploaderState();
      return state.equals(from) || leadState.equals(from) || from == null && role == StateRole.LEAD;
    }
  }

  Reader of(Authentication caller, String reference) {
    if (caller == null || reference == null || !REFERENCE.matcher(reference).matches()) {
      throw DocumentRefused.notFound("reference");
    }
    Set<String> groups = SignedInGroups.of(caller);
    Set<String> states = new TreeSet<>();
    groups.stream().filter(group -> group.startsWith(FOCAL)).forEach(group -> states.add(group.substring(FOCAL.length())));
    if (!states.isEmpty()) {
      Standing standing = stateRequests.standing(states, reference).orElseThrow(() -> DocumentRefused.notFound("reference"));
      return new Reader(caller.getName(), standing.processInstanceId(), reference, standing.leadState(), standing.state(),
          standing.role(), standing.open());
    }
    RequestIndex.Entry request = index.byReference(reference).orElseThrow(() -> DocumentRefused.notFound("reference"));
    boolean sees = groups.contains(Groups.MANAGERS) || groups.contains(Groups.CAMUNDA_ADMIN)
        || actingUser.call(caller, () -> historyService.createHistoricProcessInstanceQuery()
            .processInstanceId(request.processInstanceId()).count() > 0);
    if (!sees) {
      throw DocumentRefused.notFound("reference");
    }
    return new Reader(caller.getName(), request.processInstanceId(), reference, request.leadState(), null, null,
        request.closedAt() == null);
  }
}
