package org.unodc.uponrequest.portal.forms;

/** One option of a radio group, select, checklist or taglist; {@code id} is its input's id. */
public record FormOption(String id, String value, String label, boolean selected) {}
