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
 * The member states' own door to their requests: {@code /api/requests}. Focal points only; what
 * each state sees of a request is decided by {@link StateRequests}. A request that does not exist
 * and one that is not the state's get the same 404.
 */
@RestController
@RequestMapping("/api/requests")
class StateRequestsController {

  static final int MAX_PAGE_SIZE = 100;
  private static final Pattern REFERENCE = Pattern.compile("TA-\\d{4}-\\d{5}");

  private final StateRequests requests;
  private final PortalStates states;

  StateRequestsController(StateRequests requests, PortalStates states) {
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
    Set<String> asking = states.of(caller);
    Integer pageSize = ListQuery.number(size, 1, MAX_PAGE_SIZE);
    if (pageSize == null) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, "size", "'size' must be a whole number from 1 to " + MAX_PAGE_SIZE + ".");
    }
    ListQuery query = ListQuery.strict(q, sort, direction, page);
    return requests.page(asking, query.text(), query.order(), query.descending(), query.page(), pageSize);
  }

  @GetMapping("/{reference}")
  RequestForState one(Authentication caller, @PathVariable String reference) {
    Set<String> asking = states.of(caller);
    if (!REFERENCE.matcher(reference).matches()) {
      throw new PortalProblem(HttpStatus.NOT_FOUND, "reference",
          "This is not a request reference; references look like TA-2026-00042.");
    }
    return requests.find(asking, reference).orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "reference",
        "None of your State's requests has the reference " + reference + "."));
  }
}
