package org.unodc.uponrequest.metrics.history;

import static org.unodc.uponrequest.metrics.history.Paths.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.unodc.uponrequest.metrics.history.Choices.Advice;
import org.unodc.uponrequest.metrics.history.Paths.Consultation;
import org.unodc.uponrequest.process.Stage;

/**
 * A request's course through the process: the steps of {@link Paths} it takes, each at its moment,
 * in the order they happen. Built from the request's {@link Choices} and the durations of a
 * {@link Timing}; timers fire when the deadlines of {@code uponrequest.deadlines} say. The process's
 * own parallel branches (an overdue screening's follow-up, the consultations, the co-requesting
 * states' answers, quarterly progress reports during delivery) are interleaved by time.
 */
record Course(List<TimedStep> steps) {

  /**
   * A step and when it happens (epoch milliseconds); {@code subject} is the co-requesting state (its
   * index in {@link Choices#participation}) whose participation a step settles, else -1.
   */
  record TimedStep(Step step, long at, int subject) {
    TimedStep(Step step, long at) {
      this(step, at, -1);
    }
  }

  Course {
    steps = List.copyOf(steps);
  }

  long filedAt() {
    return steps.get(0).at();
  }

  /** The moment the request reaches delivery (an office accepted it), or ends, whichever it does. */
  long endOfWithdrawal() {
    return steps.stream().filter(s -> s.step().stages().contains(Stage.DELIVERY) || s.step().endsRequest())
        .mapToLong(TimedStep::at).findFirst().orElseThrow();
  }

  /**
   * The course of a request its state withdraws at {@code at}, before delivery starts: the steps
   * until then, and the withdrawal.
   */
  Course withdrawnAt(long at) {
    if (at <= filedAt() || at >= endOfWithdrawal()) {
      throw new IllegalArgumentException("A request can be withdrawn only after filing and before delivery starts or it ends");
    }
    List<TimedStep> kept = new ArrayList<>(steps.stream().filter(s -> s.at() < at).toList());
    kept.add(new TimedStep(Paths.WITHDRAWN, at));
    return new Course(kept);
  }

  /** The middle of the first time the request waits at the activity: a moment to withdraw it in a test. */
  long whileFirstWaitingAt(String activity) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).step().begins().stream().anyMatch(w -> w.activity().equals(activity))) {
        for (int j = i + 1; j < steps.size(); j++) {
          if (steps.get(j).step().ends().stream().anyMatch(w -> w.activity().equals(activity))) {
            return (steps.get(i).at() + steps.get(j).at()) / 2;
          }
        }
      }
    }
    throw new IllegalArgumentException("The request never waits at " + activity);
  }

  /** Builds courses: the process's order of steps, with durations and deadlines. */
  static final class Builder {

    /** Between a follow-up and the screening it asked for. */
    private static final long MOMENT = 30 * 60_000L;

    private final Timing timing;
    private final DeadlineClock clock;
    private final List<TimedStep> steps = new ArrayList<>();
    private long now;

    Builder(Timing timing, DeadlineClock clock) {
      this.timing = timing;
      this.clock = clock;
    }

    /**
     * The whole course of a request filed at {@code filedAt} with these choices; {@code band} is the
     * priority band the funding pipeline's re-checks are timed by.
     */
    Course build(Choices choices, long filedAt, String band) {
      steps.clear();
      now = filedAt;
      add(FILED);
      if (!intake(choices) || !assessmentAndConsultations(choices)) {
        return sorted();
      }
      if (!funding(choices, band)) {
        return sorted();
      }
      for (int i = 0; i < choices.officeDeclines(); i++) {
        after(OFFICE_ACCEPTANCE, OFFICE_DECLINED);
      }
      after(OFFICE_ACCEPTANCE, OFFICE_ACCEPTED);
      deliveryAndReporting(choices);
      return sorted();
    }

    /** Screening, with any questions asked; false if the request ended there. */
    private boolean intake(Choices choices) {
      for (boolean answered : choices.clarifications()) {
        screen(CLARIFICATION_ASKED);
        long asked = now;
        long reminder = clock.after("clarification-reminder", asked);
        if (!answered) {
          at(reminder, REMINDED);
          now = clock.after("clarification-answer", asked);
          add(NO_CLARIFICATION);
          return false;
        }
        long answeredAt = asked + timing.within(CLARIFICATION, clock.after("clarification-answer", asked) - asked);
        if (answeredAt > reminder) {
          at(reminder, REMINDED);
        }
        now = answeredAt;
        add(CLARIFIED);
      }
      if (choices.declinedAtScreening()) {
        screen(DECLINED_AT_SCREENING);
        return false;
      }
      if (choices.participation().isEmpty()) {
        screen(ACCEPTED);
        return true;
      }
      screen(Paths.acceptedRegional(choices.participation().size()));
      long asked = now;
      long deadline = clock.after("participation-confirmation", asked);
      List<long[]> settled = new ArrayList<>();
      for (int i = 0; i < choices.participation().size(); i++) {
        String answer = choices.participation().get(i);
        settled.add(new long[] {"NO_ANSWER".equals(answer) ? deadline : asked + timing.within(PARTICIPATION, deadline - asked), i});
      }
      settled.sort(Comparator.comparingLong(s -> s[0]));
      for (int i = 0; i < settled.size(); i++) {
        now = settled.get(i)[0];
        int state = (int) settled.get(i)[1];
        steps.add(new TimedStep(Paths.participationSettled(choices.participation().get(state), i == settled.size() - 1), now,
            state));
      }
      return true;
    }

    /**
     * Intake screens the request and decides: a screening left past its due date escalates to a
     * manager, whose follow-up comes before the screening it asks for.
     */
    private void screen(Step decided) {
      long began = now;
      long done = began + timing.duration(SCREENING);
      long overdue = clock.due(SCREENING, began);
      if (done > overdue) {
        at(overdue, SCREENING_OVERDUE_FIRED);
        long followedUp = overdue + timing.duration(FOLLOW_UP);
        at(followedUp, FOLLOWED_UP);
        done = Math.max(done, followedUp + MOMENT);
      }
      now = done;
      add(decided);
    }

    /** Review and consultation rounds; false if the request ended there. */
    private boolean assessmentAndConsultations(Choices choices) {
      List<Consultation> consultations = Paths.CONSULTATIONS.stream()
          .filter(c -> choices.sections().contains(c.section())).toList();
      boolean first = true;
      for (Advice round : consultations.isEmpty() ? List.of(Advice.IN_FAVOUR) : choices.adviceRounds()) {
        after(REVIEW, Paths.reviewed(first && choices.overridden() ? "OVERRIDE" : "KEEP", consultations));
        first = false;
        if (consultations.isEmpty()) {
          return true;
        }
        long began = now;
        List<long[]> answers = new ArrayList<>();
        for (int i = 0; i < consultations.size(); i++) {
          answers.add(new long[] {began + timing.duration(consultations.get(i).task()), i});
        }
        answers.sort(Comparator.comparingLong(a -> a[0]));
        boolean against = round != Advice.IN_FAVOUR;
        for (int i = 0; i < answers.size(); i++) {
          int which = (int) answers.get(i)[1];
          // the first section in the gateway's order is the one that advises against
          now = answers.get(i)[0];
          add(Paths.consulted(consultations.get(which), against && which == 0 ? "NOT_SUPPORTED" : "SUPPORT",
              i == answers.size() - 1, against));
        }
        switch (round) {
          case IN_FAVOUR -> {
            return true;
          }
          case PROCEED -> {
            after(ADVICE_AGAINST_DECISION, PROCEEDED_DESPITE_ADVICE);
            return true;
          }
          case DECLINE -> {
            after(ADVICE_AGAINST_DECISION, DECLINED_AFTER_ADVICE);
            return false;
          }
          case NO_REVISION -> {
            after(ADVICE_AGAINST_DECISION, REVISION_ASKED);
            now = clock.after("clarification-answer", now);
            add(NO_REVISION);
            return false;
          }
          case REVISE -> {
            after(ADVICE_AGAINST_DECISION, REVISION_ASKED);
            now += timing.within(REVISION, clock.after("clarification-answer", now) - now);
            add(REVISED);
          }
        }
      }
      throw new IllegalArgumentException("The last round of consultations must not ask for another revision: "
          + choices.adviceRounds());
    }

    /**
     * Funding decisions and re-checks; false if the request was closed unfunded. A request still
     * unfunded after the last re-check the pipeline allows is left there once more by planning, and
     * closed as unfunded for it.
     */
    private boolean funding(Choices choices, String band) {
      if (choices.pipelineRechecks() > clock.maxFundingRechecks()) {
        throw new IllegalArgumentException("The funding pipeline looks at a request again at most "
            + clock.maxFundingRechecks() + " times, not " + choices.pipelineRechecks());
      }
      for (int i = 0; i < choices.pipelineRechecks(); i++) {
        after(FUNDING, KEPT_IN_PIPELINE);
        now = clock.recheck(band, now);
        add(RECHECK_DUE);
      }
      if (choices.unfunded()) {
        after(FUNDING, choices.pipelineRechecks() == clock.maxFundingRechecks() ? NO_RECHECK_LEFT : CLOSED_UNFUNDED);
        return false;
      }
      after(FUNDING, FUNDED);
      return true;
    }

    private void deliveryAndReporting(Choices choices) {
      long deliveryBegan = now;
      after(PLANNING, PLANNED);
      for (int i = 1; i < choices.activities(); i++) {
        after(ACTIVITY, ACTIVITY_RECORDED);
      }
      now += timing.duration(ACTIVITY);
      long delivered = now;
      // quarterly progress reports fall due while delivery runs, as many as the cycle allows; the office
      // hands each in, unless delivery ends first: its end ends the report, which the final report covers
      int reportsOpen = 0;
      int reports = 0;
      for (long due = clock.progressReportDue(deliveryBegan); due < delivered && reports < clock.progressReports();
          due = clock.progressReportDue(due)) {
        reports++;
        at(due, PROGRESS_REPORT_DUE_FIRED);
        long reported = due + timing.duration(PROGRESS_REPORT);
        if (reported <= delivered) {
          at(reported, PROGRESS_REPORTED);
        } else {
          reportsOpen++;
        }
      }
      add(Paths.delivered(reportsOpen));
      after(FINAL_REPORT, FINAL_REPORT_WRITTEN);
      if (choices.feedbackGiven()) {
        now += timing.within(FEEDBACK, clock.after("feedback", now) - now);
        add(FEEDBACK_GIVEN);
      } else {
        now = clock.after("feedback", now);
        add(NO_FEEDBACK);
      }
      after(CLOSURE, CLOSED);
    }

    /** A person takes their time on the task, then the step. */
    private void after(Wait task, Step step) {
      now += timing.duration(task);
      add(step);
    }

    private void add(Step step) {
      steps.add(new TimedStep(step, now));
    }

    private void at(long at, Step step) {
      steps.add(new TimedStep(step, at));
    }

    private Course sorted() {
      List<TimedStep> ordered = new ArrayList<>(steps);
      ordered.sort(Comparator.comparingLong(TimedStep::at)); // stable: steps of one moment keep their order
      return new Course(ordered);
    }
  }
}
