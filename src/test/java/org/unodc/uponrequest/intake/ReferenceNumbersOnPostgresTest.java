package org.unodc.uponrequest.intake;

import org.unodc.uponrequest.postgres.OnPostgres;

/** Reference numbers from each year's own sequence (PostgreSQL's nextval), on PostgreSQL. */
@OnPostgres
class ReferenceNumbersOnPostgresTest extends ReferenceNumbersTest {}
