package org.unodc.uponrequest.tasklist;

import org.unodc.uponrequest.postgres.OnPostgres;

/** The kept task list's statements on the production database too. */
@OnPostgres
class KeptTaskListOnPostgresTest extends KeptTaskListTest {}
