package org.unodc.uponrequest.security;

import org.unodc.uponrequest.postgres.OnPostgres;

/** Two people completing the same task at once, through every door, on PostgreSQL's row locks. */
@OnPostgres
class ConcurrentCompletionOnPostgresTest extends ConcurrentCompletionTest {}
