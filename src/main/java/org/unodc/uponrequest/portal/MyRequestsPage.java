package org.unodc.uponrequest.portal;

import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.unodc.uponrequest.tracking.RequestIndex;

/** My requests: the state's requests and those it takes part in, searchable, sortable and paged. */
@Controller
class MyRequestsPage {

  static final int PAGE_SIZE = 20;

  /** The sortable columns, in the order the table shows them. */
  static final List<RequestIndex.Order> COLUMNS = List.of(RequestIndex.Order.REFERENCE, RequestIndex.Order.TITLE,
      RequestIndex.Order.STAGE, RequestIndex.Order.BAND, RequestIndex.Order.OFFICE, RequestIndex.Order.CHANGED,
      RequestIndex.Order.FILED);

  /** A sortable column heading: its link sorts by it, or turns the order round if it is the current one. */
  record Heading(String column, String sort, String direction, String ariaSort) {

    static Heading of(RequestIndex.Order column, ListQuery query) {
      boolean current = query.order() == column;
      boolean descending = current ? !query.descending() : ListQuery.defaultDescending(column);
      return new Heading(column.name(), column.name().toLowerCase(java.util.Locale.ROOT), descending ? "desc" : "asc",
          current ? (query.descending() ? "descending" : "ascending") : null);
    }
  }

  private final StateRequests requests;
  private final PortalStates portalStates;

  MyRequestsPage(StateRequests requests, PortalStates portalStates) {
    this.requests = requests;
    this.portalStates = portalStates;
  }

  @GetMapping("/portal")
  String portal() {
    return "redirect:" + PortalPages.HOME;
  }

  @GetMapping(PortalPages.HOME)
  String list(Authentication caller, Model model, @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "filed") String sort, @RequestParam(required = false) String direction,
      @RequestParam(defaultValue = "0") String page) {
    Set<String> states = portalStates.of(caller);
    ListQuery query = ListQuery.lenient(q, sort, direction, page);
    RequestList found = requests.page(states, query.text(), query.order(), query.descending(), query.page(), PAGE_SIZE);
    model.addAttribute("states", portalStates.names(states));
    model.addAttribute("query", query);
    model.addAttribute("found", found);
    model.addAttribute("pages", (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("headings", COLUMNS.stream().map(column -> Heading.of(column, query)).toList());
    return "portal/my-requests";
  }
}
