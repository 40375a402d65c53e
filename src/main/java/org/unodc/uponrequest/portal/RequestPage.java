package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.unodc.uponrequest.process.VariableValues;

/** A request's own page as a member state sees it: where it stands, what waits on the state, who takes part. */
@Controller
class RequestPage {

  private final StateRequests requests;
  private final PortalStates portalStates;
  private final PortalLabels labels;
  private final RequestHistory history;
  private final StaffRequests staffRequests;

  RequestPage(StateRequests requests, PortalStates portalStates, PortalLabels labels, RequestHistory history,
      StaffRequests staffRequests) {
    this.history = history;
    this.staffRequests = staffRequests;
    this.requests = requests;
    this.portalStates = portalStates;
    this.labels = labels;
  }

  private String staff(Authentication caller, String reference, Model model) {
    StaffRequests.StaffRequest request = staffRequests.find(caller, reference)
        .orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "reference", "No such request that you may see."));
    model.addAttribute("request", request);
    model.addAttribute("fields", request.fields());
    model.addAttribute("leadStateName", labels.state(request.leadState()));
    model.addAttribute("diagram", history.diagram(reference));
    return "portal/staff-request";
  }

  /** A list field as the engine keeps it (JSON) or as anything else, as strings. */
  private static List<String> strings(Object value) {
    return VariableValues.strings(value instanceof JsonNode json ? json.toString() : value);
  }

  /** The request's page: a member state's view for its focal points, the staff view for UNODC. */
  @GetMapping(PortalPages.HOME + "/{reference}")
  String show(Authentication caller, @PathVariable String reference, Model model) {
    if (AskingStates.of(caller).isEmpty()) {
      return staff(caller, reference, model);
    }
    Set<String> states = portalStates.of(caller);
    RequestForState request = requests.find(states, reference)
        .orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "reference", "No such request among the state's requests."));
    Map<String, Object> fields = request.fields();
    model.addAttribute("request", request);
    model.addAttribute("fields", fields);
    model.addAttribute("areas", strings(fields.get(THEMATIC_AREAS)).stream().map(labels::area).toList());
    model.addAttribute("primaryArea", fields.get(PRIMARY_THEMATIC_AREA) == null ? null
        : labels.area(fields.get(PRIMARY_THEMATIC_AREA).toString()));
    model.addAttribute("assistance", strings(fields.get(ASSISTANCE_TYPES)).stream().map(labels::assistanceType).toList());
    model.addAttribute("partners", strings(fields.get(PARTNER_ORGANISATIONS)).stream().map(labels::partner).toList());
    model.addAttribute("mayWithdraw", StateActions.mayWithdraw(request));
    model.addAttribute("leadStateName", labels.state(String.valueOf(fields.get(MEMBER_STATE))));
    model.addAttribute("timeline", request.timeline());
    List<PriorityFactor> factors = PriorityFactor.parse(fields.get(PRIORITY_FACTORS));
    model.addAttribute("factors", factors);
    model.addAttribute("factorsTotal", PriorityFactor.total(factors));
    model.addAttribute("diagram", history.diagram(reference));
    return "portal/request";
  }
}
