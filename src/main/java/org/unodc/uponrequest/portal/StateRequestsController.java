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
import org.unodc.uponrequest.tracking.RequestIndex;

/**
 * The member states' own door to their requests: {@code /api/requests}. Focal points only; what
 * each state sees of a request is decided by {@link StateRequests}. A request that does not exist
 * and one that is not the state's get the same 404.
 */
@RestController
@RequestMapping("/api/requests")
class StateRequestsController {

  static final int MAX_PAGE_SIZE = 100;
  static final int MAX_SEARCH = 200;
  private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
  private static final Pattern REFERENCE = Pattern.compile("TA-\\d{4}-\\d{5}");

  private final StateRequests requests;

  StateRequestsController(StateRequests requests) {
    this.requests = requests;
  }

  /**
   * The caller's requests, most recently filed first unless {@code sort} (filed, changed,
   * reference, title, stage, band, office) and {@code direction} (asc, desc) say otherwise;
   * {@code q} finds text in the reference or the title.
   */
  @GetMapping
  RequestPage list(Authentication caller, @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "20") String size, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "filed") String sort, @RequestParam(required = false) String direction) {
    int pageNumber = number("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
    int pageSize = number("size", size, 1, MAX_PAGE_SIZE);
    RequestIndex.Order order = order(sort);
    boolean descending = descending(direction, order);
    if (q != null && (q.length() > MAX_SEARCH || CONTROL.matcher(q).find())) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, "q",
          "'q' must be at most " + MAX_SEARCH + " characters of text, without control characters.");
    }
    return requests.page(states(caller), q, order, descending, pageNumber, pageSize);
  }

  private static RequestIndex.Order order(String sort) {
    for (RequestIndex.Order order : RequestIndex.Order.values()) {
      if (order.name().equalsIgnoreCase(sort)) {
        return order;
      }
    }
    throw new PortalProblem(HttpStatus.BAD_REQUEST, "sort",
        "'sort' must be one of filed, changed, reference, title, stage, band, office.");
  }

  /** Dates newest first, words in alphabetical order, unless the caller says otherwise. */
  private static boolean descending(String direction, RequestIndex.Order order) {
    if (direction == null) {
      return order == RequestIndex.Order.FILED || order == RequestIndex.Order.CHANGED;
    }
    return switch (direction.toLowerCase(java.util.Locale.ROOT)) {
      case "desc" -> true;
      case "asc" -> false;
      default -> throw new PortalProblem(HttpStatus.BAD_REQUEST, "direction", "'direction' must be asc or desc.");
    };
  }

  @GetMapping("/{reference}")
  RequestForState one(Authentication caller, @PathVariable String reference) {
    Set<String> states = states(caller);
    if (!REFERENCE.matcher(reference).matches()) {
      throw new PortalProblem(HttpStatus.NOT_FOUND, "reference",
          "This is not a request reference; references look like TA-2026-00042.");
    }
    return requests.find(states, reference).orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "reference",
        "None of your State's requests has the reference " + reference + "."));
  }

  private static Set<String> states(Authentication caller) {
    Set<String> states = AskingStates.of(caller);
    if (states.isEmpty()) {
      throw new PortalProblem(HttpStatus.FORBIDDEN, null,
          "Requests are listed here for member states' focal points. UNODC staff work on requests in Tasklist.");
    }
    return states;
  }

  private static int number(String field, String value, int min, int max) {
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new PortalProblem(HttpStatus.BAD_REQUEST, field,
        "'" + field + "' must be a whole number from " + min + " to " + max + ".");
  }
}
