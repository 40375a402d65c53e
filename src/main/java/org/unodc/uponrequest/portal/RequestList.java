package org.unodc.uponrequest.portal;

import java.util.List;

/** One page of a state's requests; {@code page} counts from 0, {@code total} counts them all. */
record RequestList(List<RequestSummary> requests, int page, int size, long total) {}
