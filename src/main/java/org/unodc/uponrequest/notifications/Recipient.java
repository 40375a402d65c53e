package org.unodc.uponrequest.notifications;

import org.unodc.uponrequest.portal.Languages;

/**
 * Someone a mail goes to, and in which language.
 *
 * @param user the Camunda user, {@code null} for an address that belongs to no user (a requester's e-mail)
 */
record Recipient(String address, String user, Languages language) {}
