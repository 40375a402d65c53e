package org.unodc.uponrequest.tasklist;

import org.unodc.uponrequest.postgres.OnPostgres;

/** The same races on the production database, where a statement sees what committed before it began. */
@OnPostgres
class KeptTaskListRaceOnPostgresTest extends KeptTaskListRaceTest {}
