package org.unodc.uponrequest.tasklist;

import org.unodc.uponrequest.postgres.OnPostgres;

/** The shared filters' own SQL, held to Camunda's answers on the production database too. */
@OnPostgres
class SharedFilterPagesOnPostgresTest extends SharedFilterPagesTest {}
