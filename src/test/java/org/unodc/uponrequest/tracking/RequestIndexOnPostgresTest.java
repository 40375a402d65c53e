package org.unodc.uponrequest.tracking;

import org.unodc.uponrequest.postgres.OnPostgres;

/** The request index kept by the engine's history events, on PostgreSQL. */
@OnPostgres
class RequestIndexOnPostgresTest extends RequestIndexTest {}
