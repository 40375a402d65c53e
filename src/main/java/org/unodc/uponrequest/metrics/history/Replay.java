package org.unodc.uponrequest.metrics.history;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.unodc.uponrequest.metrics.history.Course.TimedStep;
import org.unodc.uponrequest.process.Outcome;
import org.unodc.uponrequest.process.Stage;

/**
 * What the metrics projection (metrics/RequestMetrics) would have written for a request that took
 * a course until {@code now}: its stage times and task counts, the waits still open with their due
 * dates, and every flow taken with its month. The same arithmetic as RequestMetrics, step by step,
 * so that generated rows cannot be told from projected ones; {@code PathTemplatesTest} compares the
 * two for every template.
 */
final class Replay {

  /** The stages a request spends time in (RequestMetrics.TIMED_STAGES), indexed by ordinal. */
  static final List<Stage> TIMED_STAGES = List.of(Stage.values()).subList(0, Stage.CLOSED.ordinal());

  /** A wait open now. */
  record OpenWait(Wait state, long startedAt, Long dueAt) {}

  /** A flow taken, with its month as yyyymm (UTC). */
  record Flow(String flow, int month) {}

  final List<TimedStep> applied = new ArrayList<>();
  final List<OpenWait> waits = new ArrayList<>();
  final List<Flow> flows = new ArrayList<>();
  final Long[] enteredAt = new Long[TIMED_STAGES.size()];
  final Long[] leftAt = new Long[TIMED_STAGES.size()];
  final long[] millis = new long[TIMED_STAGES.size()];
  final int[] tasks = new int[TIMED_STAGES.size()];
  final int[] late = new int[TIMED_STAGES.size()];
  Stage stage = Stage.INTAKE;
  long stageSince;
  long filedAt;
  Long closedAt;
  Long toAssignment;
  Long toClosure;
  Outcome outcome;
  long lastChange;

  private final DeadlineClock clock;

  private Replay(DeadlineClock clock) {
    this.clock = clock;
  }

  /** The request as it stands at {@code now}: every step of the course up to then applied. */
  static Replay of(Course course, long now, DeadlineClock clock) {
    Replay replay = new Replay(clock);
    for (TimedStep step : course.steps()) {
      if (step.at() > now) {
        break;
      }
      replay.apply(step);
    }
    return replay;
  }

  boolean open() {
    return outcome == null;
  }

  private void apply(TimedStep timed) {
    Step step = timed.step();
    long at = timed.at();
    applied.add(timed);
    lastChange = at;
    switch (step.trigger()) {
      case FILED -> {
        filedAt = at;
        stageSince = at;
        enteredAt[Stage.INTAKE.ordinal()] = at;
      }
      case COMPLETED -> {
        OpenWait task = remove(step.completedTask());
        // counted in the stage the request is in when the task is completed, late if after its due date
        tasks[stage.ordinal()]++;
        if (task.dueAt() != null && at > task.dueAt()) {
          late[stage.ordinal()]++;
        }
        step.ends().stream().skip(1).forEach(this::remove);
      }
      case TIMER, PARTICIPATION_SETTLED -> step.ends().forEach(this::remove);
      case WITHDRAWN -> waits.clear();
    }
    int month = month(at);
    step.flows().forEach(flow -> flows.add(new Flow(flow, month)));
    step.stages().forEach(reached -> reached(reached, at));
    for (Wait wait : step.begins()) {
      waits.add(new OpenWait(wait, at, wait.task() ? clock.due(wait, at) : null));
    }
    if (step.outcome() != null) {
      outcome = step.outcome();
      closedAt = at;
      waits.clear();
    }
  }

  private OpenWait remove(Wait wait) {
    for (Iterator<OpenWait> open = waits.iterator(); open.hasNext();) {
      OpenWait candidate = open.next();
      if (candidate.state().activity().equals(wait.activity())) {
        open.remove();
        return candidate;
      }
    }
    throw new IllegalStateException("A step ends " + wait.activity() + ", where the request does not wait: " + waits);
  }

  /** RequestMetrics.stageReached: time spent goes to the stage left; a stage records when it was first entered. */
  private void reached(Stage reached, long at) {
    if (reached == stage) {
      return;
    }
    long spent = Math.max(0, at - stageSince);
    long sinceFiling = Math.max(0, at - filedAt);
    if (stage != Stage.CLOSED) {
      millis[stage.ordinal()] += spent;
      leftAt[stage.ordinal()] = at;
    }
    if (reached != Stage.CLOSED && enteredAt[reached.ordinal()] == null) {
      enteredAt[reached.ordinal()] = at;
    }
    if (reached == Stage.DELIVERY && toAssignment == null) {
      toAssignment = sinceFiling;
    } else if (reached == Stage.CLOSED) {
      toClosure = sinceFiling;
    }
    stage = reached;
    stageSince = at;
  }

  static int month(long at) {
    ZonedDateTime day = Instant.ofEpochMilli(at).atZone(ZoneOffset.UTC);
    return day.getYear() * 100 + day.getMonthValue();
  }

  /**
   * The columns of {@code UR_METRIC_REQUEST} the course decides, by name: where the request stands,
   * how it ended, and per stage when it was entered and left, the time spent and the tasks completed
   * (late ones too).
   */
  Map<String, Object> columns() {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("STAGE_", stage.name());
    columns.put("STAGE_SINCE_", new Timestamp(stageSince));
    columns.put("OUTCOME_", outcome == null ? null : outcome.name());
    columns.put("FILED_AT_", new Timestamp(filedAt));
    columns.put("CLOSED_AT_", closedAt == null ? null : new Timestamp(closedAt));
    columns.put("TO_ASSIGNMENT_MS_", toAssignment);
    columns.put("TO_CLOSURE_MS_", toClosure);
    for (Stage timed : TIMED_STAGES) {
      int i = timed.ordinal();
      columns.put(timed + "_AT_", enteredAt[i] == null ? null : new Timestamp(enteredAt[i]));
      columns.put(timed + "_LEFT_", leftAt[i] == null ? null : new Timestamp(leftAt[i]));
      columns.put(timed + "_MS_", millis[i]);
      columns.put(timed + "_TASKS_", tasks[i]);
      columns.put(timed + "_LATE_", late[i]);
    }
    return columns;
  }

  /** Whether the request has taken this flow. */
  boolean took(String flow) {
    return flows.stream().anyMatch(f -> f.flow().equals(flow));
  }
}
