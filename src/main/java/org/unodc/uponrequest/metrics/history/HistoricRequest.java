package org.unodc.uponrequest.metrics.history;

import java.util.List;
import org.unodc.uponrequest.referencedata.MemberState;

/**
 * One generated request: what its state filed, what the process's decisions made of it, what
 * people decided on its way ({@link Choices}) and its course until now.
 *
 * @param id its stand-in for a process instance id, {@code generated-<number>}
 * @param areas the thematic areas ticked; {@code countedArea} the one that counts (RequestFacts)
 * @param assessedBand the band of the priority assessment; {@code reviewedBand} after strategic planning's review
 * @param offices the offices the request is offered to, in order: the rules' office, then the next one after each decline
 * @param coRequesting the co-requesting states of a regional request, in the order of {@link Choices#participation}
 */
record HistoricRequest(String id, String reference, long filedAt, MemberState lead, String title, List<String> areas,
    String countedArea, String assessedBand, String reviewedBand, List<String> offices, List<String> coRequesting,
    double budgetUsd, String fundingSource, double fundedUsd, String obstacles, Choices choices, Course course) {}
