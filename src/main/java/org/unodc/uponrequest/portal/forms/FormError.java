package org.unodc.uponrequest.portal.forms;

/**
 * One line of the error summary.
 *
 * @param target the id of the element the summary links to (the field's input, or its first
 *     option), or null for an error the form has no field for
 * @param label the field's label, or for an error the form has no field for, the name as it was sent
 */
public record FormError(String target, String label, String message) {}
