package org.unodc.uponrequest.notifications;

import org.unodc.uponrequest.postgres.OnPostgres;

/** Mails through the outbox to a real SMTP server, on PostgreSQL. */
@OnPostgres
class NotificationMailOnPostgresTest extends NotificationMailTest {}
