package org.unodc.uponrequest.portal;

import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The requests door of the API, {@code /api/requests}: for focal points their states' requests
 * (what each state sees is decided by {@link StateRequests}); for UNODC staff, read-only, the
 * requests the engine lets them read ({@link StaffRequests}). A request that does not exist
 * and one that is not the state's get the same 404.
 */
@RestController
@RequestMapping("/api/requests")
class StateRequestsController {

  static final int MAX_PAGE_SIZE = 100;
  private static final Pattern REFERENCE = Pattern.compile("TA-\\d{4}-\\d{5}");

  private final StateRequests requests;
  private final PortalStates states;
  private final StaffRequests staffRequests;

  StateRequestsController(StateRequests requests, PortalStates states, StaffRequests staffRequests) {
    this.staffRequests = staffRequests;
    this.requests = requests;
    this.states = states;
  }

  /**
   * The caller's requests, most recently filed first unless {@code sort} (filed, changed,
   * reference, title, stage, band, office) and {@code direction} (asc, desc) say otherwise;
   * {@code q} finds text in the reference or the title.
   */
  @GetMapping
  RequestList list(Authentication caller, @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "20") String size, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "filed") String sort, @RequestParam(required = false) String direction) {
    if (AskingStates.of(caller).isEmpty()) {
      // UNODC staff: the requests the engine lets them read, newest first (q matches the reference)
      ListQuery query = ListQuery.strict(q, "filed", "desc", page);
      Integer pageSize = ListQuery.number(size, 1, MAX_PAGE_SIZE);
      if (pageSize == null) {
        throw new PortalProblem(HttpStatus.BAD_REQUEST, "size", "'size' must be a whole number from 1 to " + MAX_PAGE_SIZE + ".");
      }
      return staffRequests.page(caller, query.text(), query.page(), pageSize);
    }
    Set<String> asking = states.of(caller);
    Integer pageSize = ListQuery.number(size, 1, MAX_PAGE_SIZE);
    if (pageSize == null) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, "size", "'size' must be a whole number from 1 to " + MAX_PAGE_SIZE + ".");
    }
    ListQuery query = ListQuery.strict(q, sort, direction, page);
    return requests.page(asking, query.text(), query.order(), query.descending(), query.page(), pageSize);
  }

  /** A state's view of the request for focal points; the staff view (everything recorded) for UNODC staff who may read it. */
  @GetMapping("/{reference}")
  Object one(Authentication caller, @PathVariable String reference) {
    if (AskingStates.of(caller).isEmpty()) {
      return staffRequests.find(caller, reference).orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "reference",
          "No request with the reference " + reference + " that you may read."));
    }
    Set<String> asking = states.of(caller);
    if (!REFERENCE.matcher(reference).matches()) {
      throw new PortalProblem(HttpStatus.NOT_FOUND, "reference",
          "This is not a request reference; references look like TA-2026-00042.");
    }
    return requests.find(asking, reference).orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "reference",
        "None of your State's requests has the reference " + reference + "."));
  }
}
