package org.unodc.uponrequest.documents;

/** A document with its content, as read for a download. */
public record StoredDocument(Document document, byte[] content) {}
