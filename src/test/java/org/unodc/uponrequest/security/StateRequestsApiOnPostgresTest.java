package org.unodc.uponrequest.security;

import org.unodc.uponrequest.postgres.OnPostgres;

/** The member states' request API, filing to registration, on PostgreSQL. */
@OnPostgres
class StateRequestsApiOnPostgresTest extends StateRequestsApiTest {}
