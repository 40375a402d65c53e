package org.unodc.uponrequest.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.springframework.stereotype.Service;
import org.unodc.uponrequest.process.Stage;

/**
 * The requests behind a figure: what a click on a bar, a tile or a step of the heatmap lists. The
 * selection names the figure's part ({@code received}, {@code reached:DELIVERY},
 * {@code waiting:Activity_ScreenRequest}, {@code flow:Flow_X}, ...), the filter narrows it as it
 * narrows the figure, so the list has as many requests as the figure counts.
 */
@Service
class RequestsBehind {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final List<String> COLUMNS = List.of("reference", "leadState", "region", "theme", "band", "office", "stage",
      "outcome", "filedAt", "closedAt", "link");

  /** One page of the requests behind a figure and how many there are in all. */
  record Listing(MetricsTable table, long total) {}

  /** Newest first, as the request lists show them; then by reference. */
  private static final Comparator<MeasuredRequest> NEWEST_FIRST = Comparator
      .comparingLong(MeasuredRequest::filedAt).reversed()
      .thenComparing(MeasuredRequest::reference, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** Whether the request at a slot of the snapshot is behind the selected part of a figure. */
  @FunctionalInterface
  private interface Selected {
    boolean test(MeasuredRequests.Snapshot snapshot, int slot);
  }

  private final ManagerMetrics metrics;
  private final Heatmap heatmap;
  private final MeasuredRequests requests;

  RequestsBehind(ManagerMetrics metrics, Heatmap heatmap, MeasuredRequests requests) {
    this.metrics = metrics;
    this.heatmap = heatmap;
    this.requests = requests;
  }

  Listing list(MetricsFilter filter, String selection, String limitText) {
    int limit = limit(limitText);
    String asked = selection == null || selection.isBlank() ? "received" : selection.trim();
    long[] total = new long[1];
    List<MeasuredRequest> first = requests.compute(snapshot -> {
      // made here, once the requests are read: a flow's number exists once a request took it
      Selected selected = condition(asked, filter);
      // the first few by NEWEST_FIRST, kept in a heap whose head is the last of them
      PriorityQueue<MeasuredRequest> kept = new PriorityQueue<>(limit + 1, NEWEST_FIRST.reversed());
      long[] filedAt = snapshot.columns().filedAt;
      for (int slot : snapshot.covered(filter)) {
        if (selected.test(snapshot, slot)) {
          total[0]++;
          if (kept.size() < limit || filedAt[slot] >= kept.peek().filedAt()) {
            kept.add(snapshot.rows()[slot]);
            if (kept.size() > limit) {
              kept.poll();
            }
          }
        }
      }
      return new ArrayList<>(kept);
    });
    List<Map<String, Object>> rows = first.stream().sorted(NEWEST_FIRST)
        .map(r -> ManagerMetrics.row("reference", r.reference(), "leadState", r.leadState(), "region", r.region(),
            "theme", r.theme(), "band", r.band(), "office", r.office(), "stage", r.stage().name(), "outcome", r.outcome(),
            "filedAt", instant(r.filedAt()), "closedAt", instant(r.closedAt()),
            "link", r.reference() == null ? null : "/portal/requests/" + r.reference()))
        .toList();
    return new Listing(new MetricsTable("requests", "Requests behind the figure", COLUMNS, rows), total[0]);
  }

  /** Which requests a selection takes, within the filter's period. */
  private Selected condition(String selection, MetricsFilter filter) {
    int colon = selection.indexOf(':');
    String kind = colon < 0 ? selection : selection.substring(0, colon);
    String value = colon < 0 ? null : selection.substring(colon + 1);
    long start = filter.start();
    long end = filter.end();
    long now = metrics.now().getTime();
    switch (kind) {
      case "received":
        return (s, slot) -> s.columns().filedIn(slot, start, end);
      case "completed":
        return (s, slot) -> s.columns().completedIn(slot, start, end);
      case "open":
        return (s, slot) -> s.columns().isOpen(slot);
      case "overdue":
        return (s, slot) -> s.columns().mayBeOverdue(slot, now) && s.rows()[slot].overdueTasks(now) > 0;
      case "reached":
        if ("COMPLETED".equals(value)) {
          return (s, slot) -> s.columns().filedIn(slot, start, end) && "COMPLETED".equals(s.rows()[slot].outcome());
        }
        Stage reached = stage(value, selection);
        return (s, slot) -> s.columns().filedIn(slot, start, end) && s.columns().hasReached(slot, reached);
      case "in":
        Stage in = stage(value, selection);
        return (s, slot) -> s.columns().isOpen(slot) && s.columns().stage[slot] == in.ordinal();
      case "left":
        Stage left = stage(value, selection);
        // as the stage times count them: left in the period, having spent time there
        return (s, slot) -> s.columns().leftIn(slot, left, start, end) && s.columns().spentIn(slot, left) > 0;
      case "received-in":
      case "completed-in":
        YearMonth month = month(value, selection);
        long monthStart = Timestamp.valueOf(month.atDay(1).atStartOfDay()).getTime();
        long monthEnd = Timestamp.valueOf(month.plusMonths(1).atDay(1).atStartOfDay()).getTime();
        return kind.equals("received-in") ? (s, slot) -> s.columns().filedIn(slot, monthStart, monthEnd)
            : (s, slot) -> s.columns().completedIn(slot, monthStart, monthEnd);
      case "age":
        int bucket = bucket(value, selection);
        long[] bounds = ManagerMetrics.ageBounds(Instant.ofEpochMilli(now));
        return (s, slot) -> s.columns().isOpen(slot) && ManagerMetrics.ageBucketOf(s.columns().filedAt[slot], bounds) == bucket;
      case "waiting":
        String element = known(value, selection);
        String body = element + "#multiInstanceBody";
        return (s, slot) -> s.columns().isOpen(slot) && s.rows()[slot].waits().stream()
            .anyMatch(wait -> wait.activity().equals(element) || wait.activity().equals(body));
      case "flow":
        String flowId = known(value, selection);
        int fromMonth = MeasuredRequest.monthNumber(filter.from());
        int toMonth = MeasuredRequest.monthNumber(filter.to());
        int flow = requests.flowNumber(flowId);
        return (s, slot) -> {
          for (int taken : s.rows()[slot].flows()) {
            int takenIn = MeasuredRequest.monthOf(taken);
            if (MeasuredRequest.flowNumber(taken) == flow && takenIn >= fromMonth && takenIn <= toMonth) {
              return true;
            }
          }
          return false;
        };
      default:
        throw new BadMetricsQuery("select", "'" + shortened(selection) + "' is not a selection; use received, completed, "
            + "open, overdue, reached:<stage>, in:<stage>, left:<stage>, received-in:<month>, completed-in:<month>, "
            + "age:<0-" + (ManagerMetrics.AGE_BOUNDS.length - 1) + ">, waiting:<step id> or flow:<flow id>");
    }
  }

  private static Stage stage(String value, String selection) {
    return Arrays.stream(Stage.values()).filter(stage -> stage != Stage.CLOSED && stage.name().equals(value)).findFirst()
        .orElseThrow(() -> new BadMetricsQuery("select", "'" + shortened(selection) + "' does not name a stage"));
  }

  private static YearMonth month(String value, String selection) {
    try {
      return YearMonth.parse(value == null ? "" : value);
    } catch (DateTimeParseException e) {
      throw new BadMetricsQuery("select", "'" + shortened(selection) + "' does not name a month such as 2026-01");
    }
  }

  private static int bucket(String value, String selection) {
    try {
      int bucket = Integer.parseInt(value == null ? "" : value);
      if (bucket >= 0 && bucket < ManagerMetrics.AGE_BOUNDS.length) {
        return bucket;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new BadMetricsQuery("select", "'" + shortened(selection) + "' does not name an age group");
  }

  private String known(String value, String selection) {
    if (value == null || !heatmap.knows(value)) {
      throw new BadMetricsQuery("select", "'" + shortened(selection) + "' does not name a step or flow of the process");
    }
    return value;
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new BadMetricsQuery("limit", "'" + shortened(text) + "' is not a number from 1 to " + MAX_LIMIT);
  }

  private static String shortened(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }

  private static String instant(long epochMs) {
    return epochMs == MeasuredRequest.NONE ? null : Instant.ofEpochMilli(epochMs).toString();
  }
}
