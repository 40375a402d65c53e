package org.unodc.uponrequest.process;

import java.util.Set;

/**
 * Names of the process variables of {@code technical-assistance-request}. Code, forms and tests
 * use these names; the first block is the public contract that portal, reports and outside
 * integrations rely on, so renaming one is a breaking change.
 */
public final class ProcessVariables {

  // --- public contract -----------------------------------------------------------------
  public static final String MEMBER_STATE = "memberState";
  public static final String THEMATIC_AREAS = "thematicAreas";
  /** The area the state declares primary among those ticked; it alone counts for the priority. */
  public static final String PRIMARY_THEMATIC_AREA = "primaryThematicArea";
  public static final String ASSISTANCE_TYPES = "assistanceTypes";
  public static final String TITLE = "title";
  public static final String DESCRIPTION = "description";
  public static final String ESTIMATED_BUDGET_USD = "estimatedBudgetUsd";
  public static final String URGENCY = "urgency";
  /** The urgency as HQ intake confirmed it at screening; the priority assessment counts this one. */
  public static final String CONFIRMED_URGENCY = "confirmedUrgency";
  public static final String URGENCY_CHANGE_REASON = "urgencyChangeReason";
  public static final String REFERENCE_NUMBER = "referenceNumber";
  public static final String PRIORITY_SCORE = "priorityScore";
  public static final String PRIORITY_BAND = "priorityBand";
  public static final String PRIORITY_RATIONALE = "priorityRationale";
  /** The priority's factors as CODE:points, comma separated, so pages can give the reasons in any language. */
  public static final String PRIORITY_FACTORS = "priorityFactors";
  public static final String ASSIGNED_OFFICE = "assignedOffice";

  // --- regional and multi-state requests (GA 64/179 paras 5, 9, 12) ------------------------------
  /** The other member states named by the lead state (ISO3 list); the lead state is {@link #MEMBER_STATE}. */
  public static final String CO_REQUESTING_STATES = "coRequestingStates";
  public static final String CO_REQUESTING_STATE_NAMES = "coRequestingStateNames";
  /** The co-requesting state one participation is about (the loop variable of the call activity). */
  public static final String CO_REQUESTING_STATE = "coRequestingState";
  /** Regional or intergovernmental organisations the request is made with (seeds/partner-organisations.csv). */
  public static final String PARTNER_ORGANISATIONS = "partnerOrganisations";
  /** UN entities and others UNODC coordinates the assistance with, recorded at assessment (para 4). */
  public static final String COORDINATION_PARTNERS = "coordinationPartners";
  /** In a co-requesting state's participation: the lead state's name and the state's answer. */
  public static final String LEAD_STATE_NAME = "leadStateName";
  public static final String PARTICIPATION_DECISION = "participationDecision";
  public static final String PARTICIPATION_NOTES = "participationNotes";

  /** The answer of one co-requesting state on the request: YES, NO or NO_ANSWER. */
  public static String participationOf(String memberStateIso3) {
    return "participation_" + memberStateIso3;
  }

  // --- intake ------------------------------------------------------------------------------
  public static final String REQUESTER_NAME = "requesterName";
  public static final String REQUESTER_EMAIL = "requesterEmail";
  public static final String SUBMITTED_BY = "submittedBy";
  public static final String SUBMITTED_AT = "submittedAt";
  public static final String SUBMITTED_ON = "submittedOn";
  public static final String STAGE = "stage";
  public static final String OUTCOME = "outcome";
  public static final String SCREENING_OUTCOME = "screeningOutcome";
  public static final String SCREENING_NOTES = "screeningNotes";
  public static final String CLARIFICATION_QUESTION = "clarificationQuestion";
  public static final String CLARIFICATION_ANSWER = "clarificationAnswer";
  public static final String CLARIFICATION_REMINDERS_SENT = "clarificationRemindersSent";
  public static final String DECLINE_REASON = "declineReason";
  public static final String ESCALATION_ACTION = "escalationAction";
  public static final String WITHDRAWAL_REASON = "withdrawalReason";
  /** The focal point ticked that the state withdraws (forms/withdraw-request.form). */
  public static final String WITHDRAWAL_CONFIRMED = "withdrawalConfirmed";

  // --- enrichment from reference data (set at registration) ---------------------------------
  public static final String MEMBER_STATE_NAME = "memberStateName";
  public static final String REGION = "region";
  public static final String SUBREGION = "subregion";
  public static final String INTERMEDIATE_REGION = "intermediateRegion";
  public static final String LEAST_DEVELOPED = "leastDeveloped";
  public static final String LANDLOCKED_DEVELOPING = "landlockedDeveloping";
  public static final String SMALL_ISLAND_DEVELOPING = "smallIslandDeveloping";
  public static final String ECONOMY_IN_TRANSITION = "economyInTransition";
  public static final String EMERGING_FROM_CONFLICT = "emergingFromConflict";
  /** DEVELOPED, TRANSITION or DEVELOPING (UN WESP classification; GA 64/179 para 24). */
  public static final String PARA24_STATUS = "para24Status";
  /** NONE, ELEVATED or HIGH: the curated exposure of the state's region to the area that counts (para 14). */
  public static final String REGIONAL_VULNERABILITY = "regionalVulnerability";
  public static final String STRATEGY_WEIGHT = "strategyWeight";
  public static final String RATIFICATION_GAP = "ratificationGap";
  public static final String RATIFICATION_GAP_INSTRUMENTS = "ratificationGapInstruments";
  public static final String PIRACY_REQUEST = "piracyRequest";
  public static final String THEMATIC_AREA_LABELS = "thematicAreaLabels";
  /** The one area that counts for the priority (the primary, the only, or else the least-weighted one): the request's area in reports. */
  public static final String COUNTED_THEMATIC_AREA = "countedThematicArea";
  public static final String ASSISTANCE_TYPE_LABELS = "assistanceTypeLabels";
  public static final String FOCAL_POINT_GROUP = "focalPointGroup";
  public static final String REQUIRED_CONSULTATIONS = "requiredConsultations";

  // --- assessment ----------------------------------------------------------------------------
  public static final String OVERRIDE_PRIORITY = "overridePriority";
  public static final String OVERRIDDEN_PRIORITY_BAND = "overriddenPriorityBand";
  public static final String OVERRIDE_JUSTIFICATION = "overrideJustification";
  public static final String ASSESSED_PRIORITY_BAND = "assessedPriorityBand";
  public static final String PRIORITY_OVERRIDDEN = "priorityOverridden";

  // --- consultation (one pair per specialist section) ---------------------------------------
  public static final String TERRORISM_CONSULTATION = "terrorismConsultation";
  public static final String TERRORISM_CONSULTATION_NOTES = "terrorismConsultationNotes";
  public static final String CTED_CONSULTED = "ctedConsulted";
  public static final String MONEY_LAUNDERING_CONSULTATION = "moneyLaunderingConsultation";
  public static final String MONEY_LAUNDERING_CONSULTATION_NOTES = "moneyLaunderingConsultationNotes";
  public static final String PIRACY_CONSULTATION = "piracyConsultation";
  public static final String PIRACY_CONSULTATION_NOTES = "piracyConsultationNotes";
  public static final String TRAFFICKING_CONSULTATION = "traffickingConsultation";
  public static final String TRAFFICKING_CONSULTATION_NOTES = "traffickingConsultationNotes";
  public static final String FIREARMS_CONSULTATION = "firearmsConsultation";
  public static final String FIREARMS_CONSULTATION_NOTES = "firearmsConsultationNotes";

  // --- decision on advice against (strategic planning) and revision (member state) ----------
  public static final String ADVICE_DECISION = "adviceDecision";
  public static final String PROCEED_JUSTIFICATION = "proceedJustification";
  public static final String REVISION_REQUEST = "revisionRequest";
  public static final String REVISION_NOTES = "revisionNotes";

  // --- funding -------------------------------------------------------------------------------
  public static final String FUNDING_DECISION = "fundingDecision";
  public static final String FUNDING_SOURCE = "fundingSource";
  public static final String DONOR = "donor";
  public static final String FUNDED_AMOUNT_USD = "fundedAmountUsd";
  public static final String FUNDING_SOURCE_LABEL = "fundingSourceLabel";
  public static final String FUNDING_NOTES = "fundingNotes";
  public static final String FUNDING_REVIEWS = "fundingReviews";
  /** How many times the funding pipeline has looked at the request again (set when "Funding re-check due" fires). */
  public static final String FUNDING_RECHECKS = "fundingRechecks";
  /** True at the last look the pipeline allows: "Not yet" then closes the request as unfunded (forms/confirm-funding.form says so). */
  public static final String FUNDING_LAST_LOOK = "fundingLastLook";

  // --- assignment ----------------------------------------------------------------------------
  public static final String ASSIGNED_OFFICE_NAME = "assignedOfficeName";
  public static final String OFFICE_DECISION = "officeDecision";
  public static final String OFFICE_DECLINE_REASON = "officeDeclineReason";
  public static final String DECLINED_OFFICES = "declinedOffices";

  // --- delivery ------------------------------------------------------------------------------
  public static final String DELIVERY_ACTIVITIES = "deliveryActivities";
  public static final String ACTIVITY_INDEX = "activityIndex";
  public static final String ACTIVITY_TYPE = "activityType";
  public static final String ACTIVITY_TYPE_LABEL = "activityTypeLabel";
  public static final String ACTIVITY_TITLE = "activityTitle";
  public static final String ACTIVITY_START_DATE = "activityStartDate";
  public static final String ACTIVITY_END_DATE = "activityEndDate";
  public static final String PLANNED_PARTICIPANTS = "plannedParticipants";
  public static final String ACTUAL_PARTICIPANTS = "actualParticipants";
  public static final String ACTIVITY_OUTCOME = "activityOutcome";
  public static final String ACTIVITY_RECORDS = "activityRecords";
  public static final String PROGRESS_SUMMARY = "progressSummary";
  public static final String PROGRESS_ISSUES = "progressIssues";
  public static final String PROGRESS_REPORTS = "progressReports";

  // --- reporting -----------------------------------------------------------------------------
  public static final String RESULTS_ACHIEVED = "resultsAchieved";
  public static final String OBSTACLES_ENCOUNTERED = "obstaclesEncountered";
  public static final String LESSONS_LEARNED = "lessonsLearned";
  public static final String SATISFACTION_RATING = "satisfactionRating";
  public static final String FEEDBACK_COMMENTS = "feedbackComments";
  public static final String CLOSURE_NOTES = "closureNotes";

  /**
   * What a member state may see of its own request: the request as filed, its reference and
   * stage, the urgency UNODC confirmed (and why it differs), the priority band with its
   * rationale, the office, the questions UNODC put to the state (clarification, revision)
   * and the decline reason sent to it, how the request ended, the results reported back for
   * feedback, and the state's own answers. Every other variable (screening notes, specialists'
   * advice, override justifications, funding, declined offices, scores and the facts behind
   * them, delivery records) is internal to UNODC and no door shows it to a focal point
   * (security/StateVisibleVariables enforces this).
   */
  public static final Set<String> STATE_VISIBLE = Set.of(
      MEMBER_STATE, MEMBER_STATE_NAME, TITLE, DESCRIPTION, THEMATIC_AREAS, PRIMARY_THEMATIC_AREA, THEMATIC_AREA_LABELS,
      ASSISTANCE_TYPES, ASSISTANCE_TYPE_LABELS, ESTIMATED_BUDGET_USD, URGENCY, CONFIRMED_URGENCY, URGENCY_CHANGE_REASON,
      REQUESTER_NAME, REQUESTER_EMAIL,
      SUBMITTED_BY, SUBMITTED_AT, SUBMITTED_ON, REFERENCE_NUMBER, STAGE, PRIORITY_BAND, PRIORITY_RATIONALE, PRIORITY_FACTORS,
      ASSIGNED_OFFICE, ASSIGNED_OFFICE_NAME, CLARIFICATION_QUESTION, CLARIFICATION_ANSWER, DECLINE_REASON,
      OUTCOME, WITHDRAWAL_REASON, WITHDRAWAL_CONFIRMED, RESULTS_ACHIEVED, SATISFACTION_RATING, FEEDBACK_COMMENTS, REVISION_REQUEST,
      REVISION_NOTES, CO_REQUESTING_STATES, CO_REQUESTING_STATE_NAMES, LEAD_STATE_NAME, PARTICIPATION_DECISION,
      PARTICIPATION_NOTES, PARTNER_ORGANISATIONS);

  /**
   * What a co-requesting state that takes part sees of the lead state's request: the request as
   * filed and where it stands. Not the lead state's own exchanges with UNODC (its contact person,
   * clarifications, revisions, feedback), which stay the lead state's part.
   */
  public static final Set<String> SHARED_WITH_PARTICIPANTS = Set.of(
      MEMBER_STATE, MEMBER_STATE_NAME, TITLE, DESCRIPTION, THEMATIC_AREAS, PRIMARY_THEMATIC_AREA, THEMATIC_AREA_LABELS,
      ASSISTANCE_TYPES, ASSISTANCE_TYPE_LABELS, ESTIMATED_BUDGET_USD, URGENCY, CONFIRMED_URGENCY, URGENCY_CHANGE_REASON,
      SUBMITTED_AT, SUBMITTED_ON, REFERENCE_NUMBER, STAGE, PRIORITY_BAND, PRIORITY_RATIONALE, PRIORITY_FACTORS,
      ASSIGNED_OFFICE, ASSIGNED_OFFICE_NAME, DECLINE_REASON, OUTCOME, WITHDRAWAL_REASON, RESULTS_ACHIEVED,
      CO_REQUESTING_STATES, CO_REQUESTING_STATE_NAMES, PARTNER_ORGANISATIONS);

  /**
   * Copies of the reference data that registration writes beside the request (names, region, para
   * 24 status, ratification gap, consultations): derived from the seeds and the request's own
   * fields, and used by decisions whose history keeps the inputs they read. Their value-by-value
   * log is not kept ({@code FullHistoryLessReferenceDataDetails}); their values are.
   */
  public static final Set<String> REFERENCE_DATA_COPIES = Set.of(
      MEMBER_STATE_NAME, REGION, SUBREGION, INTERMEDIATE_REGION, COUNTED_THEMATIC_AREA, PARA24_STATUS, LEAST_DEVELOPED, LANDLOCKED_DEVELOPING,
      SMALL_ISLAND_DEVELOPING, ECONOMY_IN_TRANSITION, EMERGING_FROM_CONFLICT, FOCAL_POINT_GROUP, CO_REQUESTING_STATE_NAMES,
      THEMATIC_AREA_LABELS, ASSISTANCE_TYPE_LABELS, STRATEGY_WEIGHT, REGIONAL_VULNERABILITY, PIRACY_REQUEST,
      RATIFICATION_GAP, RATIFICATION_GAP_INSTRUMENTS, REQUIRED_CONSULTATIONS, SUBMITTED_ON);

  private ProcessVariables() {}
}
