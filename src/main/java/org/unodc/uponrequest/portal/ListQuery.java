package org.unodc.uponrequest.portal;

import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.unodc.uponrequest.tracking.RequestIndex;

/**
 * How a list of requests is asked for: text to find, order, direction, page. The API refuses a
 * bad parameter naming it ({@link #strict}); a page falls back to the default instead ({@link #lenient}),
 * since a person following an old link should see their requests, not an error.
 */
record ListQuery(String text, RequestIndex.Order order, boolean descending, int page) {

  static final int MAX_TEXT = 200;
  static final int MAX_PAGE = 1_000_000;
  private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

  static ListQuery strict(String text, String sort, String direction, String page) {
    if (text != null && (text.length() > MAX_TEXT || CONTROL.matcher(text).find())) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, "q",
          "'q' must be at most " + MAX_TEXT + " characters of text, without control characters.");
    }
    RequestIndex.Order order = order(sort);
    if (order == null) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, "sort",
          "'sort' must be one of filed, changed, reference, title, stage, band, office.");
    }
    Boolean descending = descending(direction, order);
    if (descending == null) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, "direction", "'direction' must be asc or desc.");
    }
    Integer number = number(page, 0, MAX_PAGE);
    if (number == null) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, "page", "'page' must be a whole number from 0 to " + MAX_PAGE + ".");
    }
    return new ListQuery(text == null || text.isBlank() ? null : text.trim(), order, descending, number);
  }

  static ListQuery lenient(String text, String sort, String direction, String page) {
    String clean = text == null || text.length() > MAX_TEXT ? null : CONTROL.matcher(text).replaceAll(" ").trim();
    RequestIndex.Order order = order(sort) == null ? RequestIndex.Order.FILED : order(sort);
    Boolean descending = descending(direction, order);
    Integer number = number(page, 0, MAX_PAGE);
    return new ListQuery(clean == null || clean.isEmpty() ? null : clean, order,
        descending == null ? defaultDescending(order) : descending, number == null ? 0 : number);
  }

  /** The parameter value of the order, as links write it. */
  public String sort() {
    return order.name().toLowerCase(Locale.ROOT);
  }

  public String direction() {
    return descending ? "desc" : "asc";
  }

  static Integer number(String value, int min, int max) {
    try {
      int number = Integer.parseInt(value.trim());
      return number >= min && number <= max ? number : null;
    } catch (NumberFormatException | NullPointerException notANumber) {
      return null;
    }
  }

  private static RequestIndex.Order order(String sort) {
    for (RequestIndex.Order order : RequestIndex.Order.values()) {
      if (order.name().equalsIgnoreCase(sort)) {
        return order;
      }
    }
    return null;
  }

  /** Dates newest first, words in alphabetical order, unless asked otherwise. */
  static boolean defaultDescending(RequestIndex.Order order) {
    return order == RequestIndex.Order.FILED || order == RequestIndex.Order.CHANGED;
  }

  private static Boolean descending(String direction, RequestIndex.Order order) {
    if (direction == null || direction.isEmpty()) {
      return defaultDescending(order);
    }
    return switch (direction.toLowerCase(Locale.ROOT)) {
      case "desc" -> true;
      case "asc" -> false;
      default -> null;
    };
  }
}
