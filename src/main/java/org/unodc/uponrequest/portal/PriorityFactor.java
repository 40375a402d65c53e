package org.unodc.uponrequest.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One factor of a request's priority as the decision recorded it ({@code CODE:points}), so a
 * page can name it in the reader's language ({@code priority.factor.<code>}); the decision's own
 * sentences stay the English record.
 */
public record PriorityFactor(String code, int points) {

  private static final Pattern FACTOR = Pattern.compile("([A-Z_]+):(-?\\d+)");

  /** The factors in the decision's order; none when the request has not been assessed. */
  static List<PriorityFactor> parse(Object recorded) {
    List<PriorityFactor> factors = new ArrayList<>();
    if (recorded == null) {
      return factors;
    }
    Matcher factor = FACTOR.matcher(recorded.toString());
    while (factor.find()) {
      factors.add(new PriorityFactor(factor.group(1), Integer.parseInt(factor.group(2))));
    }
    return factors;
  }

  static int total(List<PriorityFactor> factors) {
    return factors.stream().mapToInt(PriorityFactor::points).sum();
  }
}
