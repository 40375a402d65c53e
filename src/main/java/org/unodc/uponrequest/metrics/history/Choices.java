package org.unodc.uponrequest.metrics.history;

import java.util.List;

/**
 * The decisions that set a request's path through the process: what each person and each state
 * decided, in order. {@link Course} turns them, with the durations of a {@link Timing}, into the
 * steps the request takes. A request withdrawn by its state is a course cut short afterwards
 * ({@link Course#withdrawnAt}).
 *
 * @param participation the answers of the co-requesting states of a regional request, in their order:
 *     YES, NO or NO_ANSWER (their deadline passed); empty for a request of one state
 * @param clarifications each question intake asks before deciding: true if the state answered it; an
 *     unanswered question withdraws the request, so it can only be the last
 * @param declinedAtScreening intake declines the request as outside the mandate (after any questions)
 * @param sections the specialist sections consulted (seeds/specialist-sections.csv codes), from the request's areas
 * @param adviceRounds for each round of consultations, what became of the advice; one round unless a
 *     revised request is consulted again. Ignored without sections
 * @param overridden strategic planning changes the assessed band at the first review
 * @param pipelineRechecks how often the request waits in the funding pipeline and is looked at again, at most
 *     {@code uponrequest.deadlines.max-funding-rechecks} times
 * @param unfunded closed as unfunded at the last look, else funded; after the most re-checks the pipeline
 *     allows, planning says "Not yet" once more and the process closes it for want of a re-check
 * @param officeDeclines how many offices decline before one accepts (Headquarters, last, cannot)
 * @param activities activities the office plans and carries out, at least one
 * @param feedbackGiven the state gives feedback, else its deadline passes
 */
record Choices(List<String> participation, List<Boolean> clarifications, boolean declinedAtScreening,
    List<String> sections, List<Advice> adviceRounds, boolean overridden, int pipelineRechecks, boolean unfunded,
    int officeDeclines, int activities, boolean feedbackGiven) {

  /** What became of one round of consultations. */
  enum Advice {
    /** every section supports the request */
    IN_FAVOUR,
    /** a section advised against, strategic planning proceeds with a justification */
    PROCEED,
    /** a section advised against, strategic planning declines the request */
    DECLINE,
    /** a section advised against, the state revises the request, which is assessed and consulted again */
    REVISE,
    /** a section advised against, the state is asked to revise and does not by the deadline */
    NO_REVISION
  }

  Choices {
    participation = List.copyOf(participation);
    clarifications = List.copyOf(clarifications);
    sections = List.copyOf(sections);
    adviceRounds = adviceRounds.isEmpty() ? List.of(Advice.IN_FAVOUR) : List.copyOf(adviceRounds);
    if (activities < 1) {
      throw new IllegalArgumentException("A delivery plan has at least one activity");
    }
  }

  /** A request of one state that goes straight through: accepted, no consultation, funded, the first office accepts, feedback given. */
  static Choices straightThrough() {
    return new Choices(List.of(), List.of(), false, List.of(), List.of(), false, 0, false, 0, 1, true);
  }

  Choices withParticipation(List<String> answers) {
    return new Choices(answers, clarifications, declinedAtScreening, sections, adviceRounds, overridden, pipelineRechecks,
        unfunded, officeDeclines, activities, feedbackGiven);
  }

  Choices withClarifications(List<Boolean> answered) {
    return new Choices(participation, answered, declinedAtScreening, sections, adviceRounds, overridden, pipelineRechecks,
        unfunded, officeDeclines, activities, feedbackGiven);
  }

  Choices declinedWhenScreened() {
    return new Choices(participation, clarifications, true, sections, adviceRounds, overridden, pipelineRechecks, unfunded,
        officeDeclines, activities, feedbackGiven);
  }

  Choices withConsultations(List<String> sectionCodes, List<Advice> rounds) {
    return new Choices(participation, clarifications, declinedAtScreening, sectionCodes, rounds, overridden, pipelineRechecks,
        unfunded, officeDeclines, activities, feedbackGiven);
  }

  Choices withOverride() {
    return new Choices(participation, clarifications, declinedAtScreening, sections, adviceRounds, true, pipelineRechecks,
        unfunded, officeDeclines, activities, feedbackGiven);
  }

  Choices withFunding(int rechecks, boolean closedUnfunded) {
    return new Choices(participation, clarifications, declinedAtScreening, sections, adviceRounds, overridden, rechecks,
        closedUnfunded, officeDeclines, activities, feedbackGiven);
  }

  Choices withDelivery(int declines, int activityCount, boolean feedback) {
    return new Choices(participation, clarifications, declinedAtScreening, sections, adviceRounds, overridden, pipelineRechecks,
        unfunded, declines, activityCount, feedback);
  }
}
