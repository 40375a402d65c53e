package org.unodc.uponrequest.intake;

import org.unodc.uponrequest.postgres.OnPostgres;

/** The intake inbox: filings kept, claimed, registered and retried, on PostgreSQL. */
@OnPostgres
class IntakeInboxOnPostgresTest extends IntakeInboxTest {}
