package org.unodc.uponrequest.security;

import org.unodc.uponrequest.postgres.OnPostgres;

/** The row-by-row authorization checks, on the database where they are switched on. */
@OnPostgres
class AuthorizationChecksAtScaleOnPostgresTest extends AuthorizationChecksAtScaleTest {}
