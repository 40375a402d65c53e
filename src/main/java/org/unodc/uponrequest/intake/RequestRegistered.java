package org.unodc.uponrequest.intake;

/**
 * A filed request's process instance has started, in the transaction that started it: what was
 * kept under the request's reference until then (its documents) now belongs to the instance.
 */
public record RequestRegistered(String reference, String processInstanceId) {}
